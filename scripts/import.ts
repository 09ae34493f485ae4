import * as path from 'node:path';
import { loadConfig } from '../src/config';
import { localInstanceAt, storeIsAbsent } from '../src/localNeo4j/bulkImport';
import { DEFAULT_INSTANCES, localNeo4jStatus } from '../src/localNeo4j/server';
import { migrateGraph } from '../src/ingest/migrateGraph';
import { BulkGraph, bulkNotWorthIt, bulkRefusal, loadInBulk } from '../src/ingest/bulkLoad';
import { importChanges, importClaims, importIdentityDecisions } from '../src/ingest/exportGraph';
import { recordLoad } from '../src/ingest/loadRecord';
import { loadSeedFiles, SeedFileError, type LoadResult } from '../src/ingest/loadSeed';
import { readSeedDirectoryInParallel } from '../src/ingest/readInParallel';
import { argument, withExecutor } from './database';

/**
 * npm run import -- --dir DIR [--bulk | --no-bulk]: loads an export (or any folder of
 * seed files) and its audit log. A large folder (BULK_MIN_RELATIONSHIPS) or --bulk into
 * an empty database of the project's local server takes the offline bulk path
 * (neo4j-admin import: the server is stopped and started again); anything else, or
 * --no-bulk, the transactional loader, which is idempotent (and creates rather than
 * merges into a graph without entities). Migrations are applied either way.
 */
async function main(): Promise<void> {
  const given = argument('dir');
  if (!given) throw new Error('usage: npm run import -- --dir DIR [--bulk | --no-bulk]');
  const dir = path.resolve(given);
  const config = loadConfig();
  const started = performance.now();
  const files = await readSeedDirectoryInParallel(dir);
  const results: LoadResult[] = [];
  let changes = 0;
  let claims = 0;
  let identities = 0;
  let steps = '';

  const instance = config.NEO4J_URI ? localInstanceAt(config.NEO4J_URI) : DEFAULT_INSTANCES[config.NEO4J_LOCAL_INSTANCE];
  let refusal: string | undefined = process.argv.includes('--no-bulk')
    ? 'not asked for (--no-bulk)'
    : process.argv.includes('--bulk')
      ? undefined
      : bulkNotWorthIt(files.reduce((sum, f) => sum + f.data.relationships.length, 0));
  if (!refusal) {
    const fresh = instance && !localNeo4jStatus(instance).running && storeIsAbsent(instance);
    refusal = fresh ? undefined : await withExecutor((executor) => bulkRefusal(instance, executor));
  }
  if (instance && !refusal) {
    const report = await loadInBulk(
      instance,
      () => {
        const graph = new BulkGraph();
        for (const { file, data } of files) results.push(graph.add(data, path.basename(file)));
        return graph;
      },
      { database: config.NEO4J_DATABASE, after: async (executor) => {
        changes = await importChanges(executor, dir);
        claims = await importClaims(executor, dir);
        identities = await importIdentityDecisions(executor, dir);
        await recordLoad(executor, loadRecord(results, dir));
      }, log: console.log },
    );
    const s = report.seconds;
    steps = ` (bulk path: graph ${s.build.toFixed(1)}, CSV ${s.csv.toFixed(1)}, server stop ${s.stop.toFixed(1)}, neo4j-admin import ${s.import.toFixed(1)}, server start ${s.start.toFixed(1)}, migrations ${s.migrations.toFixed(1)}, values CSV cannot carry ${s.patch.toFixed(1)}, audit log ${s.after.toFixed(1)} s)`;
  } else {
    console.log(`transactional load: the bulk path is not taken because ${refusal}`);
    await withExecutor(async (executor) => {
      await migrateGraph(executor);
      results.push(...(await loadSeedFiles(executor, files)));
      changes = await importChanges(executor, dir);
      claims = await importClaims(executor, dir);
      identities = await importIdentityDecisions(executor, dir);
      await recordLoad(executor, loadRecord(results, dir));
    });
  }
  const seconds = (performance.now() - started) / 1000;
  for (const r of results) console.log(`${r.file}: ${r.nodes} nodes, ${r.relationships} relationships merged`);
  const relationships = results.reduce((sum, r) => sum + r.relationships, 0);
  console.log(`audit log: ${changes} changes; claims: ${claims}; identity decisions: ${identities}`);
  console.log(`loaded ${results.length} files in ${seconds.toFixed(1)} s = ${Math.round(relationships / seconds)} relationships/s${steps}`);
}

/** The one audit entry a whole import leaves. */
function loadRecord(results: LoadResult[], dir: string) {
  const nodes = results.reduce((sum, r) => sum + r.nodes, 0);
  const relationships = results.reduce((sum, r) => sum + r.relationships, 0);
  return { loader: 'import' as const, summary: `imported ${results.length} files: ${nodes} nodes, ${relationships} relationships`, note: `npm run import -- --dir ${path.basename(dir)}` };
}

main().catch((error: Error) => {
  console.error(error instanceof SeedFileError ? error.message : `import failed: ${error.message}`);
  process.exit(1);
});
