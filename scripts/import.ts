import * as path from 'node:path';
import { applyMigrations } from '../src/db/migrations';
import { importChanges } from '../src/seed/exportGraph';
import { loadSeedDirectory, SeedFileError } from '../src/seed/loadSeed';
import { argument, withExecutor } from './database';

/** npm run import -- --dir DIR: applies migrations, loads an export (or any folder of seed files) and its audit log. Idempotent. */
async function main(): Promise<void> {
  const given = argument('dir');
  if (!given) throw new Error('usage: npm run import -- --dir DIR');
  const dir = path.resolve(given);
  await withExecutor(async (executor) => {
    await applyMigrations(executor);
    const started = performance.now();
    const results = await loadSeedDirectory(executor, dir);
    const seconds = (performance.now() - started) / 1000;
    for (const r of results) console.log(`${r.file}: ${r.nodes} nodes, ${r.relationships} relationships merged`);
    const relationships = results.reduce((sum, r) => sum + r.relationships, 0);
    console.log(`loaded ${results.length} files in ${seconds.toFixed(1)} s = ${Math.round(relationships / seconds)} relationships/s`);
    console.log(`audit log: ${await importChanges(executor, dir)} changes`);
  });
}

main().catch((error: Error) => {
  console.error(error instanceof SeedFileError ? error.message : `import failed: ${error.message}`);
  process.exit(1);
});
