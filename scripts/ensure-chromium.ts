import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

/**
 * npm pretest: the browser tests drive Debian's chromium (CHROMIUM_PATH, default
 * /usr/bin/chromium). When it is missing and we are root, installs it with apt-get;
 * otherwise stops with one line saying what to run.
 */
const DEFAULT_PATH = '/usr/bin/chromium';

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function fail(message: string): never {
  process.stderr.write(`ensure-chromium: ${message}\n`);
  process.exit(1);
}

function installWithApt(): void {
  // noninteractive: CI runs without a terminal, and debconf would otherwise ask.
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'chromium']]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (result.error || result.status !== 0) {
      fail(`apt-get ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`}); install chromium yourself or set CHROMIUM_PATH`);
    }
  }
}

function main(): void {
  const given = process.env.CHROMIUM_PATH;
  if (given) {
    if (!isExecutable(given)) fail(`CHROMIUM_PATH=${given} is not an executable file; point it at a chromium binary or unset it`);
    return;
  }
  if (isExecutable(DEFAULT_PATH)) return;

  const root = process.getuid?.() === 0;
  const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!root || !hasApt) {
    fail(
      `chromium is missing at ${DEFAULT_PATH}; run \`sudo apt-get install -y chromium\` (Debian/Ubuntu) or set CHROMIUM_PATH to a chromium binary, then npm test again`,
    );
  }
  process.stdout.write(`ensure-chromium: ${DEFAULT_PATH} is missing; installing Debian's chromium with apt-get\n`);
  installWithApt();
  if (!isExecutable(DEFAULT_PATH)) fail(`apt-get installed chromium but ${DEFAULT_PATH} is still missing; set CHROMIUM_PATH`);
  const version = execFileSync(DEFAULT_PATH, ['--version'], { encoding: 'utf8' }).trim();
  process.stdout.write(`ensure-chromium: installed ${version}\n`);
}

main();
