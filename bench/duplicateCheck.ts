/**
 * npx tsx bench/duplicateCheck.ts [--instance bench] [--uri bolt://… --password …] [--names 200] [--clients 1]
 *
 * Times the likely-duplicate check (src/entityResolution/likelyDuplicates.ts,
 * findLikelyDuplicates: what every create through curation or an approved
 * changeset runs) on the graph as it is, one new Organization name per call, each
 * call in its own read transaction:
 *   new      gen-like names no organization has (the common case: nothing found)
 *   same     names of organizations in the graph (SAME_NAME expected)
 *   near     those names with one letter doubled (NEAR_SPELLING expected)
 * Prints per kind the calls, p50/p95/max ms and how many found a duplicate, and the
 * candidate statement's db hits (PROFILE) for one name of each kind. Reads only.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import neo4j from 'neo4j-driver';
import { cypherQuery } from '../src/db/cypher';
import { candidateQuery, CANDIDATES_PER_NAME, findLikelyDuplicates } from '../src/entityResolution/likelyDuplicates';

const root = path.resolve(__dirname, '..');
function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const INSTANCE = arg('instance', 'bench')!;
const URI = arg('uri') ?? process.env.NEO4J_URI ?? `bolt://127.0.0.1:${process.env.NEO4J_LOCAL_BOLT_PORT ?? '7702'}`;
const PASSWORD =
  arg('password') ?? process.env.NEO4J_PASSWORD ?? fs.readFileSync(path.join(process.env.NEO4J_LOCAL_DIR ?? path.join(root, '.neo4j'), INSTANCE, 'password'), 'utf8').trim();
const NAMES = Number(arg('names', '200'));
const CLIENTS = Number(arg('clients', '1'));

const SYL = ['ka', 'to', 'mi', 'ra', 'sen', 'yo', 'shi', 'ta', 'kai', 'for', 'mo', 'sa', 'lin', 'hua', 'tai', 'zhen', 'gen', 'cel', 'bio', 'neo', 'vi', 'ro', 'xin'];
const SUFFIX = ['Biotech', 'Therapeutics', 'Cell Sciences', 'Regenerative', 'Pharma', 'Institute'];

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
}

const q = (sorted: number[], p: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN) * 10) / 10;

async function main(): Promise<void> {
  const driver = neo4j.driver(URI, neo4j.auth.basic('neo4j', PASSWORD), { disableLosslessIntegers: true, notificationFilter: { minimumSeverityLevel: 'OFF' } });
  try {
    const size = await driver.executeQuery(`MATCH (o:Organization) RETURN count(o) AS orgs`);
    const orgs = Number(size.records[0]!.get('orgs'));
    const rnd = prng(4242);
    const word = () => {
      let w = '';
      for (let i = 2 + Math.floor(rnd() * 2); i > 0; i--) w += SYL[Math.floor(rnd() * SYL.length)];
      return w[0]!.toUpperCase() + w.slice(1);
    };
    const fresh = Array.from({ length: NAMES }, (_, i) => `${word()} ${word()} ${SUFFIX[i % SUFFIX.length]} ${9_000_000 + i}`);
    const sampled = await driver.executeQuery(
      `MATCH (o:Organization) WHERE o.id STARTS WITH 'syn-org-' AND o.retracted IS NULL WITH o SKIP $skip LIMIT $n RETURN o.name AS name`,
      { skip: neo4j.int(Math.floor(orgs / 3)), n: neo4j.int(NAMES) },
    );
    const same = sampled.records.map((r) => String(r.get('name')));
    // One letter doubled in the first word of five letters or more: one edit, digits unchanged.
    const near = same.map((name) => name.replace(/\b([A-Za-z]{4})([a-z])/, '$1$2$2'));
    console.log(`graph: ${orgs} organizations; ${NAMES} names per kind, ${CLIENTS} client(s), ${CANDIDATES_PER_NAME} candidates per name`);

    for (const [kind, names] of [['new', fresh], ['same', same], ['near', near]] as const) {
      const [first] = names;
      const profile = await driver.executeQuery(`PROFILE ${cypherQuery('curation/duplicateCandidates').text}`, {
        requests: [{ key: neo4j.int(0), id: 'bench-new-id', label: 'Organization', lucene: candidateQuery(first!) }],
        limit: neo4j.int(CANDIDATES_PER_NAME),
        onlyNewIds: false,
      });
      const hits = (p: { dbHits: number; children: unknown[] }): number => p.dbHits + (p.children as (typeof p)[]).reduce((a, c) => a + hits(c), 0);
      const times: number[] = [];
      let found = 0;
      let next = 0;
      const client = async () => {
        for (let i = next++; i < names.length; i = next++) {
          const session = driver.session({ defaultAccessMode: neo4j.session.READ });
          const started = performance.now();
          try {
            const duplicates = await session.executeRead((tx) =>
              findLikelyDuplicates(tx, [{ id: `bench-new-${kind}-${i}`, label: 'Organization', names: [{ value: names[i]!, field: 'input.name' }] }]),
            );
            times.push(performance.now() - started);
            if (duplicates.length > 0) found++;
          } finally {
            await session.close();
          }
        }
      };
      await Promise.all(Array.from({ length: CLIENTS }, client));
      times.sort((a, b) => a - b);
      console.log(
        `${kind.padEnd(5)} ${String(times.length).padStart(4)} calls  p50 ${q(times, 50)} ms  p95 ${q(times, 95)} ms  max ${Math.round(times.at(-1)!)} ms  ` +
          `found a duplicate: ${found}/${names.length}  candidate statement db hits (first name): ${hits(profile.summary.profile as never)}  e.g. ${JSON.stringify(first)}`,
      );
    }
  } finally {
    await driver.close();
  }
}

main().catch((error: Error) => {
  console.error(`duplicate check bench failed: ${error.message}`);
  process.exit(1);
});
