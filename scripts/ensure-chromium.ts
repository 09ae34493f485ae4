import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

/**
 * npm pretest: the browser tests drive Debian's chromium (CHROMIUM_PATH, default
 * /usr/bin/chromium) and screenshot pages in Japanese and Chinese, which need a
 * CJK font on the system (the pages download no web font). When chromium or a
 * CJK font (`fc-list :lang=ja` lists none) is missing and we are root, installs
 * Debian's chromium or fonts-noto-cjk with apt-get; otherwise stops with one
 * line saying what to run.
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

/** Installs Debian packages with apt-get (after an update), or stops saying what failed and `otherwise`. */
function installWithApt(packages: string[], otherwise: string): void {
  // noninteractive: CI runs without a terminal, and debconf would otherwise ask.
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', ...packages]]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (result.error || result.status !== 0) {
      fail(`apt-get ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`}); ${otherwise}`);
    }
  }
}

const canApt = (): boolean => process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;

/** Whether fontconfig knows a font with Japanese glyphs (Noto CJK covers Traditional Chinese too). */
function hasCjkFont(): boolean {
  const result = spawnSync('fc-list', [':lang=ja'], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim() !== '';
}

/** Japanese and Chinese screenshots need a CJK font, or they show boxes. */
function ensureCjkFont(): void {
  if (hasCjkFont()) return;
  if (!canApt()) {
    fail('no CJK font is installed (fc-list :lang=ja lists none); run `sudo apt-get install -y fonts-noto-cjk` (Debian/Ubuntu), then npm test again');
  }
  process.stdout.write('ensure-chromium: no CJK font; installing Debian\'s fonts-noto-cjk with apt-get\n');
  installWithApt(['fonts-noto-cjk'], 'install fonts-noto-cjk yourself');
  if (!hasCjkFont()) fail('apt-get installed fonts-noto-cjk but fc-list :lang=ja still lists no font');
}

function ensureChromium(): void {
  const given = process.env.CHROMIUM_PATH;
  if (given) {
    if (!isExecutable(given)) fail(`CHROMIUM_PATH=${given} is not an executable file; point it at a chromium binary or unset it`);
    return;
  }
  if (isExecutable(DEFAULT_PATH)) return;

  if (!canApt()) {
    fail(
      `chromium is missing at ${DEFAULT_PATH}; run \`sudo apt-get install -y chromium\` (Debian/Ubuntu) or set CHROMIUM_PATH to a chromium binary, then npm test again`,
    );
  }
  process.stdout.write(`ensure-chromium: ${DEFAULT_PATH} is missing; installing Debian's chromium with apt-get\n`);
  installWithApt(['chromium'], 'install chromium yourself or set CHROMIUM_PATH');
  if (!isExecutable(DEFAULT_PATH)) fail(`apt-get installed chromium but ${DEFAULT_PATH} is still missing; set CHROMIUM_PATH`);
  const version = execFileSync(DEFAULT_PATH, ['--version'], { encoding: 'utf8' }).trim();
  process.stdout.write(`ensure-chromium: installed ${version}\n`);
}

ensureChromium();
ensureCjkFont();
