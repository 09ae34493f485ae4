/**
 * npm run bench:load -- [--orgs 10000] [--seed 1] [--import DIR] [--rounds 2] [--warm 2]
 *                       [--instance loadbench] [--targets ours,floor]
 *
 * Loading, measured side by side with its floor in one run, on a local instance
 * this benchmark owns (its store is deleted before every cold run; ports from
 * NEO4J_LOCAL_BOLT_PORT / NEO4J_LOCAL_HTTP_PORT, default 7751 / 7541; heap and page
 * cache from NEO4J_LOCAL_HEAP / NEO4J_LOCAL_PAGECACHE, default 1g each).
 *   ours   the real command, spawned as a user runs it: `npm run gen -- --orgs N --seed S --no-bulk`
 *          (or `npm run import -- --dir DIR --no-bulk`), its own "in X s" figure: the
 *          transactional loader with everything it writes (properties, provenance,
 *          audit, every index of the migrations).
 *   floor  the same graph through bare neo4j-driver Cypher: the same entity ids and
 *          labels, the same relationships (type and ends), in as many transactions
 *          as ours used, each an UNWIND of node creates and then of relationship
 *          creates; one uniqueness constraint and nothing else: no property, no
 *          provenance, no other index. No loader writing the same graph can beat it.
 * Each round runs each target cold (a server just started on an empty store, as
 * `npm run gen` into a new instance meets it) and then --warm times warm (the same
 * server, everything but the schema deleted), and alternates which target goes
 * first. No peer is measured: the other way to load is neo4j-admin import, which
 * is this project's own bulk path (see docs/benchmarks.md for its figures).
 * Results go to .artifacts/bench/load-<timestamp>.json.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import {
  localInstance,
  localNeo4jStatus,
  resetLocalNeo4j,
  startLocalNeo4j,
  stopLocalNeo4j,
  type LocalConnection,
} from '../src/db/localNeo4j';

const root = path.resolve(__dirname, '..');
const arg = (name: string, fallback?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const ORGS = Number(arg('orgs', '10000'));
const SEED = Number(arg('seed', '1'));
const IMPORT_DIR = arg('import');
const ROUNDS = Math.max(1, Number(arg('rounds', '2')));
const WARM = Math.max(0, Number(arg('warm', '2')));
const TARGETS = arg('targets', 'ours,floor')!.split(',') as Target[];
const instance = localInstance(arg('instance', 'loadbench')!, {
  ...process.env,
  NEO4J_LOCAL_BOLT_PORT: process.env.NEO4J_LOCAL_BOLT_PORT ?? '7751',
  NEO4J_LOCAL_HTTP_PORT: process.env.NEO4J_LOCAL_HTTP_PORT ?? '7541',
  NEO4J_LOCAL_HEAP: process.env.NEO4J_LOCAL_HEAP ?? '1g',
  NEO4J_LOCAL_PAGECACHE: process.env.NEO4J_LOCAL_PAGECACHE ?? '1g',
});
const instanceEnv = {
  NEO4J_LOCAL_BOLT_PORT: String(instance.boltPort),
  NEO4J_LOCAL_HTTP_PORT: String(instance.httpPort),
  NEO4J_LOCAL_HEAP: instance.heap,
  NEO4J_LOCAL_PAGECACHE: instance.pageCache,
};

type Target = 'ours' | 'floor';
type Server = 'cold' | 'warm';
interface Run {
  round: number;
  target: Target;
  server: Server;
  seconds: number;
  relationships: number;
  transactions: number;
  perSecond: number;
  loadAverage: [number, number];
}
/** The graph ours wrote, as the floor writes it again: entity ids and labels, and relationships between entities. */
interface Topology {
  nodes: { id: string; label: string }[];
  relationships: { type: string; from: string; to: string }[];
  transactions: number;
}

const loadAverage = () => Number(fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);

/** A server just started on an empty store. */
async function coldServer(): Promise<LocalConnection> {
  if (localNeo4jStatus(instance).running) await stopLocalNeo4j(instance);
  resetLocalNeo4j(instance);
  return startLocalNeo4j(instance);
}

/** Deletes everything but the schema and the migrations' record, so the next load meets a warm server and an empty graph. */
async function emptyGraph(driver: Driver): Promise<void> {
  const session = driver.session();
  try {
    // CALL … IN TRANSACTIONS runs only in an auto-commit transaction (session.run)
    // relationships first: a hub's DETACH DELETE would hold all of its relationships in one batch
    await session.run('MATCH ()-[r]->() CALL { WITH r DELETE r } IN TRANSACTIONS OF 20000 ROWS');
    await session.run('MATCH (n) WHERE NOT n:Migration CALL { WITH n DELETE n } IN TRANSACTIONS OF 20000 ROWS');
  } finally {
    await session.close();
  }
}

/** Runs ours (the real npm command) and returns its own timing and how many documents (transactions) it wrote. */
async function runOurs(conn: LocalConnection): Promise<{ seconds: number; transactions: number }> {
  const args = IMPORT_DIR
    ? ['run', 'import', '--', '--dir', IMPORT_DIR, '--no-bulk']
    : ['run', 'gen', '--', '--orgs', String(ORGS), '--seed', String(SEED), '--no-bulk', '--instance', instance.name];
  const child = spawn('npm', args, {
    cwd: root,
    env: { ...process.env, ...instanceEnv, NEO4J_URI: conn.uri, NEO4J_PASSWORD: conn.password, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const done = /loaded (\d+) (?:documents|files)\b.* in ([\d.]+) s = \d+ relationships\/s/.exec(output);
  if (code !== 0 || !done) throw new Error(`npm ${args.join(' ')} failed (exit ${code}):\n${output.slice(-2000)}`);
  return { seconds: Number(done[2]), transactions: Number(done[1]) };
}

async function readTopology(driver: Driver, transactions: number): Promise<Topology> {
  const nodes = await driver.executeQuery(
    "MATCH (n:Entity) RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label ORDER BY id",
  );
  const relationships = await driver.executeQuery('MATCH (a:Entity)-[r]->(b:Entity) RETURN type(r) AS type, a.id AS from, b.id AS to');
  return {
    nodes: nodes.records.map((r) => ({ id: r.get('id') as string, label: r.get('label') as string })),
    relationships: relationships.records.map((r) => ({ type: r.get('type') as string, from: r.get('from') as string, to: r.get('to') as string })),
    transactions,
  };
}

/**
 * The floor's plan: the nodes cut into `transactions` equal chunks, and each
 * relationship in the first transaction where both its ends exist.
 */
function floorTransactions(topology: Topology): { nodes: Topology['nodes']; relationships: Topology['relationships'] }[] {
  const count = Math.max(1, topology.transactions);
  const size = Math.ceil(topology.nodes.length / count);
  const txOf = new Map<string, number>();
  const plan = Array.from({ length: count }, () => ({ nodes: [] as Topology['nodes'], relationships: [] as Topology['relationships'] }));
  topology.nodes.forEach((node, i) => {
    const tx = Math.floor(i / size);
    txOf.set(node.id, tx);
    plan[tx]!.nodes.push(node);
  });
  for (const rel of topology.relationships) plan[Math.max(txOf.get(rel.from)!, txOf.get(rel.to)!)]!.relationships.push(rel);
  return plan;
}

async function runFloor(driver: Driver, topology: Topology): Promise<{ seconds: number; relationships: number; transactions: number }> {
  const plan = floorTransactions(topology);
  const started = performance.now();
  await driver.executeQuery('CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE');
  const session = driver.session();
  try {
    for (const tx of plan) {
      await session.executeWrite(async (work) => {
        await work.run('UNWIND $rows AS row CREATE (n:Entity:$(row.label) {id: row.id})', { rows: tx.nodes });
        await work.run(
          'UNWIND $rows AS row MATCH (a:Entity {id: row.from}) MATCH (b:Entity {id: row.to}) CREATE (a)-[:$(row.type)]->(b)',
          { rows: tx.relationships },
        );
      });
    }
  } finally {
    await session.close();
  }
  const seconds = (performance.now() - started) / 1000;
  return { seconds, relationships: await entityRelationships(driver), transactions: plan.length };
}

/** Relationships between entities in the graph: what both targets are rated by. */
async function entityRelationships(driver: Driver): Promise<number> {
  const [row] = (await driver.executeQuery('MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS n')).records;
  return Number(row!.get('n'));
}

async function main(): Promise<void> {
  const runs: Run[] = [];
  let topology: Topology | undefined;
  const record = (round: number, target: Target, server: Server, load0: number, result: { seconds: number; relationships: number; transactions: number }) => {
    const run: Run = { round, target, server, ...result, perSecond: Math.round(result.relationships / result.seconds), loadAverage: [load0, loadAverage()] };
    runs.push(run);
    console.log(
      `round ${round} ${target} ${server}: ${run.relationships} relationships in ${run.transactions} transactions, ${run.seconds.toFixed(2)} s = ${run.perSecond}/s (load ${load0} -> ${run.loadAverage[1]})`,
    );
  };
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      // ours goes first in odd rounds; the floor needs ours' graph, so it cannot go first before ours ran once
      const order: Target[] = round % 2 === 1 || !topology ? ['ours', 'floor'] : ['floor', 'ours'];
      for (const target of order.filter((t) => TARGETS.includes(t))) {
        const conn = await coldServer();
        const driver = neo4j.driver(conn.uri, neo4j.auth.basic(conn.username, conn.password));
        try {
          for (let i = 0; i <= WARM; i++) {
            const server: Server = i === 0 ? 'cold' : 'warm';
            if (i > 0) await emptyGraph(driver);
            const load0 = loadAverage();
            if (target === 'ours') {
              const result = { ...(await runOurs(conn)), relationships: await entityRelationships(driver) };
              record(round, target, server, load0, result);
              if (!topology) topology = await readTopology(driver, result.transactions);
            } else {
              if (!topology) throw new Error('the floor writes the graph ours wrote: add ours to --targets');
              record(round, target, server, load0, await runFloor(driver, topology));
            }
          }
        } finally {
          await driver.close();
        }
      }
    }
  } finally {
    await stopLocalNeo4j(instance);
  }
  summarize(runs);
  const out = path.join(root, '.artifacts', 'bench');
  fs.mkdirSync(out, { recursive: true });
  const file = path.join(out, `load-${Date.now()}.json`);
  fs.writeFileSync(file, JSON.stringify({ orgs: ORGS, seed: SEED, import: IMPORT_DIR, instance, runs }, null, 2));
  console.log(`written to ${path.relative(root, file)}`);
}

function summarize(runs: Run[]): void {
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = (sorted.length - 1) / 2;
    return (sorted[Math.floor(middle)]! + sorted[Math.ceil(middle)]!) / 2;
  };
  console.log('\n| target | server | runs | seconds (median) | relationships/s (median) | range /s |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  const rate: Record<string, number> = {};
  for (const target of ['ours', 'floor'] as Target[]) {
    for (const server of ['cold', 'warm'] as Server[]) {
      const these = runs.filter((r) => r.target === target && r.server === server);
      if (these.length === 0) continue;
      rate[`${target} ${server}`] = Math.round(median(these.map((r) => r.perSecond)));
      const rates = these.map((r) => r.perSecond);
      console.log(
        `| ${target} | ${server} | ${these.length} | ${median(these.map((r) => r.seconds)).toFixed(2)} | ${rate[`${target} ${server}`]} | ${Math.min(...rates)}–${Math.max(...rates)} |`,
      );
    }
  }
  for (const server of ['cold', 'warm']) {
    const ours = rate[`ours ${server}`];
    const floor = rate[`floor ${server}`];
    if (ours && floor) console.log(`${server}: ours reaches ${((ours / floor) * 100).toFixed(0)} % of the floor's rate`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
