/**
 * npm run eval:suggestions -- [--instance NAME | --uri bolt://… --password …] [--label seeded]
 *                              [--load-seed] [--limit N] [--first 50] [--show id,id,…]
 *
 * Backtests partner suggestions against the partnerships that really formed.
 * For every dated agreement with at least two organizations as parties (dated
 * by the earlier of signedOn and announcedOn, else effectiveOn or startedOn),
 * and each ordered pair of its parties (a, b), a's suggestions are computed as
 * of the day before that date (the `asOf` read: nothing signed, started or
 * announced on or after it is there yet) and b's rank among them is read.
 * Three rankers are scored:
 *   now     suggestedPartners (cypher/queries/paths/suggestions.cypher),
 *   before  the scorer before issue #33 (paths/suggestionsBefore.cypher), same asOf rules,
 *   random  a uniformly random order of the eligible organizations (organizations
 *           other than a and not yet its partners): expected values, exact.
 * hits@k is the share of pairs whose other party is in the top k, MRR the mean
 * of 1/rank (0 beyond the first --first). A pair whose other party was already a
 * partner of a (another agreement, a direct link) counts as a miss for all three.
 * The weights are fixed by reasoning (src/domain/suggestionLinks.ts), not fitted,
 * so every agreement is scored; the table also splits before 2024 and 2024 on.
 *
 * --limit N scores N agreements evenly spread over the dated ones (in date
 * order), for the large generated graph. --load-seed loads the seed files first
 * when the graph holds no entities. --show prints the top five of some
 * organizations, now and before, with their reasons. Writes
 * .artifacts/eval/suggestions-<label>-<time>.json, which `npm run bench` shows
 * as its eval row.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import neo4j from 'neo4j-driver';
import { Executor } from '../src/db/executor';
import { migrateGraph } from '../src/ingest/migrateGraph';
import { loadEverySeed } from '../src/ingest/loadEcosystem';
import { graphIsEmpty } from '../src/ingest/loadSeed';
import { connectionFor, localInstance, startLocalNeo4j } from '../src/localNeo4j/server';
import { findSuggestedPartners, suggestionsBeforeStatement, suggestionsStatement } from '../src/modules/paths/repository';
import type { SuggestionRecord } from '../src/modules/paths/records';
import { PARTNER_PROPENSITY, type OrganizationKind } from '../src/domain/model';
import { argument } from './database';

const LABEL = argument('label') ?? argument('instance') ?? 'graph';
const LIMIT = argument('limit') ? Number(argument('limit')) : null;
const FIRST = Number(argument('first') ?? '50');
const SHOW = argument('show')?.split(',') ?? [];

/** The day before a partial date: 2019-01-14 → 2019-01-13, 2025-05 → 2025-04-30, 2013 → 2012-12-31. */
export function dayBefore(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number | undefined, number | undefined];
  const start = Date.UTC(y, (m ?? 1) - 1, d ?? 1);
  return new Date(start - 86_400_000).toISOString().slice(0, 10);
}

/** Expected hits@k and reciprocal rank of one target among n organizations in random order. */
export function randomExpectation(n: number, k: number, first = FIRST): { hits: number; rr: number } {
  if (n <= 0) return { hits: 0, rr: 0 };
  let harmonic = 0;
  for (let i = 1; i <= Math.min(n, first); i++) harmonic += 1 / i;
  return { hits: Math.min(k, n) / n, rr: harmonic / n };
}

interface Pair {
  agreement: string;
  date: string;
  self: string;
  other: string;
}
interface Score {
  hits5: number;
  hits10: number;
  rr: number;
}
const zero = (): Score => ({ hits5: 0, hits10: 0, rr: 0 });
const rankScore = (rank: number | null): Score => (rank === null ? zero() : { hits5: rank <= 5 ? 1 : 0, hits10: rank <= 10 ? 1 : 0, rr: 1 / rank });

async function connect(): Promise<{ executor: Executor; close: () => Promise<void> }> {
  const uri = argument('uri') ?? process.env.NEO4J_URI;
  let conn: { uri: string; username: string; password: string };
  if (uri) conn = { uri, username: process.env.NEO4J_USERNAME ?? 'neo4j', password: argument('password') ?? process.env.NEO4J_PASSWORD ?? '' };
  else conn = await startLocalNeo4j(localInstance(argument('instance') ?? 'dev'));
  void connectionFor;
  const driver = neo4j.driver(conn.uri, neo4j.auth.basic(conn.username, conn.password), { disableLosslessIntegers: true });
  return { executor: new Executor(driver, { database: process.env.NEO4J_DATABASE ?? 'neo4j', timeoutMs: 120_000 }), close: () => driver.close() };
}

const PAIRS = `
MATCH (ag:Agreement) WHERE ag.retracted IS NULL
WITH ag, [d IN [ag.signedOn, ag.announcedOn] WHERE d IS NOT NULL | toString(d)] AS dates
WITH ag, CASE WHEN size(dates) > 0 THEN reduce(m = dates[0], d IN dates | CASE WHEN d < m THEN d ELSE m END)
              ELSE coalesce(toString(ag.effectiveOn), toString(ag.startedOn)) END AS date
WHERE date IS NOT NULL
MATCH (p:Organization)-[r:PARTY_TO]->(ag) WHERE r.retracted IS NULL AND p.retracted IS NULL
WITH ag, date, collect(DISTINCT p.id) AS parties WHERE size(parties) >= 2
RETURN ag.id AS agreement, date, parties ORDER BY date, ag.id`;

const ELIGIBLE = `
MATCH (o:Organization {id: $id})
WITH o, COUNT { MATCH (c:Organization) WHERE c.retracted IS NULL } - 1 AS orgs
CALL (o) {
  MATCH (o)-[r]-(c:Organization) WHERE type(r) <> 'STATED_IN' AND r.retracted IS NULL
    AND coalesce(r.signedOn, r.startedOn, r.effectiveOn, '') <= $asOf RETURN c
  UNION
  MATCH (o)-[r1:PARTY_TO|CREATED]-(ag:Agreement)-[r2:PARTY_TO|CREATED]-(c:Organization)
  WHERE c <> o AND ag.retracted IS NULL AND coalesce(toString(ag.signedOn), toString(ag.announcedOn), toString(ag.effectiveOn), '') <= $asOf RETURN c
}
WITH orgs, count(DISTINCT c) AS partners, collect(c.id) AS ids
RETURN orgs - partners AS eligible, $other IN ids AS partnered`;

/** What a backtest run found (written as JSON and read by `npm run bench`). */
export interface BacktestResult {
  label: string;
  agreements: number;
  datedAgreements: number;
  pairs: number;
  alreadyPartners: number;
  notPartnerKind: number;
  /** Agreements at least one of whose pairs `now` put in its top ten. */
  hitAgreements: number;
  first: number;
  weights: string;
  seconds: number;
  now: Rates;
  before: Rates;
  random: Rates;
  pre2024: Split;
  from2024: Split;
}
interface Rates {
  hits5: number;
  hits10: number;
  mrr: number;
}
interface Split {
  pairs: number;
  now: Rates;
  before: Rates;
  random: Rates;
}

/**
 * Scores the three rankers over the graph's dated agreements (the module
 * comment says how); `limit` spreads the agreements scored evenly over time.
 */
export async function backtest(executor: Executor, { label = 'graph', limit = null, first = 50, verbose = false }: { label?: string; limit?: number | null; first?: number; verbose?: boolean } = {}): Promise<BacktestResult> {
  const rows = await executor.read<{ agreement: string; date: string; parties: string[] }>({ name: 'eval/pairs', text: PAIRS }, {});
  const picked = limit && rows.length > limit ? Array.from({ length: limit }, (_, i) => rows[Math.floor((i * rows.length) / limit)]!) : rows;
  const pairs: Pair[] = picked.flatMap((a) => a.parties.flatMap((self) => a.parties.filter((o) => o !== self).map((other) => ({ agreement: a.agreement, date: a.date, self, other }))));
  const totals = { now: zero(), before: zero(), random: zero() };
  const splits = { pre2024: { now: zero(), before: zero(), random: zero(), pairs: 0 }, from2024: { now: zero(), before: zero(), random: zero(), pairs: 0 } };
  let alreadyPartners = 0;
  const hitAgreements = new Set<string>();
  // a pair whose other party is of a kind never suggested (a regulator, an agency) stays in, a miss for `now` (none in the seed)
  const kindOf = new Map((await executor.read<{ id: string; kind: string | null }>({ name: 'eval/kinds', text: 'MATCH (o:Organization) WHERE o.id IN $ids RETURN o.id AS id, o.kind AS kind' }, { ids: [...new Set(pairs.map((p) => p.other))] })).map((r) => [r.id, r.kind]));
  const notPartnerKind = pairs.filter((p) => !PARTNER_PROPENSITY[kindOf.get(p.other) as OrganizationKind]).length;
  const started = Date.now();
  const add = (into: Score, s: Score) => {
    into.hits5 += s.hits5;
    into.hits10 += s.hits10;
    into.rr += s.rr;
  };
  for (const [i, p] of pairs.entries()) {
    const asOf = dayBefore(p.date);
    const rankIn = (list: SuggestionRecord[]) => {
      const at = list.findIndex((s) => s.organization.id === p.other);
      return at >= 0 ? at + 1 : null;
    };
    const [now, before, [eligibility]] = await Promise.all([
      findSuggestedPartners(executor, { id: p.self, first, asOf, includeUnverified: true }, false, 120_000),
      findSuggestedPartners(executor, { id: p.self, first, asOf, includeUnverified: true }, true, 120_000),
      executor.read<{ eligible: number; partnered: boolean }>({ name: 'eval/eligible', text: ELIGIBLE }, { id: p.self, other: p.other, asOf }),
    ]);
    const partnered = eligibility?.partnered ?? false;
    if (partnered) alreadyPartners++;
    const r = partnered ? { hits: 0, rr: 0 } : randomExpectation(eligibility?.eligible ?? 0, 5, first);
    const r10 = partnered ? { hits: 0, rr: 0 } : randomExpectation(eligibility?.eligible ?? 0, 10, first);
    const scores = { now: rankScore(rankIn(now)), before: rankScore(rankIn(before)), random: { hits5: r.hits, hits10: r10.hits, rr: r.rr } };
    if (verbose) console.log(`  ${p.date} ${p.self} -> ${p.other}: now ${rankIn(now) ?? '-'} of ${now.length}, before ${rankIn(before) ?? '-'} of ${before.length}${partnered ? ', already partners' : ''}`);
    if (scores.now.hits10) hitAgreements.add(p.agreement);
    const split = p.date < '2024' ? splits.pre2024 : splits.from2024;
    split.pairs++;
    for (const k of ['now', 'before', 'random'] as const) {
      add(totals[k], scores[k]);
      add(split[k], scores[k]);
    }
    if ((i + 1) % 50 === 0) console.log(`  ${i + 1}/${pairs.length} pairs, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  const n = pairs.length;
  const rate = (s: Score, of: number): Rates => ({ hits5: of ? s.hits5 / of : 0, hits10: of ? s.hits10 / of : 0, mrr: of ? s.rr / of : 0 });
  const split = (x: (typeof splits)['pre2024']): Split => ({ pairs: x.pairs, now: rate(x.now, x.pairs), before: rate(x.before, x.pairs), random: rate(x.random, x.pairs) });
  return {
    label,
    agreements: new Set(pairs.map((p) => p.agreement)).size,
    datedAgreements: rows.length,
    pairs: n,
    alreadyPartners,
    notPartnerKind,
    hitAgreements: hitAgreements.size,
    first,
    weights: 'fixed by reasoning (src/domain/suggestionLinks.ts, src/domain/model.ts PARTNER_PROPENSITY), not fitted',
    seconds: Math.round((Date.now() - started) / 100) / 10,
    now: rate(totals.now, n),
    before: rate(totals.before, n),
    random: rate(totals.random, n),
    pre2024: split(splits.pre2024),
    from2024: split(splits.from2024),
  };
}

async function main(): Promise<void> {
  const { executor, close } = await connect();
  try {
    if (process.argv.includes('--load-seed') && (await graphIsEmpty(executor))) {
      await migrateGraph(executor);
      await loadEverySeed(executor);
      console.log('loaded the seed files');
    }
    // the first read of each statement compiles its plan, which may outlast the read timeout
    for (const st of [suggestionsStatement, suggestionsBeforeStatement]) {
      const { query, params } = st({ id: 'warm-up', first: 5 });
      await executor.read(query, params, { timeoutMs: 120_000 });
    }
    for (const id of SHOW) await show(executor, id);
    const result = await backtest(executor, { label: LABEL, limit: LIMIT, first: FIRST, verbose: process.argv.includes('--verbose') });
    const n = result.pairs;
    const f = (x: number) => x.toFixed(3);
    console.log(`\nsuggestions backtest on ${LABEL}: ${result.agreements} dated agreements between organizations (of ${result.datedAgreements}), ${n} (party, other party) pairs, ${result.alreadyPartners} already partners the day before, ${result.notPartnerKind} whose other party is of a kind never suggested; now's hits@10 come from ${result.hitAgreements} agreements`);
    console.log('| ranker | pairs | hits@5 | hits@10 | MRR |');
    console.log('| --- | --- | --- | --- | --- |');
    for (const k of ['now', 'before', 'random'] as const) console.log(`| ${k} | ${n} | ${f(result[k].hits5)} | ${f(result[k].hits10)} | ${f(result[k].mrr)} |`);
    for (const s of ['pre2024', 'from2024'] as const) for (const k of ['now', 'before', 'random'] as const) console.log(`| ${k} (${s}) | ${result[s].pairs} | ${f(result[s][k].hits5)} | ${f(result[s][k].hits10)} | ${f(result[s][k].mrr)} |`);
    const out = path.resolve(__dirname, '..', '.artifacts', 'eval');
    fs.mkdirSync(out, { recursive: true });
    const file = path.join(out, `suggestions-${LABEL}-${Date.now()}.json`);
    fs.writeFileSync(file, JSON.stringify(result, null, 2));
    console.log(`written ${path.relative(process.cwd(), file)}`);
  } finally {
    await close();
  }
}

/** The top five of `id`, now and before, with their reasons. */
async function show(executor: Executor, id: string): Promise<void> {
  for (const before of [true, false]) {
    const list = await findSuggestedPartners(executor, { id, first: 5 }, before, 120_000);
    console.log(`\n${id}, ${before ? 'before' : 'now'}:`);
    for (const s of list) {
      const kinds = [...new Set(s.reasons.map((r) => r.kind))].join(', ');
      console.log(`  ${s.score.toFixed(3)} ${String(s.organization.props.name)} [${kinds}]`);
      for (const r of s.reasons.slice(0, 2)) console.log(`      ${r.kind}: ${r.explanation.en}`);
    }
  }
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(`eval:suggestions failed: ${error.message}`);
    process.exit(1);
  });
}
