import * as path from 'node:path';
import { loadConfig } from '../src/config';
import { createDriver, resolveNeo4jTarget } from '../src/db/driver';
import { Executor } from '../src/db/executor';
import { exportGraph, writeExport } from '../src/seed/exportGraph';

/** npm run export -- [--out DIR]: writes the whole graph as seed files (default .artifacts/export). */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const out = path.resolve(args[args.indexOf('--out') + 1] && args.includes('--out') ? args[args.indexOf('--out') + 1]! : '.artifacts/export');
  const config = loadConfig();
  const target = await resolveNeo4jTarget(config);
  const driver = createDriver(target, config);
  try {
    const graph = await exportGraph(new Executor(driver, { database: target.database, timeoutMs: 300_000 }));
    writeExport(out, graph);
    const counts = graph.files.map((f) => `${f.name}: ${f.data.nodes.length} nodes, ${f.data.relationships.length} relationships`);
    console.log([...counts, `audit/changes.json: ${graph.changes.length} changes`, `written to ${out}`].join('\n'));
  } finally {
    await driver.close();
  }
}

main().catch((error: Error) => {
  console.error(`export failed: ${error.message}`);
  process.exit(1);
});
