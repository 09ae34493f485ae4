import * as path from 'node:path';
import { exportGraph, writeExport } from '../src/ingest/exportGraph';
import { argument, withExecutor } from './database';

/** npm run export -- [--out DIR]: writes the whole graph as seed files (default .artifacts/export). */
async function main(): Promise<void> {
  const out = path.resolve(argument('out') ?? '.artifacts/export');
  const graph = await withExecutor(exportGraph);
  writeExport(out, graph);
  const counts = graph.files.map((f) => `${f.name}: ${f.data.nodes.length} nodes, ${f.data.relationships.length} relationships`);
  console.log([...counts, `audit/changes.json: ${graph.changes.length} changes`, `written to ${out}`].join('\n'));
}

main().catch((error: Error) => {
  console.error(`export failed: ${error.message}`);
  process.exit(1);
});
