/**
 * The paths operation's answer rate and its comparison with Neo4j's own
 * shortest path (issue #17), run by bench/run.ts one client at a time:
 *
 * - truth: for each workload pair, straight `SHORTEST 1` Cypher over the walked
 *   relationship types within maxHops 4, no timeout, timed. Computed once per
 *   graph (organizations, relationships and pairs in the file name) and cached
 *   in .artifacts/bench/path-truth-*.json, because at 1M relationships it takes
 *   minutes.
 * - ours: the same pairs through the API, one request at a time, by default and
 *   with maxHubDegree 1,000 (hubs left out) and 1,000,000.
 * The answer rate is the share of connected pairs (truth) that got a path.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import neo4j from 'neo4j-driver';
import { DEFAULT_WALK_TYPES } from '../src/modules/paths/repository';
import { PATHS_QUERY } from './workload';

export interface TruthRow {
  from: string;
  to: string;
  /** Length of a shortest path within 4 hops; null when none. */
  length: number | null;
  ms: number;
}

export interface PathVariantRow {
  what: string;
  answered: number;
  connected: number;
  pairs: number;
  p50: number;
  p95: number;
  errors: number;
}

const quantile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round((sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN) * 10) / 10;
};

/** The cached truth for these pairs on this graph, computed (and cached) when missing. */
export async function pathTruth(
  root: string,
  connection: { uri: string; password: string },
  size: { orgs: number; relationships: number },
  pairs: { from: string; to: string }[],
): Promise<TruthRow[]> {
  const key = `${size.orgs}-${size.relationships}-${pairs.length}-${pairs[0]?.from}-${pairs[0]?.to}`;
  const file = path.join(root, '.artifacts', 'bench', `path-truth-${key}.json`);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as TruthRow[];
  const driver = neo4j.driver(connection.uri, neo4j.auth.basic('neo4j', connection.password), { disableLosslessIntegers: true });
  const rows: TruthRow[] = [];
  try {
    for (const { from, to } of pairs) {
      const started = performance.now();
      const result = await driver.executeQuery(
        `MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
         OPTIONAL MATCH p = SHORTEST 1 (a)-[:${DEFAULT_WALK_TYPES.join('|')}]-{1,4}(b)
         RETURN length(p) AS length`,
        { from, to },
      );
      const length = result.records[0]?.get('length') as number | null | undefined;
      rows.push({ from, to, length: length ?? null, ms: Math.round((performance.now() - started) * 10) / 10 });
      console.log(`  truth ${from} -> ${to}: ${length ?? 'none'} (${rows[rows.length - 1]!.ms} ms)`);
    }
  } finally {
    await driver.close();
  }
  fs.writeFileSync(file, JSON.stringify(rows, null, 2));
  return rows;
}

/** Sends each pair to ours one at a time and counts, among connected pairs, those that got a path. */
export async function answerRate(port: number, truth: TruthRow[], what: string, maxHubDegree: number | null): Promise<PathVariantRow> {
  const latencies: number[] = [];
  let answered = 0;
  let errors = 0;
  for (const t of truth) {
    const started = performance.now();
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: PATHS_QUERY, variables: { from: t.from, to: t.to, maxHubDegree } }),
    });
    const body = (await response.json()) as { data?: { partnershipPaths: unknown[] }; errors?: unknown[] };
    latencies.push(performance.now() - started);
    if (body.errors) errors++;
    if (t.length !== null && (body.data?.partnershipPaths.length ?? 0) > 0) answered++;
  }
  const connected = truth.filter((t) => t.length !== null).length;
  return { what, answered, connected, pairs: truth.length, p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95), errors };
}

/** The truth's own row: connected pairs and SHORTEST 1 latency. */
export function truthRow(truth: TruthRow[]): PathVariantRow {
  const connected = truth.filter((t) => t.length !== null).length;
  const ms = truth.map((t) => t.ms);
  return { what: 'ground truth: SHORTEST 1 within 4 hops, straight Cypher, no timeout', answered: connected, connected, pairs: truth.length, p50: quantile(ms, 0.5), p95: quantile(ms, 0.95), errors: 0 };
}
