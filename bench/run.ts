/**
 * npm run bench -- [--instance bench] [--uri bolt://… --password …] [--duration 15] [--warmup 3]
 *                  [--connections 10] [--ops detail,list,…] [--targets ours,floor,peer] [--label small] [--port-base 4100]
 *                  [--runtime compiled|tsx] [--rounds 3] [--approvals 4000]
 *                  [--ours-env KEY=VALUE,…] [--write-interval 250] [--before <git revision>]
 *
 * Spawns three HTTP processes against the same Neo4j and drives each with
 * autocannon (same connections, same rotating inputs, see bench/workload.ts).
 * By default all three run as compiled JavaScript (tsc -p tsconfig.bench.json),
 * as the Docker image runs the API (`node dist/src/main.js`, with the image's
 * NODE_OPTIONS: its heap cap); `--runtime tsx`
 * runs them from source as `npm start` does.
 *   ours   the real API (src/main.ts, SEED_ON_START=false, LOG_LEVEL=warn, NODE_ENV=production)
 *   floor  bench/floor.ts: hand-written Cypher through neo4j-driver behind a bare node:http server
 *   peer   bench/peer.ts: @neo4j/graphql 7 on Apollo standalone (detail and list only)
 *   before the API as it was at --before (a commit, tag or branch), exported with git archive
 *          to .artifacts/bench/before, compiled there against today's node_modules and run as
 *          ours is, on the read operations: whether a change made the API slower, measured in
 *          one run beside today's (not on the reviewed-changes operations, which need a pool each)
 * Each operation: one checked request per input and a warm-up for every target, then
 * the measured time in --rounds rounds, each target once per round in a rotating order
 * (background load on a shared machine then falls on all targets alike). Latency is
 * recorded per response (exact percentiles); RSS of the target process is
 * sampled every 200 ms from /proc/<pid>/status (VmRSS) and its VmHWM read at the end;
 * CPU per request (the target's and the local Neo4j's) from /proc/<pid>/stat.
 * Prints a table with ratios and writes .artifacts/bench/<timestamp>.json.
 *
 * mentions (bench/mentions.ts) runs on ours alone: Query.mentions over 10,000-character
 * articles naming the graph's entities, with the API's name dictionary built by its check.
 *
 * The reviewed-changes operations (bench/changes.ts: propose, approve, history,
 * changes, feed, feed304) WRITE to the graph: before the targets start, their data
 * is created in it (an entity with 1,000 changes, a week of 10,000 changes, a pool
 * of --approvals proposals per target for approve to consume), and propose and
 * approve add changesets and entities. Run them only on the bench's own instance.
 * Ours gets an AUTH_JWT_SECRET of its own; the bench signs an editor's and a
 * reviewer's token with it.
 *
 * `fresh` (bench/freshness.ts) also WRITES: ours only, dashboard reads while an
 * editor adds an organization every --write-interval ms; it reports the result
 * cache's hit rate and how many answers were stale (must be 0).
 * `cacheFull` (bench/freshness.ts fillCache; only when named in --ops) fills ours' result cache past
 * RESULT_CACHE_MAX_MB with distinct answers (for at most --fill-seconds, default 300) and reports
 * its RSS and whether the cache's byte count matches the answers it holds.
 * --ours-env sets extra environment for ours, e.g. RESULT_CACHE_MAX_MB=0 (no result
 * cache) or ANALYST_PLANS=false (lists scan their label, aggregates group in one pass): "before" runs.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import autocannon from 'autocannon';
import * as jose from 'jose';
import neo4j from 'neo4j-driver';
import { localInstance, localNeo4jStatus } from '../src/localNeo4j/server';
import { CHANGE_OPERATIONS, changeOps, setupChanges } from './changes';
import { mentionsOperation } from './mentions';
import { fillCache, freshness, type CacheFullRow, type FreshnessRow } from './freshness';
import { answerRate, pathTruth, truthRow, type PathVariantRow } from './pathTruth';
import { pathPairs, workload, type Operation } from './workload';

const root = path.resolve(__dirname, '..');
function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const DURATION = Number(arg('duration', '15'));
const WARMUP = Number(arg('warmup', '3'));
const CONNECTIONS = Number(arg('connections', '10'));
const INSTANCE = arg('instance', 'bench')!;
const URI = arg('uri') ?? process.env.NEO4J_URI ?? `bolt://127.0.0.1:${process.env.NEO4J_LOCAL_BOLT_PORT ?? '7702'}`;
const PASSWORD =
  arg('password') ?? process.env.NEO4J_PASSWORD ?? fs.readFileSync(path.join(root, '.neo4j', INSTANCE, 'password'), 'utf8').trim();
const TARGETS = (arg('targets', 'ours,floor,peer') ?? '').split(',');
const OPS = arg('ops')?.split(',');
const LABEL = arg('label', INSTANCE)!;
const RUNTIME = arg('runtime', 'compiled')!;
/** The measured time of each operation is cut into this many rounds (see main). */
const ROUNDS = Math.max(1, Number(arg('rounds', '3')));
/** Proposals per target that approve may consume (one per request, warm-up included). */
const APPROVALS = Number(arg('approvals', '4000'));
/** Extra environment for ours (--ours-env A=1,B=2). */
const OURS_ENV = Object.fromEntries((arg('ours-env') ?? '').split(',').filter(Boolean).map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
const WRITE_INTERVAL_MS = Number(arg('write-interval', '250'));
if (RUNTIME !== 'compiled' && RUNTIME !== 'tsx') throw new Error('--runtime is compiled or tsx');
const COMPILED = path.join(root, '.artifacts', 'bench', 'dist');

type Target = 'ours' | 'floor' | 'peer' | 'before';
/** Targets that are the API (today's, or --before's): same requests, same /ready. */
const isApi = (target: Target) => target === 'ours' || target === 'before';
/** --before: the revision the `before` target runs. */
const BEFORE = arg('before');
/** Where --before's tree is exported and compiled. */
const BEFORE_ROOT = path.join(root, '.artifacts', 'bench', 'before');
/** --port-base N puts ours, floor and peer on N+1..N+3 (default 4100), so two benchmarks can run side by side. */
const PORT_BASE = Number(arg('port-base', '4100'));
const PORTS: Record<Target, number> = { ours: PORT_BASE + 1, floor: PORT_BASE + 2, peer: PORT_BASE + 3, before: PORT_BASE + 4 };

interface Row {
  op: string;
  target: Target;
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  timeouts: number;
  bytesPerResponse: number;
  rssPeakMb: number;
  /**
   * CPU time per answered request, in ms: the target's process and the Neo4j server's
   * (user + system, from /proc). Unlike latency, it hardly moves with load from other
   * work on the machine, so it compares runs taken at different loads. Neo4j's is
   * absent when NEO4J_URI points at a server this machine does not run.
   */
  cpuMsPerRequest: { process: number; neo4j?: number };
  /** ours only: Neo4j transactions per request and their mean time, by query name (from GET /metrics). */
  neo4jPerRequest?: Record<string, { transactions: number; meanMs: number }>;
}

/** The bench's own bearer token for ours' /metrics (served only with METRICS_TOKEN set). */
const METRICS_TOKEN = randomBytes(24).toString('hex');
/** Ours' AUTH_JWT_SECRET: the bench signs the curators' tokens of the changes operations with it. */
const JWT_SECRET = randomBytes(32).toString('hex');
const token = (subject: string, roles: string[]) =>
  new jose.SignJWT({ roles }).setProtectedHeader({ alg: 'HS256' }).setSubject(subject).setIssuedAt().setExpirationTime('12h').sign(new TextEncoder().encode(JWT_SECRET));

/** Sum and count of neo4j_query_duration_seconds per query name, from ours' /metrics. */
async function queryTotals(): Promise<Map<string, { count: number; sum: number }>> {
  const totals = new Map<string, { count: number; sum: number }>();
  try {
    const text = await (await fetch(`http://127.0.0.1:${PORTS.ours}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    for (const m of text.matchAll(/^neo4j_query_duration_seconds_(sum|count)\{([^}]*)\} ([\d.e+-]+)$/gm)) {
      const name = /query="([^"]+)"/.exec(m[2]!)?.[1] ?? '?';
      const t = totals.get(name) ?? { count: 0, sum: 0 };
      if (m[1] === 'sum') t.sum += Number(m[3]);
      else t.count += Number(m[3]);
      totals.set(name, t);
    }
  } catch {
    // metrics are optional
  }
  return totals;
}

/** The NODE_OPTIONS the Docker image runs the API with (its heap cap): ours and before get them too. */
const IMAGE_NODE_OPTIONS = /^ENV .*\bNODE_OPTIONS=(\S+)/m.exec(fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8'))?.[1];

function spawnTarget(target: Target): ChildProcess {
  const source = { ours: 'src/main.ts', floor: 'bench/floor.ts', peer: 'bench/peer.ts', before: 'src/main.ts' }[target];
  const command =
    target === 'before'
      ? [path.join(BEFORE_ROOT, path.relative(root, COMPILED), 'src', 'main.js')]
      : RUNTIME === 'tsx'
        ? ['--import', 'tsx', source]
        : [path.join(COMPILED, source.replace(/\.ts$/, '.js'))];
  const env = {
    ...process.env,
    NEO4J_URI: URI,
    NEO4J_PASSWORD: PASSWORD,
    PORT: String(PORTS[target]),
    HOST: '127.0.0.1',
    SEED_ON_START: 'false',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    METRICS_TOKEN,
    AUTH_JWT_SECRET: JWT_SECRET,
    ...(isApi(target) ? { ...(IMAGE_NODE_OPTIONS ? { NODE_OPTIONS: IMAGE_NODE_OPTIONS } : {}), ...OURS_ENV } : {}),
  };
  const child = spawn(process.execPath, command, { cwd: target === 'before' ? BEFORE_ROOT : root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = fs.createWriteStream(path.join(root, '.artifacts', 'bench', `${target}.log`));
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

/** Compiles the API, the floor and the peer to JavaScript in .artifacts/bench/dist (no source maps, as in the image). */
/**
 * Exports --before's tree to BEFORE_ROOT (git archive: no worktree left behind) and
 * compiles it with its own tsconfig.bench.json against today's node_modules.
 */
function prepareBefore(revision: string): void {
  if (!/^[\w./^~-]+$/.test(revision)) throw new Error(`--before ${JSON.stringify(revision)} is not a git revision`);
  const started = Date.now();
  fs.rmSync(BEFORE_ROOT, { recursive: true, force: true });
  fs.mkdirSync(BEFORE_ROOT, { recursive: true });
  const tree = execFileSync('git', ['archive', '--format=tar', revision], { cwd: root, maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', BEFORE_ROOT], { input: tree });
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(BEFORE_ROOT, 'node_modules'));
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(BEFORE_ROOT, 'tsconfig.bench.json')], { cwd: BEFORE_ROOT, stdio: 'inherit' });
  const commit = execFileSync('git', ['rev-parse', '--short', `${revision}^{commit}`], { cwd: root, encoding: 'utf8' }).trim();
  console.log(`compiled before (${revision} = ${commit}) to ${path.relative(root, BEFORE_ROOT)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function compileTargets(): void {
  const started = Date.now();
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'tsconfig.bench.json')], { cwd: root, stdio: 'inherit' });
  fs.copyFileSync(path.join(root, 'bench', 'peer.graphql'), path.join(COMPILED, 'bench', 'peer.graphql'));
  console.log(`compiled ours, floor and peer to ${path.relative(root, COMPILED)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function waitUp(target: Target): Promise<void> {
  // Ours is up once /ready says so: listening, Neo4j reachable, the start-up planner warm-up done.
  const url = `http://127.0.0.1:${PORTS[target]}/${isApi(target) ? 'ready' : ''}`;
  for (let i = 0; i < 240; i++) {
    try {
      const response = await fetch(url);
      if (!isApi(target) || response.ok) return;
      await new Promise((r) => setTimeout(r, 500));
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error(`${target} did not come up on ${url}`);
}

const rssKb = (pid: number, field: 'VmRSS' | 'VmHWM') => {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+)`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
};

interface BenchRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

/** Where each target is in the inputs of an operation that uses each input once (approve). */
const consumed = new Map<string, number>();
/** The inputs request i of `target` draws from, and its index among them. */
function inputOf(target: Target, op: Operation, i: number): Record<string, unknown> {
  const once = op.once?.[target as 'ours' | 'floor'];
  if (!once) return op.inputs[i % op.inputs.length]!;
  const key = `${op.name}|${target}`;
  const next = consumed.get(key) ?? 0;
  consumed.set(key, next + 1);
  // Past the pool's end the inputs repeat, and each repeat is refused (CONFLICT), so counts as an error.
  return once[next % once.length]!;
}

function request(given: Target, op: Operation, i: number): BenchRequest {
  const target = isApi(given) ? 'ours' : given;
  const input = inputOf(target, op, i);
  if (op.send) return op.send(target, input);
  const json = { 'content-type': 'application/json' };
  if (target === 'floor') return { method: 'POST', path: `/${op.name}`, body: JSON.stringify(input), headers: json };
  const query = target === 'peer' ? op.peer! : op.ours;
  const variables = target === 'peer' && op.peerVars ? op.peerVars(input) : input;
  return { method: 'POST', path: target === 'ours' ? '/graphql' : '/', body: JSON.stringify({ query, variables }), headers: json };
}

/** Whether an answer is a good one: the operation's status (200 by default) and, for JSON, no errors. */
const failed = (op: Operation, status: number, body: string) => status !== (op.status ?? 200) || body.includes('"errors"');

/** One request per input (one in all for an operation that consumes its inputs): mean response size; failures are printed (and counted again in the measured run). */
async function check(target: Target, op: Operation): Promise<number> {
  let bytes = 0;
  const n = op.once ? 1 : op.inputs.length;
  for (let i = 0; i < n; i++) {
    const { path: p, ...init } = request(target, op, i);
    const res = await fetch(`http://127.0.0.1:${PORTS[target]}${p}`, init);
    const text = await res.text();
    if (failed(op, res.status, text)) console.log(`  check: ${target} ${op.name} input ${i}: HTTP ${res.status} ${text.slice(0, 160)}`);
    bytes += text.length;
  }
  return Math.round(bytes / n);
}

/** What one timed run of a target records: every response time, and its failures. */
interface Sample {
  latencies: number[];
  /** CPU clock ticks the target's process and Neo4j spent during the sample. */
  cpuTicks: { process: number; neo4j: number | null };
  seconds: number;
  errors: number;
  non2xx: number;
  timeouts: number;
  rssPeakKb: number;
}

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;
/** The Neo4j server the bench reads, when it is the local instance this machine runs (scripts/neo4j.ts) on URI's port. */
const NEO4J_PID = (() => {
  try {
    const instance = localInstance(INSTANCE);
    const uri = new URL(URI);
    return ['127.0.0.1', 'localhost'].includes(uri.hostname) && Number(uri.port) === instance.boltPort ? localNeo4jStatus(instance).pid : undefined;
  } catch {
    return undefined;
  }
})();

/** User + system CPU ticks `pid` has spent so far (its threads included); null without the process. */
function cpuTicks(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/** "0.8 + 2.1" (the target's process + Neo4j), or the process's alone. */
const cpuText = (row: Pick<Row, 'cpuMsPerRequest'>) => (row.cpuMsPerRequest.neo4j === undefined ? `${row.cpuMsPerRequest.process}` : `${row.cpuMsPerRequest.process} + ${row.cpuMsPerRequest.neo4j}`);

function cpuPerRequest(samples: Sample[], requests: number): Row['cpuMsPerRequest'] {
  const ms = (ticks: number) => Math.round(((ticks * 1000) / TICKS_PER_SECOND / Math.max(1, requests)) * 100) / 100;
  const neo4j = samples.every((s) => s.cpuTicks.neo4j !== null) ? ms(samples.reduce((sum, s) => sum + s.cpuTicks.neo4j!, 0)) : undefined;
  return { process: ms(samples.reduce((sum, s) => sum + s.cpuTicks.process, 0)), ...(neo4j === undefined ? {} : { neo4j }) };
}

async function drive(target: Target, op: Operation, seconds: number, pid: number | undefined): Promise<Sample> {
  let counter = 0;
  let errors = 0;
  const latencies: number[] = [];
  let rssPeak = 0;
  const sampler = pid ? setInterval(() => (rssPeak = Math.max(rssPeak, rssKb(pid, 'VmRSS'))), 200) : undefined;
  const cpuBefore = { process: cpuTicks(pid), neo4j: cpuTicks(NEO4J_PID) };
  let instance!: autocannon.Instance;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon({
    url: `http://127.0.0.1:${PORTS[target]}`,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        setupRequest: (req) => ({ ...req, ...request(target, op, counter++) }),
        onResponse: (status, body) => {
          if (failed(op, status, body)) errors++;
        },
      },
    ],
  }, (error, result) => (error ? reject(error as Error) : resolve(result)));
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  const result = await finished;
  if (sampler) clearInterval(sampler);
  // autocannon stops at `seconds` and drops the requests still in flight, but the target
  // finishes them: their Neo4j work would land in the next measured window (the other
  // target's, or this one's /metrics delta: the feed showed ×1.1 page reads per request).
  // Waiting the slowest response seen lets them end first.
  await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, latencies.reduce((max, l) => Math.max(max, l), 0))));
  const neo4jTicks = cpuTicks(NEO4J_PID);
  const cpu = { process: (cpuTicks(pid) ?? 0) - (cpuBefore.process ?? 0), neo4j: neo4jTicks === null || cpuBefore.neo4j === null ? null : neo4jTicks - cpuBefore.neo4j };
  return { latencies, seconds: result.duration, errors, non2xx: result.non2xx, timeouts: result.timeouts, rssPeakKb: rssPeak, cpuTicks: cpu };
}

/** The row of one target's samples taken together: throughput over their time, exact percentiles over all their responses. */
function summarize(target: Target, op: Operation, samples: Sample[]): Omit<Row, 'bytesPerResponse'> {
  const latencies = samples.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const seconds = samples.reduce((sum, s) => sum + s.seconds, 0);
  const total = (key: 'errors' | 'non2xx' | 'timeouts') => samples.reduce((sum, s) => sum + s[key], 0);
  const q = (p: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN) * 10) / 10;
  return {
    op: op.name,
    target,
    requests: latencies.length,
    seconds,
    rps: Math.round((latencies.length / seconds) * 10) / 10,
    p50: q(50),
    p95: q(95),
    p99: q(99),
    max: Math.round(latencies[latencies.length - 1] ?? NaN),
    errors: total('errors'),
    // An operation whose good answer is not a 2xx (feed304) counts its failures in errors alone.
    non2xx: (op.status ?? 200) < 300 ? total('non2xx') : 0,
    timeouts: total('timeouts'),
    rssPeakMb: Math.round(Math.max(...samples.map((s) => s.rssPeakKb)) / 1024),
    cpuMsPerRequest: cpuPerRequest(samples, latencies.length),
  };
}

async function datasetSize(): Promise<{ orgs: number; nodes: number; relationships: number; statedIn: number }> {
  const driver = neo4j.driver(URI, neo4j.auth.basic('neo4j', PASSWORD), { disableLosslessIntegers: true });
  try {
    const session = driver.session();
    const r = await session.run(`
      CALL () { MATCH (o:Organization) WHERE o.id STARTS WITH 'syn-org-' RETURN count(o) AS orgs }
      CALL () { MATCH (n) RETURN count(n) AS nodes }
      CALL () { MATCH ()-[r]->() RETURN count(r) AS all }
      CALL () { MATCH ()-[r:STATED_IN]->() RETURN count(r) AS statedIn }
      RETURN orgs, nodes, all - statedIn AS relationships, statedIn`);
    await session.close();
    return r.records[0]!.toObject() as { orgs: number; nodes: number; relationships: number; statedIn: number };
  } finally {
    await driver.close();
  }
}

async function main(): Promise<void> {
  fs.mkdirSync(path.join(root, '.artifacts', 'bench'), { recursive: true });
  const size = await datasetSize();
  console.log(`dataset ${LABEL} (runtime: ${RUNTIME}): ${size.orgs} organizations, ${size.nodes} nodes, ${size.relationships} domain relationships (+${size.statedIn} STATED_IN)`);
  let ops = [...workload(size.orgs), mentionsOperation(size.orgs)].filter((o) => !OPS || OPS.includes(o.name));
  const targets = (['ours', 'floor', 'peer'] as Target[]).filter((t) => TARGETS.includes(t)).concat(BEFORE ? ['before'] : []);
  if (CHANGE_OPERATIONS.some((name) => !OPS || OPS.includes(name))) {
    const driver = neo4j.driver(URI, neo4j.auth.basic('neo4j', PASSWORD), { disableLosslessIntegers: true });
    try {
      const setup = await setupChanges(driver, size.orgs, APPROVALS, console.log);
      const tokens = { editor: await token('alice@bench', ['editor']), reviewer: await token('bob@bench', ['reviewer']) };
      ops = [...ops, ...changeOps(setup, tokens).filter((o) => !OPS || OPS.includes(o.name))];
    } finally {
      await driver.close();
    }
  }
  const children = new Map<Target, ChildProcess>();
  const rows: Row[] = [];
  const pathRows: PathVariantRow[] = [];
  const hwm: Partial<Record<Target, number>> = {};
  let fresh: FreshnessRow | undefined;
  let cacheFull: CacheFullRow | undefined;
  try {
    for (const t of targets) {
      const busy = await fetch(`http://127.0.0.1:${PORTS[t]}/`).then(() => true, () => false);
      if (busy) throw new Error(`port ${PORTS[t]} (${t}) is already in use: stop the earlier process first`);
    }
    if (RUNTIME === 'compiled') compileTargets();
    if (BEFORE) prepareBefore(BEFORE);
    for (const t of targets) children.set(t, spawnTarget(t));
    for (const t of targets) await waitUp(t);
    console.log(`targets up: ${targets.map((t) => `${t} pid ${children.get(t)?.pid}`).join(', ')}; ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s per run`);
    for (const op of ops) {
      const runs = targets.filter((t) => (t !== 'peer' || op.peer) && (t === 'ours' || !op.oursOnly) && (t !== 'before' || !(CHANGE_OPERATIONS as readonly string[]).includes(op.name)));
      const bytes = new Map<Target, number>();
      for (const t of runs) {
        await op.prepare?.(isApi(t) ? 'ours' : (t as 'floor' | 'peer'), `http://127.0.0.1:${PORTS[t]}`);
        bytes.set(t, await check(t, op));
        if (WARMUP > 0) await drive(t, op, WARMUP, undefined);
      }
      // The measured time is cut into rounds, each target once per round in a rotating order,
      // so load from outside the benchmark falls on every target alike.
      const samples = new Map<Target, Sample[]>(runs.map((t) => [t, []]));
      const before = runs.includes('ours') ? await queryTotals() : undefined;
      for (let round = 0; round < ROUNDS; round++) {
        for (let k = 0; k < runs.length; k++) {
          const t = runs[(round + k) % runs.length]!;
          samples.get(t)!.push(await drive(t, op, DURATION / ROUNDS, children.get(t)?.pid));
        }
      }
      for (const t of runs) {
        const row: Row = { ...summarize(t, op, samples.get(t)!), bytesPerResponse: bytes.get(t)! };
        if (t === 'ours' && before) {
          row.neo4jPerRequest = {};
          for (const [name, after] of await queryTotals()) {
            const b = before.get(name) ?? { count: 0, sum: 0 };
            const n = after.count - b.count;
            if (n > 0) row.neo4jPerRequest[name] = { transactions: Math.round((n / row.requests) * 100) / 100, meanMs: Math.round(((after.sum - b.sum) / n) * 10000) / 10 };
          }
          console.log(`  ours Neo4j work per request: ${Object.entries(row.neo4jPerRequest).map(([k, v]) => `${k} ×${v.transactions} @ ${v.meanMs} ms`).join(', ')}`);
        }
        rows.push(row);
        console.log(
          `${op.name.padEnd(13)} ${t.padEnd(6)} ${String(row.rps).padStart(8)} req/s  p50 ${row.p50} ms  p95 ${row.p95} ms  p99 ${row.p99} ms  errors ${row.errors}  RSS peak ${row.rssPeakMb} MB  CPU/request ${cpuText(row)}`,
        );
      }
    }
    if ((!OPS || OPS.includes('fresh')) && targets.includes('ours')) {
      const driver = neo4j.driver(URI, neo4j.auth.basic('neo4j', PASSWORD), { disableLosslessIntegers: true });
      try {
        fresh = await freshness(driver, `http://127.0.0.1:${PORTS.ours}`, { seconds: DURATION, connections: CONNECTIONS, writeIntervalMs: WRITE_INTERVAL_MS, editorToken: await token('carol@bench', ['editor']), metricsToken: METRICS_TOKEN });
        console.log(`fresh: ${fresh.reads} reads, ${fresh.writes} writes, read p50 ${fresh.readP50} ms p95 ${fresh.readP95} ms, hit rate ${fresh.hitRate}, stale ${fresh.stale}, errors ${fresh.errors}`);
      } catch (error) {
        console.log(`fresh failed: ${(error as Error).message}`);
      } finally {
        await driver.close();
      }
    }
    if (OPS?.includes('cacheFull') && targets.includes('ours')) {
      cacheFull = await fillCache(`http://127.0.0.1:${PORTS.ours}`, { pid: children.get('ours')!.pid!, connections: CONNECTIONS, metricsToken: METRICS_TOKEN, maxSeconds: Number(arg('fill-seconds', '300')) });
      console.log(`cacheFull: ${JSON.stringify(cacheFull)}`);
    }
    if (ops.some((o) => o.name === 'paths') && targets.includes('ours')) {
      console.log('paths answer rate, one client at a time (truth cached per graph in .artifacts/bench/path-truth-*.json)');
      const truth = await pathTruth(root, { uri: URI, password: PASSWORD }, size, pathPairs(size.orgs));
      pathRows.push(truthRow(truth));
      for (const [what, maxHubDegree] of [['partnershipPaths, default', null], ['partnershipPaths, maxHubDegree 1,000 (hubs left out)', 1000], ['partnershipPaths, maxHubDegree 1,000,000', 1_000_000]] as const) {
        pathRows.push(await answerRate(PORTS.ours, truth, what, maxHubDegree));
      }
    }
    for (const t of targets) hwm[t] = Math.round(rssKb(children.get(t)!.pid!, 'VmHWM') / 1024);
  } finally {
    await Promise.all(
      [...children.values()].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => (clearTimeout(force), resolve()));
            child.kill('SIGTERM');
          }),
      ),
    );
  }

  const find = (op: string, t: Target) => rows.find((r) => r.op === op && r.target === t);
  const summary = ops.map((op) => {
    const ours = find(op.name, 'ours');
    const floor = find(op.name, 'floor');
    const peer = find(op.name, 'peer');
    const before = find(op.name, 'before');
    return {
      op: op.name,
      oursOverBeforeP50: ours && before ? Math.round((ours.p50 / before.p50) * 100) / 100 : null,
      oursOverBeforeP95: ours && before ? Math.round((ours.p95 / before.p95) * 100) / 100 : null,
      oursOverFloorP50: ours && floor ? Math.round((ours.p50 / floor.p50) * 100) / 100 : null,
      oursOverFloorP95: ours && floor ? Math.round((ours.p95 / floor.p95) * 100) / 100 : null,
      oursOverPeerRps: ours && peer ? Math.round((ours.rps / peer.rps) * 100) / 100 : null,
    };
  });
  console.log('\n| operation | target | req/s | p50 ms | p95 ms | p99 ms | errors | RSS peak MB | CPU ms/request (process + Neo4j) |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) console.log(`| ${r.op} | ${r.target} | ${r.rps} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors + r.non2xx + r.timeouts} | ${r.rssPeakMb} | ${cpuText(r)} |`);
  console.log(`\n| operation | ours ÷ floor (p50) | ours ÷ floor (p95) | ours ÷ peer (throughput) |${BEFORE ? ` ours ÷ before ${BEFORE} (p50) | (p95) |` : ''}`);
  console.log(`| --- | ---: | ---: | ---: |${BEFORE ? ' ---: | ---: |' : ''}`);
  for (const s of summary) {
    const before = BEFORE ? ` ${s.oursOverBeforeP50 ?? '–'} | ${s.oursOverBeforeP95 ?? '–'} |` : '';
    console.log(`| ${s.op} | ${s.oursOverFloorP50 ?? '–'} | ${s.oursOverFloorP95 ?? '–'} | ${s.oursOverPeerRps ?? '–'} |${before}`);
  }
  const backtests = ops.some((o) => o.name === 'suggestions') ? latestBacktests() : [];
  if (backtests.length) {
    console.log('\n| suggestions backtest (npm run eval:suggestions) | agreements | pairs | hits@5 now / before / random | hits@10 now / before / random | MRR now / before / random |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
    const f = (b: Backtest, k: 'hits5' | 'hits10' | 'mrr') => `${b.now[k].toFixed(3)} / ${b.before[k].toFixed(3)} / ${b.random[k].toFixed(4)}`;
    for (const b of backtests) console.log(`| ${b.label} | ${b.agreements} | ${b.pairs} | ${f(b, 'hits5')} | ${f(b, 'hits10')} | ${f(b, 'mrr')} |`);
  }
  if (pathRows.length) {
    console.log(`\n| paths, one client, ${pathRows[0]!.pairs} organization pairs | pairs answered | answer rate | p50 ms | p95 ms | errors |`);
    console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const r of pathRows) {
      console.log(`| ${r.what} | ${r.answered} / ${r.pairs}${r === pathRows[0] ? ' connected' : ''} | ${Math.round((r.answered / r.connected) * 1000) / 10} % | ${r.p50} | ${r.p95} | ${r.errors} |`);
    }
    const loaded = find('paths', 'ours');
    if (loaded) console.log(`SHORTEST 1 p50 ÷ ours p50: ${Math.round((pathRows[0]!.p50 / pathRows[1]!.p50) * 10) / 10}× one client, ${Math.round((pathRows[0]!.p50 / loaded.p50) * 10) / 10}× ours under ${CONNECTIONS} connections`);
  }
  if (fresh) {
    console.log('\n| write-interleaved (fresh) | reads | writes | read p50 ms | read p95 ms | hit rate | stale | errors |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    console.log(`| ours | ${fresh.reads} | ${fresh.writes} | ${fresh.readP50} | ${fresh.readP95} | ${fresh.hitRate} | ${fresh.stale} | ${fresh.errors} |`);
  }
  console.log(`\nprocess peak RSS (VmHWM, whole run): ${targets.map((t) => `${t} ${hwm[t]} MB`).join(', ')}`);
  const file = path.join(root, '.artifacts', 'bench', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify({ label: LABEL, runtime: RUNTIME, rounds: ROUNDS, oursEnv: OURS_ENV, before: BEFORE ?? null, fresh, cacheFull, dataset: size, connections: CONNECTIONS, durationSeconds: DURATION, warmupSeconds: WARMUP, rows, summary, paths: pathRows, backtests, vmHwmMb: hwm }, null, 2),
  );
  console.log(`results: ${path.relative(root, file)}`);
  process.exit(0);
}

type Rates = { hits5: number; hits10: number; mrr: number };
/** One backtest result as scripts/evalSuggestions.ts writes it. */
interface Backtest {
  label: string;
  agreements: number;
  pairs: number;
  now: Rates;
  before: Rates;
  random: Rates;
}

/** The latest backtest of each graph (.artifacts/eval/suggestions-<label>-<time>.json), shown as the eval rows. */
function latestBacktests(): Backtest[] {
  const dir = path.join(root, '.artifacts', 'eval');
  if (!fs.existsSync(dir)) return [];
  const latest = new Map<string, { time: number; file: string }>();
  for (const file of fs.readdirSync(dir)) {
    const m = /^suggestions-(.+)-(\d+)\.json$/.exec(file);
    if (m && Number(m[2]) > (latest.get(m[1]!)?.time ?? 0)) latest.set(m[1]!, { time: Number(m[2]), file });
  }
  return [...latest.values()].map((l) => JSON.parse(fs.readFileSync(path.join(dir, l.file), 'utf8')) as Backtest);
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.message}`);
  process.exit(1);
});
