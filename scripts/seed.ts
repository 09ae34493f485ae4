import { migrateGraph } from '../src/ingest/migrateGraph';
import { loadEverySeed } from '../src/ingest/loadEcosystem';
import { recordLoad } from '../src/ingest/loadRecord';
import { SeedFileError } from '../src/ingest/loadSeed';
import { withExecutor } from './database';

/** npm run seed: applies migrations, then loads every file in seed/ and seed/ecosystem/ (idempotent). */
async function main(): Promise<void> {
  await withExecutor(async (executor) => {
    const migrations = await migrateGraph(executor);
    console.log(`migrations: ${migrations.applied.length} applied, ${migrations.skipped.length} already in place`);
    const { forum, ecosystem } = await loadEverySeed(executor);
    for (const result of forum) console.log(`${result.file}: ${result.nodes} nodes, ${result.relationships} relationships merged`);
    for (const r of ecosystem) console.log(`ecosystem/${r.file}: ${r.sources} sources, ${r.nodes} nodes, ${r.relationships} relationships, ${r.claims} claims merged`);
    const nodes = [...forum, ...ecosystem].reduce((sum, r) => sum + r.nodes, 0);
    const relationships = [...forum, ...ecosystem].reduce((sum, r) => sum + r.relationships, 0);
    await recordLoad(executor, { loader: 'seed', summary: `loaded ${forum.length + ecosystem.length} seed files: ${nodes} nodes, ${relationships} relationships`, note: 'npm run seed: seed/ and seed/ecosystem/' });
  });
}

main().catch((error: Error) => {
  console.error(error instanceof SeedFileError ? error.message : `seed failed: ${error.message}`);
  process.exit(1);
});
