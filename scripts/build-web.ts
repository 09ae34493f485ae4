/**
 * Builds the browser pages (web/) into web/dist with Vite.
 *
 *   tsx scripts/build-web.ts            always build
 *   tsx scripts/build-web.ts --if-stale build only when web/dist is missing or
 *                                       older than a source file under web/ or
 *                                       src/domain (the pages bundle the model)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const webDir = resolve(__dirname, '..', 'web');
const domainDir = resolve(__dirname, '..', 'src', 'domain');
const distDir = join(webDir, 'dist');
const stampFile = join(distDir, '.build-stamp');

/** Newest modification time of the sources under web/ (dist and node_modules excluded). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

/** True when web/dist is missing or older than its sources, the domain model it bundles, or the lock file. */
export function webBuildIsStale(): boolean {
  if (!existsSync(stampFile)) return true;
  const built = statSync(stampFile).mtimeMs;
  const lock = join(webDir, '..', 'package-lock.json');
  const lockTime = existsSync(lock) ? statSync(lock).mtimeMs : 0;
  return Math.max(newestSource(webDir), newestSource(domainDir)) > built || lockTime > built;
}

/** Runs `vite build` for web/ and writes the stamp; throws when the build fails. */
export function buildWeb(): void {
  const vite = resolve(webDir, '..', 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', join(webDir, 'vite.config.mjs')], {
    cwd: webDir,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status ?? result.signal})`);
  writeFileSync(stampFile, new Date().toISOString() + '\n');
}

if (require.main === module) {
  const ifStale = process.argv.includes('--if-stale');
  if (ifStale && !webBuildIsStale()) {
    process.exit(0);
  }
  const started = Date.now();
  try {
    buildWeb();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  console.log(`web assets built into web/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
