/**
 * npx tsx bench/profileAnalyst.ts --uri bolt://127.0.0.1:7745 --password … [--out .artifacts/profile.json]
 *
 * PROFILEs the bench's filtered list and grouped aggregate as the compiler emits
 * them, unanchored and anchored (src/translate/anchor.ts), and the grouped
 * aggregate in its earlier form and now: total db hits, rows, time, and the
 * plan's operators with their db hits. Reads only.
 */
import * as fs from 'node:fs';
import neo4j, { type Driver } from 'neo4j-driver';
import { Executor, toCypherValue } from '../src/db/executor';
import { AnchorChooser } from '../src/modules/list/graphCounts';
import { compileAggregate } from '../src/translate/aggregate';
import { describeAnchor } from '../src/translate/anchor';
import { compileListPage, type CompiledQuery } from '../src/translate/roots';

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

interface Operator {
  operator: string;
  dbHits: number;
  rows: number;
  /** Bytes the operator held, as Neo4j counts them against the transaction memory pool (rows an ORDER BY … LIMIT keeps, aggregation state). */
  memory: number;
  details: string;
}

function operators(plan: { operatorType: string; dbHits: number; rows: number; arguments: Record<string, unknown>; children: unknown[] }, out: Operator[] = []): Operator[] {
  out.push({ operator: plan.operatorType, dbHits: Number(plan.dbHits), rows: Number(plan.rows), memory: Number(plan.arguments.Memory ?? 0), details: String(plan.arguments.Details ?? '').slice(0, 140) });
  for (const child of plan.children as (typeof plan)[]) operators(child, out);
  return out;
}

async function profile(driver: Driver, label: string, query: { text: string; params: Record<string, unknown> }) {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    const first = await session.run(query.text, toCypherValue(query.params) as Record<string, unknown>); // planned and warm
    const answer = first.records.map((r) => r.toObject());
    const started = performance.now();
    const result = await session.run(`PROFILE ${query.text}`, toCypherValue(query.params) as Record<string, unknown>);
    const ms = performance.now() - started;
    const ops = operators(result.summary.profile as never);
    const dbHits = ops.reduce((sum, o) => sum + o.dbHits, 0);
    const memory = ops.reduce((sum, o) => sum + o.memory, 0);
    console.log(`\n## ${label}: ${dbHits} db hits, ${Math.round(ms)} ms, ${memory} bytes held by operators`);
    for (const o of ops) console.log(`  ${o.operator.padEnd(34)} ${String(o.dbHits).padStart(10)} hits ${String(o.rows).padStart(9)} rows ${String(o.memory || '').padStart(10)} B  ${o.details}`);
    return { label, dbHits, memory, ms: Math.round(ms), text: query.text, params: query.params, operators: ops, answer };
  } finally {
    await session.close();
  }
}

const FILTERED_WHERE = (i: { countries: string[]; kinds: string[]; country: string; kind: string; modalities: string[] }) => ({
  OR: [{ countryCode: { in: i.countries }, kind: { in: i.kinds } }, { countryCode: { eq: i.country }, kind: { eq: i.kind } }],
  technologies: { some: { modalities: { some: { id: { in: i.modalities } } } } },
});
const INPUT = { countries: ['TW', 'JP'], kinds: ['COMPANY', 'PHARMA'], country: 'US', kind: 'CDMO', modalities: ['syn-mod-ipsc', 'syn-mod-msc'] };
const PLAN = { labels: ['Organization'] as const, properties: ['id', 'name', 'country', 'kind'], fields: [] };

async function main() {
  const uri = arg('uri')!;
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', arg('password')!), { disableLosslessIntegers: true });
  const executor = new Executor(driver, { database: 'neo4j', timeoutMs: 120_000 });
  const chooser = new AnchorChooser(executor, { current: async () => 'profile' });
  const where = FILTERED_WHERE(INPUT);
  const anchor = await chooser.choose('Organization', where);
  console.log(`anchor chosen for the filtered list: ${anchor ? describeAnchor('Organization', anchor) : 'none (label scan)'}`);
  const list = (a: typeof anchor): CompiledQuery =>
    compileListPage({ label: 'Organization', where, lucene: null, sort: [{ field: 'NAME' }], after: null, limit: 21, withTotalCount: true, plan: { ...PLAN, labels: [...PLAN.labels] }, anchor: a });
  const grouped = (plan?: 'scan') =>
    compileAggregate({ label: 'Organization', where: null, groupBy: [{ field: 'countryCode' }, { via: 'modalities', field: 'id' }], measures: {}, first: 100, ...(plan ? { plan } : {}) } as never);
  const results = [
    await profile(driver, 'filtered list, unanchored (label scan, EXISTS per candidate)', list(null)),
    await profile(driver, 'filtered list, anchored', list(anchor)),
    await profile(driver, 'grouped aggregate, one pass from the organizations (the compiler before #32)', grouped('scan')),
    await profile(driver, 'grouped aggregate, from the hop side', grouped()),
  ];
  const [scan, hop] = [results[2]!, results[3]!];
  console.log(`\ngrouped plans agree: ${JSON.stringify(scan.answer) === JSON.stringify(hop.answer)}; filtered plans agree: ${JSON.stringify(results[0]!.answer) === JSON.stringify(results[1]!.answer)}`);
  const out = arg('out');
  if (out) fs.writeFileSync(out, JSON.stringify(results, null, 2));
  await driver.close();
}

main().catch((e: Error) => {
  console.error(e);
  process.exit(1);
});
