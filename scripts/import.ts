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
    for (const r of await loadSeedDirectory(executor, dir)) console.log(`${r.file}: ${r.nodes} nodes, ${r.relationships} relationships merged`);
    console.log(`audit log: ${await importChanges(executor, dir)} changes`);
  });
}

main().catch((error: Error) => {
  console.error(error instanceof SeedFileError ? error.message : `import failed: ${error.message}`);
  process.exit(1);
});
