/**
 * PROFILE of the reviewed-changes reads (changes/page with the bench's four filters,
 * changes/history's first page) on the bench's data: 10,000 changes in a week and an
 * entity with 1,000 revisions (setupChanges). Prints the db hits and writes each plan
 * to .artifacts/profile-<label>.txt.
 *   npx tsx bench/profileChanges.ts bolt://127.0.0.1:7731 <password file> <label>
 * With `--propose N`: N proposals of a new organization (as the bench proposes them)
 * one after another, each statement of the trial and of the stored changeset timed
 * (wall ms, round trip included) and PROFILEd (db hits), summed per statement; every
 * transaction is rolled back, so it writes nothing.
 * With `--approve N`: N approvals of a proposed new organization (stored as the bench
 * stores its approval pool, deleted afterwards), profiled alike; each statement's
 * plan, from the first approval, goes to .artifacts/profile-approve-<label>-plans.txt.
 */
import * as fs from 'node:fs';
import neo4j from 'neo4j-driver';
import { cypherQuery } from '../src/db/cypher';
import type { Executor } from '../src/db/executor';
import { toCypherValue } from '../src/db/executor';
import { approveChange, proposeChange } from '../src/modules/changes/repository';
import { setupChanges, BENCH_SOURCE, HISTORY_ENTITY, newOrganization, benchName, prng, FLOOR_CHANGES } from './changes';

const uri = process.argv[2]!;
const password = fs.readFileSync(process.argv[3]!, 'utf8').trim();
const label = process.argv[4] ?? 'run';
const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', password), { disableLosslessIntegers: true });

interface PlanNode {
  operatorType: string;
  rows?: number;
  dbHits?: number;
  children?: PlanNode[];
}
const hits = (plan: PlanNode): number => (plan.dbHits ?? 0) + (plan.children ?? []).reduce((a, c) => a + hits(c), 0);
const ops = (plan: PlanNode, depth = 0): string[] => [
  `${'  '.repeat(depth)}${plan.operatorType} rows=${plan.rows ?? 0} hits=${plan.dbHits ?? 0}`,
  ...(plan.children ?? []).flatMap((c) => ops(c, depth + 1)),
];
/** Per statement (its first line of Cypher): calls, wall ms and db hits, summed. */
const byStatement = new Map<string, { calls: number; ms: number; hits: number }>();
/** `--plain`: statements run as they are, timed by the server (available + consumed ms), without PROFILE. */
const plain = process.argv.includes('--plain');
/** Per statement, its first plan (operators with rows and db hits). */
const plans = new Map<string, string[]>();

/** A stand-in Executor whose transactions PROFILE each statement and time it. */
function profilingExecutor(): Executor {
  const wrap = (tx: import('neo4j-driver').ManagedTransaction) =>
    ({
      run: async (text: string, params: Record<string, unknown>) => {
        // Composed statements begin alike (CALL () {): their first lines of Cypher name them.
        const key = text.split('\n').filter((l) => !l.trimStart().startsWith('//') && l.trim() !== '').slice(0, 3).map((l) => l.trim()).join(' ');
        const started = performance.now();
        const r = await tx.run(plain ? text : `PROFILE ${text}`, params);
        const ms = plain ? Number(r.summary.resultAvailableAfter) + Number(r.summary.resultConsumedAfter) : performance.now() - started;
        const entry = byStatement.get(key) ?? { calls: 0, ms: 0, hits: 0 };
        byStatement.set(key, { calls: entry.calls + 1, ms: entry.ms + ms, hits: entry.hits + hits(r.summary.profile as unknown as PlanNode) });
        if (!plain && !plans.has(key)) plans.set(key, ops(r.summary.profile as unknown as PlanNode));
        return r;
      },
    }) as unknown as import('neo4j-driver').ManagedTransaction;
  // Every transaction is rolled back: the profile leaves nothing in the graph it measures.
  const writeTransaction = async <T>(_name: string, work: (tx: import('neo4j-driver').ManagedTransaction) => Promise<T>): Promise<T> => {
    const session = driver.session();
    const tx = await session.beginTransaction();
    try {
      return await work(wrap(tx as unknown as import('neo4j-driver').ManagedTransaction));
    } finally {
      await tx.rollback();
      await session.close();
    }
  };
  const one = (q: { text: string }, params: Record<string, unknown> = {}) => writeTransaction('one', async (tx) => (await tx.run(q.text, toCypherValue(params) as Record<string, unknown>)).records.map((x) => x.toObject()));
  return { writeTransaction, write: one, read: one } as unknown as Executor;
}

/** What PROFILEd statements cost per request, by statement, a line each under `title`; the sums emptied. */
function statementLines(title: string, count: number, total: number): string[] {
  const lines = [`${title}: ${(total / count).toFixed(1)} ms per request (statements PROFILEd)`];
  for (const [key, e] of [...byStatement.entries()].sort((a, b) => b[1].ms - a[1].ms)) {
    lines.push(`  ${(e.ms / count).toFixed(1).padStart(7)} ms  ${Math.round(e.hits / count).toString().padStart(7)} hits  ×${(e.calls / count).toFixed(1)}  ${key.slice(0, 90)}`);
  }
  byStatement.clear();
  return lines;
}

/**
 * N proposals of new organizations named as the bench names them (gen-like words, so the
 * duplicate lookup meets the graph's own words), by ours and then by the floor's
 * hand-written statements (FLOOR_CHANGES.propose), each statement PROFILEd.
 */
async function profilePropose(count: number) {
  const executor = profilingExecutor();
  const run = Date.now().toString(36);
  const rnd = prng(Date.now());
  const orgs = Array.from({ length: count }, (_, n) => newOrganization(`profile-${run}-org-${n}`, benchName(rnd, `${Date.now() % 100000}7${n}`), n % 2 ? 'JP' : 'TW'));
  let started = performance.now();
  for (const org of orgs) await proposeChange(executor, [{ op: 'upsertEntity', input: org }], 'Profiled proposal.', 'alice@bench');
  const lines = statementLines(`${label} propose ×${count}, ours`, count, performance.now() - started);
  const floorDriver = { session: () => ({ executeWrite: (work: (tx: import('neo4j-driver').ManagedTransaction) => Promise<unknown>) => executor.writeTransaction('floor', work), close: async () => {} }) };
  started = performance.now();
  for (const org of orgs) await FLOOR_CHANGES.propose(floorDriver as unknown as import('neo4j-driver').Driver, { operations: [{ upsertEntity: org }], note: 'Profiled proposal.' }, {}, new URL('http://127.0.0.1/'));
  lines.push(...statementLines(`${label} propose ×${count}, floor`, count, performance.now() - started));
  console.log(lines.join('\n'));
  fs.mkdirSync('.artifacts', { recursive: true });
  fs.writeFileSync(`.artifacts/profile-propose-${label}.txt`, lines.join('\n') + '\n');
}

/** Prints and writes the per-statement sums of `count` requests of `what`, and each statement's plan. */
function report(what: string, count: number, total: number) {
  const lines = statementLines(`${label} ${what} ×${count}`, count, total);
  console.log(lines.join('\n'));
  fs.mkdirSync('.artifacts', { recursive: true });
  fs.writeFileSync(`.artifacts/profile-${what}-${label}.txt`, lines.join('\n') + '\n');
  fs.writeFileSync(`.artifacts/profile-${what}-${label}-plans.txt`, [...plans.entries()].flatMap(([key, plan]) => [key, ...plan.map((l) => `    ${l}`)]).join('\n') + '\n');
}

async function profileApprove(count: number) {
  const run = Date.now().toString(36);
  const rows = Array.from({ length: count }, (_, n) => {
    const entity = `profile-${run}-approve-org-${n}`;
    const input = { ...newOrganization(entity, `Profiled Qwzx Approvals ${run} ${n}`, n % 2 ? 'JP' : 'TW'), expectedVersion: 0 };
    return { id: `profile-${run}-approve-${n}`, entity, operations: JSON.stringify([{ op: 'upsertEntity', input }]) };
  });
  await driver.executeQuery(
    `UNWIND $rows AS row
     CREATE (:Change {id: row.id, kind: 'CHANGESET', status: 'PROPOSED', direct: false, targetIds: [row.entity],
             summary: 'proposed: created Organization ' + row.entity, subject: 'alice@bench', at: datetime() - duration('P8D'),
             statusAt: datetime() - duration('P8D'), sourceId: $source, note: 'A profiled approval.', operations: row.operations})`,
    { rows, source: BENCH_SOURCE },
  );
  const executor = profilingExecutor();
  try {
    const started = performance.now();
    for (const row of rows) await approveChange(executor, row.id, 'bob@bench', null, { secondPerson: true });
    report('approve', count, performance.now() - started);
  } finally {
    await driver.executeQuery(`UNWIND $ids AS id MATCH (c:Change {id: id}) DETACH DELETE c`, { ids: rows.map((r) => r.id) });
  }
}

async function main() {
  const approvals = process.argv.indexOf('--approve');
  if (approvals >= 0) {
    await profileApprove(Number(process.argv[approvals + 1] ?? 20));
    await driver.close();
    return;
  }
  const proposals = process.argv.indexOf('--propose');
  if (proposals >= 0) {
    await profilePropose(Number(process.argv[proposals + 1] ?? 20));
    await driver.close();
    return;
  }
  const setup = await setupChanges(driver, 1000, 10, () => {});
  const base = { since: setup.since, until: null, entity: null, types: null, countries: null, status: ['APPROVED'], afterAt: null, afterId: null, limit: neo4j.int(21), full: false, sources: true };
  const cases: [string, string, Record<string, unknown>][] = [
    ['changes week', 'changes/page', base],
    ['changes JP', 'changes/page', { ...base, countries: ['JP'] }],
    ['changes ORGANIZATION', 'changes/page', { ...base, types: ['ORGANIZATION'] }],
    ['changes entity', 'changes/page', { ...base, entity: setup.weekEntity }],
    ['history first page', 'changes/history', { id: HISTORY_ENTITY, before: null, limit: neo4j.int(21), full: false }],
  ];
  const out: string[] = [];
  for (const [name, query, params] of cases) {
    const q = cypherQuery(query);
    for (let i = 0; i < 3; i++) await driver.executeQuery(q.text, params);
    const r = await driver.executeQuery(`PROFILE ${q.text}`, params);
    const plan = r.summary.profile as unknown as PlanNode;
    const line = `${label} ${name}: ${hits(plan)} db hits, ${r.records.length} rows, ${r.summary.resultAvailableAfter}+${r.summary.resultConsumedAfter} ms`;
    console.log(line);
    out.push(line, ...ops(plan).map((l) => `    ${l}`));
  }
  fs.mkdirSync('.artifacts', { recursive: true });
  fs.writeFileSync(`.artifacts/profile-${label}.txt`, out.join('\n') + '\n');
  await driver.close();
}
main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
