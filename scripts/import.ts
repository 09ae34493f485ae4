import * as path from 'node:path';
import { loadConfig } from '../src/config';
import { createDriver, resolveNeo4jTarget } from '../src/db/driver';
import { Executor } from '../src/db/executor';
import { applyMigrations } from '../src/db/migrations';
import { importChanges } from '../src/seed/exportGraph';
import { loadSeedDirectory, SeedFileError } from '../src/seed/loadSeed';

/** npm run import -- --dir DIR: applies migrations, loads an export (or any folder of seed files) and its audit log. Idempotent. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (!args.includes('--dir') || !args[args.indexOf('--dir') + 1]) throw new Error('usage: npm run import -- --dir DIR');
  const dir = path.resolve(args[args.indexOf('--dir') + 1]!);
  const config = loadConfig();
  const target = await resolveNeo4jTarget(config);
  const driver = createDriver(target, config);
  try {
    const executor = new Executor(driver, { database: target.database, timeoutMs: 300_000 });
    await applyMigrations(executor);
    for (const r of await loadSeedDirectory(executor, dir)) console.log(`${r.file}: ${r.nodes} nodes, ${r.relationships} relationships merged`);
    console.log(`audit log: ${await importChanges(executor, dir)} changes`);
  } finally {
    await driver.close();
  }
}

main().catch((error: Error) => {
  console.error(error instanceof SeedFileError ? error.message : `import failed: ${error.message}`);
  process.exit(1);
});
