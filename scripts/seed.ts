import { loadConfig } from '../src/config';
import { createDriver, resolveNeo4jTarget } from '../src/db/driver';
import { Executor } from '../src/db/executor';
import { applyMigrations } from '../src/db/migrations';
import { loadSeedDirectory, SeedFileError } from '../src/seed/loadSeed';

/** npm run seed: applies migrations, then loads every file in seed/ (idempotent). */
async function main(): Promise<void> {
  const config = loadConfig();
  const target = await resolveNeo4jTarget(config);
  const driver = createDriver(target, config);
  try {
    const executor = new Executor(driver, { database: target.database, timeoutMs: 120_000 });
    const migrations = await applyMigrations(executor);
    console.log(`migrations: ${migrations.applied.length} applied, ${migrations.skipped.length} already in place`);
    for (const result of await loadSeedDirectory(executor)) {
      console.log(`${result.file}: ${result.nodes} nodes, ${result.relationships} relationships merged`);
    }
  } finally {
    await driver.close();
  }
}

main().catch((error: Error) => {
  console.error(error instanceof SeedFileError ? error.message : `seed failed: ${error.message}`);
  process.exit(1);
});
