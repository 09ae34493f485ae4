/**
 * The write-interleaved operation (`fresh`): dashboard reads of ours while a
 * curator writes. CONNECTIONS − 1 readers send three cacheable questions in turn
 * (a filtered list's total, organizations per country, the grouped aggregate
 * across a hop); one writer adds an organization (TW, COMPANY) through
 * upsertEntity every --write-interval ms. Each reader notes how many writes were
 * acknowledged before it sent its request; an answer counting fewer new
 * organizations than that is stale. Hit rate: result_cache_hits_total and
 * misses from /metrics over the run. WRITES to the graph (organizations
 * `bench-fresh-…`, a source `bench-changes-source`).
 */
import * as fs from 'node:fs';
import type { Driver } from 'neo4j-driver';
import { ENTRY_OVERHEAD_BYTES } from '../src/http/resultCache';
import { BENCH_SOURCE, newOrganization } from './changes';

export interface FreshnessRow {
  op: 'fresh';
  seconds: number;
  reads: number;
  writes: number;
  readP50: number;
  readP95: number;
  writeP50: number;
  hits: number;
  misses: number;
  hitRate: number;
  stale: number;
  errors: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read by shape, checked by the count they yield
const QUESTIONS: { query: string; tw: (data: any) => number }[] = [
  {
    query: `query FreshList { organizations(where: { countryCode: { eq: "TW" }, kind: { eq: "COMPANY" } }, first: 20) { totalCount nodes { id name } } }`,
    tw: (d) => d.organizations.totalCount,
  },
  {
    query: `query FreshByCountry { organizationsAggregate(groupBy: [{ field: "countryCode" }, { field: "kind" }], first: 1000) { totalCount groups { key count } } }`,
    tw: (d) => d.organizationsAggregate.groups.find((g: { key: string[] }) => g.key[0] === 'TW' && g.key[1] === 'COMPANY')?.count ?? 0,
  },
  {
    query: `query FreshGrouped { organizationsAggregate(groupBy: [{ field: "countryCode" }, { via: "modalities", field: "id" }], first: 1000) { totalCount groups { key count } } }`,
    // New organizations have no modality: they join the (TW, none) group.
    tw: (d) => d.organizationsAggregate.groups.find((g: { key: (string | null)[] }) => g.key[0] === 'TW' && g.key[1] === null)?.count ?? 0,
  },
];

async function metric(base: string, token: string, name: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();
  return [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? ([\\d.e+-]+)$`, 'gm'))].reduce((sum, m) => sum + Number(m[1]), 0);
}

const quantile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round((sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN) * 10) / 10;
};

/** Runs the write-interleaved operation against ours at `base` for `seconds`. */
export async function freshness(driver: Driver, base: string, options: { seconds: number; connections: number; writeIntervalMs: number; editorToken: string; metricsToken: string }): Promise<FreshnessRow> {
  await driver.executeQuery(
    `MERGE (s:Source {id: $id})
     ON CREATE SET s.title = 'Benchmark source', s.publisher = 'regen-graph bench', s.url = 'https://example.org/bench', s.kind = 'OTHER', s.createdAt = datetime(), s.createdBy = 'bench'`,
    { id: BENCH_SOURCE },
    { routing: 'WRITE' },
  );
  const ask = async (i: number) => {
    const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUESTIONS[i]!.query }) });
    const body = (await res.json()) as { data?: unknown; errors?: unknown };
    if (res.status !== 200 || body.errors) throw new Error(`HTTP ${res.status} ${JSON.stringify(body.errors).slice(0, 200)}`);
    return QUESTIONS[i]!.tw(body.data);
  };
  // The first answers may still queue behind the previous operation's queries: a few tries each.
  const settled = async (i: number) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await ask(i);
      } catch (error) {
        if (attempt >= 5) throw error;
        await new Promise((r) => setTimeout(r, 3_000));
      }
    }
  };
  const baseline: number[] = [];
  for (let i = 0; i < QUESTIONS.length; i++) baseline.push(await settled(i));
  const [hits0, misses0] = [await metric(base, options.metricsToken, 'result_cache_hits_total'), await metric(base, options.metricsToken, 'result_cache_misses_total')];
  const run = Date.now().toString(36);
  let acknowledged = 0;
  let stale = 0;
  let errors = 0;
  const readTimes: number[] = [];
  const writeTimes: number[] = [];
  const until = performance.now() + options.seconds * 1000;
  const writer = (async () => {
    for (let n = 0; performance.now() < until; n++) {
      const started = performance.now();
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.editorToken}` },
        body: JSON.stringify({ query: `mutation($input: UpsertEntityInput!) { upsertEntity(input: $input) { created } }`, variables: { input: newOrganization(`bench-fresh-${run}-${n}`, `Bench Fresh ${run} ${n}`, 'TW') } }),
      });
      const body = (await res.json()) as { errors?: unknown };
      if (res.status === 200 && !body.errors) acknowledged++;
      else errors++;
      writeTimes.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, options.writeIntervalMs));
    }
  })();
  const reader = async (k: number) => {
    for (let i = k; performance.now() < until; i++) {
      const q = i % QUESTIONS.length;
      const seen = acknowledged;
      const started = performance.now();
      try {
        const tw = await ask(q);
        readTimes.push(performance.now() - started);
        if (tw < baseline[q]! + seen) stale++;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all([writer, ...Array.from({ length: Math.max(1, options.connections - 1) }, (_, k) => reader(k))]);
  const hits = (await metric(base, options.metricsToken, 'result_cache_hits_total')) - hits0;
  const misses = (await metric(base, options.metricsToken, 'result_cache_misses_total')) - misses0;
  return {
    op: 'fresh',
    seconds: options.seconds,
    reads: readTimes.length,
    writes: acknowledged,
    readP50: quantile(readTimes, 50),
    readP95: quantile(readTimes, 95),
    writeP50: quantile(writeTimes, 50),
    hits,
    misses,
    hitRate: Math.round((hits / Math.max(1, hits + misses)) * 1000) / 1000,
    stale,
    errors,
  };
}

export interface CacheFullRow {
  op: 'cacheFull';
  seconds: number;
  requests: number;
  errors: number;
  /** RESULT_CACHE_MAX_MB as the API reports it (result_cache_max_bytes). */
  maxBytes: number;
  /** result_cache_bytes and result_cache_entries at the end, and evictions during the run. */
  cacheBytes: number;
  entries: number;
  evictions: number;
  /** What the cache should count for the answers it holds: the last `entries` distinct answers' bytes, their keys' and the overhead each. */
  expectedBytes: number;
  meanAnswerBytes: number;
  rssBeforeMb: number;
  rssPeakMb: number;
  rssEndMb: number;
}

const rssMb = (pid: number) => Math.round(Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);

/**
 * `cacheFull`: fills the result cache past its bound with distinct answers
 * (organization lists by country, kind, page size and order; grouped counts cut
 * at different sizes) from CONNECTIONS − 1 clients until it has evicted for a
 * while, sampling the API's RSS every 200 ms. Reads only.
 */
export async function fillCache(base: string, options: { pid: number; connections: number; metricsToken: string; maxSeconds: number }): Promise<CacheFullRow> {
  const metricOf = (name: string) => metric(base, options.metricsToken, name);
  const maxBytes = await metricOf('result_cache_max_bytes');
  const evicted0 = await metricOf('result_cache_evictions_total');
  const countries = ['TW', 'JP', 'US', 'KR', 'CN', 'SG', 'AU', 'FR', 'GB', 'DE', 'IN', 'CH', 'HK', 'IL', 'SE', 'VN', 'CA', 'MY', 'NL', 'TH'];
  const kinds = ['COMPANY', 'PHARMA', 'CDMO', 'RESEARCH_INSTITUTE', 'INVESTOR', 'GOVERNMENT_AGENCY', 'UNIVERSITY', 'HOSPITAL'];
  const LIST = `query Fill($c: String!, $k: String!, $first: Int!, $sort: [OrganizationSort!]) {
    organizations(where: { countryCode: { eq: $c }, kind: { eq: $k } }, first: $first, sort: $sort) { totalCount edges { cursor node { id name countryCode kind description } } } }`;
  const GROUPED = `query FillGrouped($first: Int!) { organizationsAggregate(groupBy: [{ field: "countryCode" }, { field: "kind" }], first: $first) { totalCount truncated groups { key count } } }`;
  const request = (i: number) => {
    if (i % 25 === 24) return { query: GROUPED, variables: { first: 1 + ((i / 25) | 0) } };
    const first = 100 - (((i / (countries.length * kinds.length * 2)) | 0) % 100);
    return { query: LIST, variables: { c: countries[i % countries.length], k: kinds[((i / countries.length) | 0) % kinds.length], first, sort: [{ field: (((i / (countries.length * kinds.length)) | 0) % 2 ? 'ID' : 'NAME') }] } };
  };
  const answers: number[] = [];
  let [requests, errors, next, peak] = [0, 0, 0, 0];
  const rssBeforeMb = rssMb(options.pid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(options.pid))), 200);
  const started = performance.now();
  let filled = false;
  const client = async () => {
    while (!filled && performance.now() - started < options.maxSeconds * 1000) {
      const body = JSON.stringify(request(next++));
      const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const text = await res.text();
      requests++;
      if (res.status !== 200 || text.includes('"errors"')) errors++;
      else answers.push(Buffer.byteLength(text));
    }
  };
  const watcher = (async () => {
    // Full: evictions keep the bytes at the bound; go on until a quarter more than the bound has gone through.
    while (!filled && performance.now() - started < options.maxSeconds * 1000) {
      await new Promise((r) => setTimeout(r, 1_000));
      const through = answers.reduce((a, b) => a + b, 0);
      if ((await metricOf('result_cache_evictions_total')) > evicted0 && through > maxBytes * 1.25) filled = true;
    }
  })();
  await Promise.all([watcher, ...Array.from({ length: Math.max(1, options.connections - 1) }, client)]);
  filled = true;
  clearInterval(sampler);
  const [cacheBytes, entries, evictions] = [await metricOf('result_cache_bytes'), await metricOf('result_cache_entries'), (await metricOf('result_cache_evictions_total')) - evicted0];
  // Every request is a distinct question, so the kept answers are the last `entries` ones (least recently used evicted first).
  const KEY_BYTES = 43; // base64url of a SHA-256
  const kept = answers.slice(-entries);
  const expectedBytes = kept.reduce((sum, bytes) => sum + bytes + KEY_BYTES + ENTRY_OVERHEAD_BYTES, 0);
  return {
    op: 'cacheFull',
    seconds: Math.round((performance.now() - started) / 100) / 10,
    requests,
    errors,
    maxBytes,
    cacheBytes,
    entries,
    evictions,
    expectedBytes,
    meanAnswerBytes: Math.round(answers.reduce((a, b) => a + b, 0) / Math.max(1, answers.length)),
    rssBeforeMb,
    rssPeakMb: Math.max(peak, rssMb(options.pid)),
    rssEndMb: rssMb(options.pid),
  };
}
