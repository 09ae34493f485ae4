import { applyMigrations } from '../src/db/migrations';
import { loadSeedDirectory, SeedFileError } from '../src/seed/loadSeed';
import { withExecutor } from './database';

/** npm run seed: applies migrations, then loads every file in seed/ (idempotent). */
async function main(): Promise<void> {
  await withExecutor(async (executor) => {
    const migrations = await applyMigrations(executor);
    console.log(`migrations: ${migrations.applied.length} applied, ${migrations.skipped.length} already in place`);
    for (const result of await loadSeedDirectory(executor)) {
      console.log(`${result.file}: ${result.nodes} nodes, ${result.relationships} relationships merged`);
    }
  });
}

main().catch((error: Error) => {
  console.error(error instanceof SeedFileError ? error.message : `seed failed: ${error.message}`);
  process.exit(1);
});
