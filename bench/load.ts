/**
 * npm run bench:load -- [--orgs 10000] [--seed 1] [--import DIR] [--rounds 2] [--warm 2]
 *                       [--instance loadbench] [--targets ours,floor,bare]
 *
 * Loading, measured side by side with its floors in one run, on a local instance
 * this benchmark owns (its store is deleted before every cold run, so `dev` and
 * `test` are refused; ports from
 * NEO4J_LOCAL_BOLT_PORT / NEO4J_LOCAL_HTTP_PORT, default 7751 / 7541; heap and page
 * cache from NEO4J_LOCAL_HEAP / NEO4J_LOCAL_PAGECACHE, default 1g each).
 *   ours   the real command, spawned as a user runs it: `npm run gen -- --orgs N --seed S --no-bulk`
 *          (or `npm run import -- --dir DIR --no-bulk`), its own "in X s" figure: the
 *          transactional loader with everything it writes (properties, provenance,
 *          audit, every index of the migrations).
 *   floor  the same job by hand: what ours wrote, read back from Neo4j (every entity
 *          with its labels, properties and STATED_IN, every source, every relationship
 *          with its properties), written again through neo4j-driver with the fewest
 *          statements that can (CREATE, SET n = props), under the same schema (the
 *          migrations' statements, timed as ours times its own), in as many
 *          transactions as ours used.
 *   bare   the same graph's shape only: entity ids and labels and the relationships'
 *          types and ends, one uniqueness constraint, no property, no provenance, no
 *          other index: what Neo4j does at the least for a graph of this shape.
 * Both floors put the entities into `transactions` equal chunks, each relationship in
 * the first transaction where both its ends exist.
 * Each round runs each target cold (a server just started on an empty store, as
 * `npm run gen` into a new instance meets it) and then --warm times warm (the same
 * server, everything but the schema deleted); the order of the targets reverses
 * every round. No peer is measured: the other way to load is neo4j-admin import, which
 * is this project's own bulk path (see docs/benchmarks.md for its figures).
 * Results go to .artifacts/bench/load-<timestamp>.json.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { splitStatements } from '../src/db/migrations';
import {
  DEFAULT_INSTANCES,
  localInstance,
  localNeo4jStatus,
  resetLocalNeo4j,
  startLocalNeo4j,
  stopLocalNeo4j,
  type LocalConnection,
} from '../src/localNeo4j/server';

const root = path.resolve(__dirname, '..');
const MIGRATIONS = path.join(root, 'cypher', 'migrations');
const arg = (name: string, fallback?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const ORGS = Number(arg('orgs', '10000'));
const SEED = Number(arg('seed', '1'));
const IMPORT_DIR = arg('import') === undefined ? undefined : path.resolve(arg('import')!);
const ROUNDS = Math.max(1, Number(arg('rounds', '2')));
const WARM = Math.max(0, Number(arg('warm', '2')));
const TARGETS = arg('targets', 'ours,floor,bare')!.split(',') as Target[];
const INSTANCE = arg('instance', 'loadbench')!;
if (DEFAULT_INSTANCES[INSTANCE]) throw new Error(`bench:load deletes its instance's store before every cold run: give it an instance of its own, not "${INSTANCE}"`);
const instance = localInstance(INSTANCE, {
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

type Target = 'ours' | 'floor' | 'bare';
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
/** Property values as the driver reads them (Integer and DateTime objects kept), so they are written back unchanged. */
type Properties = Record<string, unknown>;
/** The graph ours wrote, as the floors write it again. */
interface WrittenGraph {
  sources: Properties[];
  nodes: { id: string; label: string; props: Properties; statedIn: { source: string; evidence: unknown }[] }[];
  relationships: { type: string; from: string; to: string; props: Properties }[];
  transactions: number;
}
type Plan = { nodes: WrittenGraph['nodes']; relationships: WrittenGraph['relationships'] }[];

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

/** Reads back everything ours wrote that the floors write again (through a driver that keeps Neo4j's value types). */
async function readWrittenGraph(driver: Driver, transactions: number): Promise<WrittenGraph> {
  const sources = await driver.executeQuery('MATCH (s:Source) RETURN properties(s) AS props');
  const nodes = await driver.executeQuery(
    `MATCH (n:Entity)
     RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, properties(n) AS props,
            COLLECT { MATCH (n)-[st:STATED_IN]->(s:Source) RETURN {source: s.id, evidence: st.evidence} } AS statedIn
     ORDER BY id`,
  );
  const relationships = await driver.executeQuery(
    'MATCH (a:Entity)-[r]->(b:Entity) RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props',
  );
  return {
    sources: sources.records.map((r) => r.get('props') as Properties),
    nodes: nodes.records.map((r) => ({
      id: r.get('id') as string,
      label: r.get('label') as string,
      props: r.get('props') as Properties,
      statedIn: r.get('statedIn') as { source: string; evidence: unknown }[],
    })),
    relationships: relationships.records.map((r) => ({
      type: r.get('type') as string,
      from: r.get('from') as string,
      to: r.get('to') as string,
      props: r.get('props') as Properties,
    })),
    transactions,
  };
}

/** The entities cut into `transactions` equal chunks, each relationship in the first transaction where both its ends exist. */
function floorPlan(graph: WrittenGraph): Plan {
  const count = Math.max(1, graph.transactions);
  const size = Math.ceil(graph.nodes.length / count);
  const txOf = new Map<string, number>();
  const plan: Plan = Array.from({ length: count }, () => ({ nodes: [], relationships: [] }));
  graph.nodes.forEach((node, i) => {
    const tx = Math.floor(i / size);
    txOf.set(node.id, tx);
    plan[tx]!.nodes.push(node);
  });
  for (const rel of graph.relationships) plan[Math.max(txOf.get(rel.from)!, txOf.get(rel.to)!)]!.relationships.push(rel);
  return plan;
}

/** What each floor runs: its schema statements, then per transaction its sources, entities and relationships. */
const FLOORS: Record<'floor' | 'bare', { schema: () => string[]; sources?: string; nodes: string; relationships: string; rows: (plan: Plan[number]) => { nodes: unknown[]; relationships: unknown[] } }> = {
  floor: {
    schema: () => [
      ...fs.readdirSync(MIGRATIONS).filter((f) => f.endsWith('.cypher')).sort().flatMap((f) => splitStatements(fs.readFileSync(path.join(MIGRATIONS, f), 'utf8'))),
      'CALL db.awaitIndexes(300)',
    ],
    sources: 'UNWIND $rows AS props CREATE (s:Source) SET s = props',
    nodes: `UNWIND $rows AS row
            CREATE (n:Entity:$(row.label)) SET n = row.props
            WITH n, row UNWIND row.statedIn AS stated
            MATCH (s:Source {id: stated.source})
            CREATE (n)-[:STATED_IN {evidence: stated.evidence}]->(s)`,
    relationships: 'UNWIND $rows AS row MATCH (a:Entity {id: row.from}) MATCH (b:Entity {id: row.to}) CREATE (a)-[r:$(row.type)]->(b) SET r = row.props',
    rows: (tx) => ({ nodes: tx.nodes, relationships: tx.relationships }),
  },
  bare: {
    schema: () => ['CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE'],
    nodes: 'UNWIND $rows AS row CREATE (n:Entity:$(row.label) {id: row.id})',
    relationships: 'UNWIND $rows AS row MATCH (a:Entity {id: row.from}) MATCH (b:Entity {id: row.to}) CREATE (a)-[:$(row.type)]->(b)',
    rows: (tx) => ({
      nodes: tx.nodes.map(({ id, label }) => ({ id, label })),
      relationships: tx.relationships.map(({ type, from, to }) => ({ type, from, to })),
    }),
  },
};

/** Writes the graph as floor `which` does; the schema only on a new store (a warm run keeps it, as ours skips applied migrations). */
async function runFloor(driver: Driver, graph: WrittenGraph, which: 'floor' | 'bare', server: Server): Promise<{ seconds: number; relationships: number; transactions: number }> {
  const floor = FLOORS[which];
  const plan = floorPlan(graph).map(floor.rows);
  const started = performance.now();
  const session = driver.session();
  try {
    if (server === 'cold') for (const statement of floor.schema()) await session.run(statement);
    if (floor.sources) await session.executeWrite((work) => work.run(floor.sources!, { rows: graph.sources }));
    for (const tx of plan) {
      await session.executeWrite(async (work) => {
        await work.run(floor.nodes, { rows: tx.nodes });
        await work.run(floor.relationships, { rows: tx.relationships });
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
  let written: WrittenGraph | undefined;
  const record = (round: number, target: Target, server: Server, load0: number, result: { seconds: number; relationships: number; transactions: number }) => {
    const run: Run = { round, target, server, ...result, perSecond: Math.round(result.relationships / result.seconds), loadAverage: [load0, loadAverage()] };
    runs.push(run);
    console.log(
      `round ${round} ${target} ${server}: ${run.relationships} relationships in ${run.transactions} transactions, ${run.seconds.toFixed(2)} s = ${run.perSecond}/s (load ${load0} -> ${run.loadAverage[1]})`,
    );
  };
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      // ours goes first in odd rounds and last in even ones; the floors write ours' graph, so ours runs first once
      const order: Target[] = round % 2 === 1 || !written ? ['ours', 'floor', 'bare'] : ['bare', 'floor', 'ours'];
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
              if (!written) written = await readWrittenGraph(driver, result.transactions);
            } else {
              if (!written) throw new Error('the floors write the graph ours wrote: add ours to --targets');
              record(round, target, server, load0, await runFloor(driver, written, target, server));
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
  for (const target of ['ours', 'floor', 'bare'] as Target[]) {
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
    for (const floor of ['floor', 'bare']) {
      const other = rate[`${floor} ${server}`];
      if (ours && other) console.log(`${server}: ours reaches ${((ours / other) * 100).toFixed(0)} % of ${floor}'s rate`);
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
