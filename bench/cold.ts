/**
 * npm run bench:cold -- [--instance bench] [--uri … --password …] [--seed-queries]
 *
 * Cold planning: how long the first request of each read shape takes when
 * Neo4j has never planned its Cypher, against the second (plan cached). Clears
 * Neo4j's query caches (db.clearQueryCaches), starts the real API, sends one
 * request of an unrelated shape (its connection and first-request path), then
 * sends each operation twice with the same input and reports both times.
 * --seed-queries adds the two relations queries measured on the seed graph
 * (run it against the dev instance, which holds the seed).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import neo4j from 'neo4j-driver';
import { workload } from './workload';

const root = path.resolve(__dirname, '..');
const arg = (name: string, fallback?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const INSTANCE = arg('instance', 'bench')!;
const URI = arg('uri') ?? process.env.NEO4J_URI ?? `bolt://127.0.0.1:${process.env.NEO4J_LOCAL_BOLT_PORT ?? '7702'}`;
const PASSWORD = arg('password') ?? process.env.NEO4J_PASSWORD ?? fs.readFileSync(path.join(root, '.neo4j', INSTANCE, 'password'), 'utf8').trim();
const PORT = 4111;

const SEED_QUERIES = [
  { name: 'relations of bpipo', query: '{ entity(id: "bpipo") { relations { type } } }' },
  { name: 'relations of countries', query: '{ countries { relations(first: 947) { properties } } }' },
];

async function main(): Promise<void> {
  const driver = neo4j.driver(URI, neo4j.auth.basic('neo4j', PASSWORD));
  await driver.executeQuery('CALL db.clearQueryCaches()');
  await driver.close();
  const api = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { ...process.env, NEO4J_URI: URI, NEO4J_PASSWORD: PASSWORD, PORT: String(PORT), HOST: '127.0.0.1', SEED_ON_START: 'false', NODE_ENV: 'production', LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    const spawned = performance.now();
    for (let i = 0; ; i++) {
      // /ready: listening, Neo4j reachable and the start-up planner warm-up done.
      if ((await fetch(`http://127.0.0.1:${PORT}/ready`).catch(() => null))?.ok) break;
      if (i > 480) throw new Error('the API did not come up');
      await new Promise((r) => setTimeout(r, 250));
    }
    console.log(`API ready (listening, planner warm-up done) ${((performance.now() - spawned) / 1000).toFixed(1)} s after spawn`);
    const orgs = Number(arg('orgs', '10000'));
    const cases = [
      ...workload(orgs)
        .filter((op) => ['detail', 'list', 'search'].includes(op.name))
        .map((op) => ({ name: op.name, query: op.ours, variables: op.inputs[0] })),
      ...(process.argv.includes('--seed-queries') ? SEED_QUERIES : []),
    ];
    // A long-running API and server meet a new shape warm: one request of an unrelated shape
    // opens the driver's connection and runs the API's first-request path before the timed cases.
    const warm = performance.now();
    await fetch(`http://127.0.0.1:${PORT}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ sources { id } }' }) });
    console.log(`API warm-up request ({ sources { id } }, not counted): ${(performance.now() - warm).toFixed(1)} ms`);
    console.log('| request | first (cold plan) ms | second (cached) ms |\n| --- | ---: | ---: |');
    for (const c of cases) {
      const times: number[] = [];
      for (let run = 0; run < 2; run++) {
        const started = performance.now();
        const res = await fetch(`http://127.0.0.1:${PORT}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: c.query, variables: 'variables' in c ? c.variables : {} }),
        });
        const text = await res.text();
        times.push(performance.now() - started);
        if (res.status !== 200 || text.includes('"errors"')) console.log(`  ${c.name}: HTTP ${res.status} ${text.slice(0, 200)}`);
      }
      console.log(`| ${c.name} | ${times[0]!.toFixed(1)} | ${times[1]!.toFixed(1)} |`);
    }
  } finally {
    api.kill('SIGTERM');
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
