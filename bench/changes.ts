/**
 * The reviewed-changes workload (issue #29): propose, approve-and-apply (the
 * likely-duplicate check included), an entity's history with 1,000 changes, a
 * week of 10,000 changes through `changes` and /feed.atom, and /feed.atom again
 * with the ETag it gave (304). Used by bench/run.ts (the operations for ours) and
 * bench/floor.ts (FLOOR_CHANGES: each as one hand-written transaction of the
 * same reads and writes through neo4j-driver).
 *
 * These operations write: run them only against a graph the bench may dirty (its
 * own instance). setupChanges creates what they read, batched with UNWIND, before
 * the targets start: one entity with 1,000 changes (its revisions, dated before the
 * week), 10,000 applied changes spread over the last seven days (those of an earlier
 * run are deleted first), a source to cite, and for each target its own pool of
 * PROPOSED changesets for approve to consume, one per request (dated before the week).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Feed } from 'feed';
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { searchKeyProperties } from '../src/domain/nameKeys';
import { candidateQuery, CANDIDATES_PER_NAME, closeness } from '../src/entityResolution/likelyDuplicates';

export const CHANGE_OPERATIONS = ['propose', 'approve', 'history', 'changes', 'feed', 'feed304'] as const;
export type ChangeOperation = (typeof CHANGE_OPERATIONS)[number];

export const BENCH_SOURCE = 'bench-changes-source';
export const HISTORY_ENTITY = 'bench-history-org';
export const HISTORY_CHANGES = 1_000;
export const WEEK_CHANGES = 10_000;
const BATCH = 2_000;
const WEEK_MS = 7 * 24 * 3_600_000;

// Names built as scripts/gen.ts builds organizations' (syllable words and a suffix), so the
// duplicate check's full-text lookups meet the graph's own words; the number keeps every one
// distinct from any existing name (names that differ in a number are never duplicates).
const SYL = ['ka', 'to', 'mi', 'ra', 'sen', 'yo', 'shi', 'ta', 'kai', 'for', 'mo', 'sa', 'lin', 'hua', 'tai', 'zhen', 'gen', 'cel', 'bio', 'neo', 'vi', 'ro', 'xin'];
const SUFFIX = ['Biotech', 'Therapeutics', 'Cell Sciences', 'Regenerative', 'Pharma', 'Institute'];
const COUNTRIES = ['TW', 'JP', 'US', 'KR', 'SG'];

export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
}

/** A gen-like organization name, numbered (`n` made unique across runs by the caller). */
export function benchName(rnd: () => number, n: string): string {
  const word = () => {
    let w = '';
    for (let i = 2 + Math.floor(rnd() * 2); i > 0; i--) w += SYL[Math.floor(rnd() * SYL.length)];
    return w[0]!.toUpperCase() + w.slice(1);
  };
  return `${word()} ${word()} ${SUFFIX[Math.floor(rnd() * SUFFIX.length)]} ${n}`;
}

/** The upsertEntity input of a new organization, as a curator proposes it. */
export function newOrganization(id: string, name: string, country: string): Record<string, unknown> {
  return {
    type: 'ORGANIZATION',
    id,
    name,
    kind: 'COMPANY',
    country,
    description: 'A made-up organization the benchmark proposes.',
    source: { id: BENCH_SOURCE },
    evidence: 'The benchmark names it.',
  };
}

/** What setupChanges made, for the operations' inputs. */
export interface ChangeSetup {
  /** The start of the week read by changes and the feed (ISO). */
  since: string;
  /** Applied changes with statusAt in the week when setup ended. */
  weekChanges: number;
  /** Per target, the PROPOSED changesets approve consumes, one per request. */
  approvals: Record<'ours' | 'floor', string[]>;
  /** Distinct proposals, rotated (a proposal is stored but not applied, so one can be proposed again). */
  proposals: { operations: { upsertEntity: Record<string, unknown> }[]; note: string }[];
  /** An organization the week's changes touch, for the entity filter. */
  weekEntity: string;
}

const orgId = (i: number) => `syn-org-${String(i).padStart(6, '0')}`;

/**
 * Creates the changes workload's data in the bench's graph (see the file's
 * comment). `orgs`: the synthetic organizations' count; `approvals`: the pool
 * per target. Batched with UNWIND, BATCH rows per transaction.
 */
export async function setupChanges(driver: Driver, orgs: number, approvals: number, log: (line: string) => void): Promise<ChangeSetup> {
  const started = Date.now();
  const write = (text: string, params: Record<string, unknown> = {}) => driver.executeQuery(text, params, { routing: 'WRITE' });
  await write(
    `MERGE (s:Source {id: $id})
     ON CREATE SET s.title = 'Benchmark source', s.publisher = 'regen-graph bench', s.url = 'https://example.org/bench', s.kind = 'OTHER', s.createdAt = datetime(), s.createdBy = 'bench'`,
    { id: BENCH_SOURCE },
  );

  // One entity with HISTORY_CHANGES changes, each setting its description: dated 30 to 60 days ago, outside the week.
  const history = await driver.executeQuery(`MATCH (v:Revision {targetId: $id}) RETURN count(v) AS n`, { id: HISTORY_ENTITY });
  if (Number(history.records[0]!.get('n')) < HISTORY_CHANGES) {
    await write(`MATCH (v:Revision {targetId: $id}) DETACH DELETE v`, { id: HISTORY_ENTITY });
    await write(`MATCH (c:Change) WHERE c.id STARTS WITH 'bench-hist-' DETACH DELETE c`);
    await write(
      `MERGE (n:Entity {id: $id})
       SET n:Organization, n.name = 'Bench History Cells', n += $keys, n.kind = 'COMPANY', n.country = 'TW',
           n.description = 'description ' + $changes, n.createdAt = datetime() - duration('P90D'), n.createdBy = 'bench', n.version = $changes + 1
       WITH n MATCH (s:Source {id: $source}) MERGE (n)-[st:STATED_IN]->(s) SET st.evidence = 'The benchmark names it.'`,
      { id: HISTORY_ENTITY, keys: searchKeyProperties({ name: 'Bench History Cells' }), changes: HISTORY_CHANGES, source: BENCH_SOURCE },
    );
    for (let from = 1; from <= HISTORY_CHANGES; from += BATCH) {
      await write(
        `UNWIND range($from, $to) AS i
         WITH i, datetime() - duration('P60D') + duration({minutes: i * 43}) AS at
         CREATE (c:Change {id: 'bench-hist-' + i, kind: 'CHANGESET', status: 'APPROVED', direct: false, targetIds: [$id], entityIds: [$id],
                 entityTypes: ['ORGANIZATION'], countries: ['TW'], summary: 'updated Organization ' + $id, subject: 'alice@bench', reviewer: 'bob@bench',
                 at: at, statusAt: at, appliedAt: at, reviewedAt: at, sourceId: $source, note: 'Edit ' + i + ' of the description.'})
         CREATE (:Revision {targetId: $id, targetKind: 'entity', version: i + 1, changeId: c.id, at: at, subject: 'alice@bench',
                 fields: '[{"field":"description","before":"description ' + (i - 1) + '","after":"description ' + i + '"}]',
                 fieldNames: ['description'], created: false})`,
        { from, to: Math.min(HISTORY_CHANGES, from + BATCH - 1), id: HISTORY_ENTITY, source: BENCH_SOURCE },
      );
    }
  }

  // The week: WEEK_CHANGES applied changes, evenly spread over the last seven days, about organizations of every country.
  await write(`MATCH (c:Change) WHERE c.id STARTS WITH 'bench-week-' CALL (c) { DETACH DELETE c } IN TRANSACTIONS OF 5000 ROWS`).catch(async () => {
    // CALL … IN TRANSACTIONS needs an implicit transaction; executeQuery runs a managed one, so delete in batches instead.
    for (;;) {
      const r = await write(`MATCH (c:Change) WHERE c.id STARTS WITH 'bench-week-' WITH c LIMIT 5000 DETACH DELETE c RETURN count(*) AS n`);
      if (Number(r.records[0]!.get('n')) === 0) break;
    }
  });
  const now = Date.now();
  const since = new Date(now - WEEK_MS).toISOString();
  const weekEntity = orgId(13 % Math.max(1, orgs));
  for (let from = 0; from < WEEK_CHANGES; from += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, WEEK_CHANGES - from) }, (_, k) => {
      const i = from + k;
      // Every 50th change is about weekEntity; the others about organizations spread over the id range.
      const entity = i % 50 === 0 ? weekEntity : orgId((i * 7919 + 101) % Math.max(1, orgs));
      const at = new Date(now - WEEK_MS + ((i + 0.5) * (WEEK_MS - 60_000)) / WEEK_CHANGES).toISOString();
      const reviewed = i % 3 !== 0;
      return { id: `bench-week-${i}`, entity, country: COUNTRIES[i % COUNTRIES.length], at, reviewed, kind: reviewed ? 'CHANGESET' : 'UPSERT_ENTITY' };
    });
    await write(
      `UNWIND $rows AS row
       CREATE (:Change {id: row.id, kind: row.kind, status: 'APPROVED', direct: NOT row.reviewed, targetIds: [row.entity], entityIds: [row.entity],
               entityTypes: ['ORGANIZATION'], countries: [row.country], summary: 'updated Organization ' + row.entity,
               subject: 'alice@bench', reviewer: CASE WHEN row.reviewed THEN 'bob@bench' END, reviewedAt: CASE WHEN row.reviewed THEN datetime(row.at) END,
               at: datetime(row.at), statusAt: datetime(row.at), appliedAt: datetime(row.at), sourceId: $source, note: 'A change of the benchmark week.'})`,
      { rows, source: BENCH_SOURCE },
    );
  }

  // Approval pools: PROPOSED changesets stored as proposeChange stores them (the base version a new id has: 0),
  // proposed eight days ago: thousands of pending proposals inside the week would stand between the
  // feed's newest changes in the statusAt index (an earlier run's leftovers are deleted).
  for (;;) {
    const r = await write(`MATCH (c:Change) WHERE c.id STARTS WITH 'bench-' AND c.id CONTAINS '-approve-' AND c.status = 'PROPOSED' WITH c LIMIT 5000 DETACH DELETE c RETURN count(*) AS n`);
    if (Number(r.records[0]!.get('n')) === 0) break;
  }
  const run = randomUUID().slice(0, 8);
  // Names of an earlier run's approvals are in the graph: this run's numbers start with digits of its own.
  const serial = String(Date.now() % 10_000_000).padStart(7, '0');
  const rnd = prng(Number(serial));
  const pools: Record<'ours' | 'floor', string[]> = { ours: [], floor: [] };
  for (const target of ['ours', 'floor'] as const) {
    for (let from = 0; from < approvals; from += BATCH) {
      const rows = Array.from({ length: Math.min(BATCH, approvals - from) }, (_, k) => {
        const n = from + k;
        const entity = `bench-${run}-${target}-org-${n}`;
        const input = { ...newOrganization(entity, benchName(rnd, `${serial}${n}`), COUNTRIES[n % COUNTRIES.length]!), expectedVersion: 0 };
        return { id: `bench-${run}-${target}-approve-${n}`, entity, operations: JSON.stringify([{ op: 'upsertEntity', input }]) };
      });
      await write(
        `UNWIND $rows AS row
         CREATE (:Change {id: row.id, kind: 'CHANGESET', status: 'PROPOSED', direct: false, targetIds: [row.entity],
                 summary: 'proposed: created Organization ' + row.entity, subject: 'alice@bench', at: datetime() - duration('P8D'),
                 statusAt: datetime() - duration('P8D'), sourceId: $source, note: 'A new organization for the benchmark.', operations: row.operations})`,
        { rows, source: BENCH_SOURCE },
      );
      pools[target].push(...rows.map((r) => r.id));
    }
  }
  const proposals = Array.from({ length: 50 }, (_, n) => ({
    operations: [{ upsertEntity: newOrganization(`bench-${run}-proposed-org-${n}`, benchName(rnd, `${serial}9${n}`), COUNTRIES[n % COUNTRIES.length]!) }],
    note: 'A new organization for the benchmark.',
  }));
  const week = await driver.executeQuery(`MATCH (c:Change) WHERE c.statusAt >= datetime($since) AND c.status = 'APPROVED' RETURN count(c) AS n`, { since });
  const weekChanges = Number(week.records[0]!.get('n'));
  log(
    `changes workload: ${HISTORY_ENTITY} with ${HISTORY_CHANGES} changes, ${weekChanges} applied changes since ${since}, ` +
      `${approvals} proposals to approve per target; set up in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return { since, weekChanges, approvals: pools, proposals, weekEntity };
}

// ---------------------------------------------------------------- ours: the GraphQL operations

export const PROPOSE = `mutation Propose($input: ProposeChangeInput!) { proposeChange(input: $input) { id status summary } }`;
export const APPROVE = `mutation Approve($id: ID!) { approveChange(id: $id) { id status appliedAt summary } }`;
export const HISTORY = `query History($id: ID!) { entity(id: $id) { id name version history(first: 20) {
  edges { cursor node { targetId version created fields { field before after } change { id author reviewer at appliedAt note source { id } } } }
  pageInfo { hasNextPage endCursor } } } }`;
export const CHANGES = `query Changes($since: DateTime, $entity: ID, $types: [EntityType!], $countries: [String!]) {
  changes(since: $since, entity: $entity, types: $types, countries: $countries, first: 20) {
    edges { cursor node { id kind status summary author reviewer appliedAt targetIds note } } pageInfo { hasNextPage endCursor } } }`;

/** The inputs of `changes` (and, where the feed takes them, of the feed): the whole week, by country, by type, about one entity. */
export function changesInputs(setup: ChangeSetup): Record<string, unknown>[] {
  return [
    { since: setup.since },
    { since: setup.since, countries: ['JP'] },
    { since: setup.since, types: ['ORGANIZATION'] },
    { since: setup.since, entity: setup.weekEntity },
  ];
}

/** A request as a target gets it. */
export interface BenchRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  headers?: Record<string, string>;
}
type Target = 'ours' | 'floor' | 'peer';

/**
 * The operations for bench/run.ts (shape of bench/workload.ts' Operation, plus
 * how each is sent). `tokens`: bearer headers for ours (an editor proposes, a
 * reviewer approves). `etags`: filled by feed304's prepare with the ETag each
 * target gave each input, which feed304 sends back as If-None-Match.
 */
export function changeOps(setup: ChangeSetup, tokens: { editor: string; reviewer: string }) {
  const etags = new Map<string, string>();
  const graphql = (target: Target, name: string, query: string, input: Record<string, unknown>, token?: string): BenchRequest =>
    target === 'ours'
      ? { method: 'POST', path: '/graphql', body: JSON.stringify({ query, variables: input }), headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } }
      : { method: 'POST', path: `/${name}`, body: JSON.stringify(input), headers: { 'content-type': 'application/json' } };
  const feed = (target: Target, input: Record<string, unknown>): BenchRequest => ({ method: 'GET', path: `${target === 'ours' ? '/feed.atom' : '/feed'}?${feedQuery(input)}` });
  const changes = changesInputs(setup);
  return [
    { name: 'propose', inputs: setup.proposals, ours: PROPOSE, send: (t: Target, i: Record<string, unknown>) => graphql(t, 'propose', PROPOSE, t === 'ours' ? { input: i } : i, tokens.editor) },
    {
      name: 'approve',
      inputs: [] as Record<string, unknown>[],
      once: { ours: setup.approvals.ours.map((id) => ({ id })), floor: setup.approvals.floor.map((id) => ({ id })) },
      ours: APPROVE,
      send: (t: Target, i: Record<string, unknown>) => graphql(t, 'approve', APPROVE, i, tokens.reviewer),
    },
    { name: 'history', inputs: [{ id: HISTORY_ENTITY }], ours: HISTORY, send: (t: Target, i: Record<string, unknown>) => graphql(t, 'history', HISTORY, i) },
    { name: 'changes', inputs: changes, ours: CHANGES, send: (t: Target, i: Record<string, unknown>) => graphql(t, 'changes', CHANGES, i) },
    { name: 'feed', inputs: changes, ours: '', send: feed },
    {
      name: 'feed304',
      inputs: changes.map((input, index) => ({ ...input, index })),
      ours: '',
      status: 304,
      prepare: async (target: Target, base: string) => {
        for (const [index, input] of changes.entries()) {
          const response = await fetch(`${base}${feed(target, input).path}`);
          await response.text();
          etags.set(`${target}|${index}`, response.headers.get('etag') ?? '');
        }
      },
      send: (t: Target, i: Record<string, unknown>) => {
        const { index, ...input } = i;
        return { ...feed(t, input), headers: { 'if-none-match': etags.get(`${t}|${String(index)}`) ?? '' } };
      },
    },
  ];
}

/** The feed's query string for an input of changesInputs. */
export function feedQuery(input: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(input)) params.set(k, Array.isArray(v) ? v.join(',') : String(v));
  return params.toString();
}

// ---------------------------------------------------------------- the floor: hand-written transactions

type Tx = ManagedTransaction;
export interface FloorAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}
/** A floor handler: runs its own transactions on `driver`. */
export type FloorChange = (driver: Driver, input: Record<string, unknown>, headers: IncomingHttpHeaders, url: URL) => Promise<FloorAnswer>;

const json = (data: unknown): FloorAnswer => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ data }) });
const conflict = (message: string): FloorAnswer => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ errors: [{ message }] }) });

const rowsOf = async (tx: Tx, text: string, params: Record<string, unknown>) => (await tx.run(text, params)).records.map((r) => r.toObject() as Record<string, unknown>);

const CANDIDATES = `
CALL db.index.fulltext.queryNodes('entity_search', $lucene, {limit: $limit}) YIELD node
WHERE node.id <> $id AND node.retracted IS NULL AND node:Organization
RETURN node.id AS id, node.name AS name, node.aliases AS aliases`;

/** The checks a new organization must pass: the source exists, the id is free, no live organization has a close name. */
async function refusalOf(tx: Tx, org: Record<string, unknown>): Promise<string | null> {
  const [row] = await rowsOf(
    tx,
    `RETURN EXISTS { MATCH (:Source {id: $source}) } AS source, EXISTS { MATCH (:Entity {id: $id}) } AS taken`,
    { source: (org.source as { id: string }).id, id: org.id },
  );
  if (!row!.source) return 'source not found';
  if (row!.taken) return 'id taken';
  const lucene = candidateQuery(String(org.name));
  if (!lucene) return null;
  for (const c of await rowsOf(tx, CANDIDATES, { lucene, limit: neo4jInt(CANDIDATES_PER_NAME), id: org.id })) {
    for (const existing of [c.name as string, ...((c.aliases as string[] | null) ?? [])]) {
      if (existing && closeness(String(org.name), existing)) return `likely duplicate of ${String(c.id)}`;
    }
  }
  return null;
}

// Integers go to Cypher as integers (the driver sends a JS number as a float).
const neo4jInt = (n: number) => neo4j.int(n);

const APPLY = `
MATCH (s:Source {id: $source})
CREATE (n:Entity:Organization {id: $org.id})
SET n += $props, n.createdAt = datetime(), n.createdBy = $author, n.updatedAt = datetime(), n.updatedBy = $author, n.version = 1
CREATE (n)-[:STATED_IN {evidence: $org.evidence}]->(s)
WITH n
OPTIONAL MATCH (country:Country {code: $org.country})
CALL (n, country) {
  WITH * WHERE country IS NOT NULL
  CREATE (n)-[r:LOCATED_IN {id: n.id + '--LOCATED_IN--' + country.id, sourceIds: [$source], evidence: [$org.evidence],
                            createdAt: datetime(), createdBy: $author, updatedAt: datetime(), updatedBy: $author, version: 1}]->(country)
  RETURN [r.id] AS located, [country.code] AS countries
  UNION
  WITH * WHERE country IS NULL
  RETURN [] AS located, [] AS countries
}
CREATE (:Revision {targetId: n.id, targetKind: 'entity', version: 1, changeId: $changeId, at: datetime(), subject: $author,
                   fields: $fields, fieldNames: $fieldNames, created: true})
FOREACH (id IN located | CREATE (:Revision {targetId: id, targetKind: 'relationship', version: 1, changeId: $changeId, at: datetime(),
                   subject: $author, fields: '[]', fieldNames: [], created: true}))
WITH n, located, countries
MATCH (c:Change {id: $changeId})
SET c.status = 'APPROVED', c.reviewer = $reviewer, c.reviewedAt = datetime(), c.statusAt = datetime(), c.appliedAt = datetime(),
    c.targetIds = [n.id] + located, c.summary = 'created Organization ' + n.id,
    c.entityIds = [n.id], c.entityTypes = ['ORGANIZATION'], c.countries = countries
RETURN c.id AS id, c.status AS status, toString(c.appliedAt) AS appliedAt, c.summary AS summary`;

function storedProps(org: Record<string, unknown>) {
  return { name: org.name, kind: org.kind, country: org.country, description: org.description, sourceIds: [BENCH_SOURCE], ...searchKeyProperties({ name: org.name }) };
}

const PAGE = `
MATCH (c:Change)
WHERE c.statusAt >= datetime($since) AND c.status = 'APPROVED'
  AND ($entity IS NULL OR $entity IN c.entityIds) AND ($types IS NULL OR any(t IN c.entityTypes WHERE t IN $types))
  AND ($countries IS NULL OR any(x IN c.countries WHERE x IN $countries))
RETURN c {.id, .kind, .status, .summary, .subject, .reviewer, .note, .targetIds, .sourceId, at: toString(c.at), appliedAt: toString(c.appliedAt), statusAt: toString(c.statusAt)} AS change
ORDER BY c.statusAt DESC, c.id DESC LIMIT $limit`;

const VERSION = `
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
OPTIONAL CALL () { MATCH (c:Change) WHERE c.statusAt IS NOT NULL WITH c ORDER BY c.statusAt DESC, c.id DESC LIMIT 1 RETURN c.id AS lastChangeId, toString(c.statusAt) AS lastChangeAt }
RETURN nodes, relationships, lastChangeId, lastChangeAt`;

const filterOf = (input: Record<string, unknown>) => ({
  since: String(input.since),
  entity: (input.entity as string | undefined) ?? null,
  types: (input.types as string[] | undefined) ?? null,
  countries: (input.countries as string[] | undefined) ?? null,
});

async function feedAnswer(driver: Driver, input: Record<string, unknown>, headers: IncomingHttpHeaders, url: URL): Promise<FloorAnswer> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    return await session.executeRead(async (tx): Promise<FloorAnswer> => {
      const [version] = await rowsOf(tx, VERSION, {});
      const etag = `W/"${createHash('sha256').update(`${JSON.stringify(version)}\n${url.pathname}${url.search}`).digest('base64url').slice(0, 27)}"`;
      if (headers['if-none-match'] === etag) return { status: 304, headers: { etag, 'cache-control': 'public, max-age=30' } };
      const changes = (await rowsOf(tx, PAGE, { ...filterOf(input), limit: neo4jInt(100) })).map((r) => r.change as Record<string, string | string[] | null>);
      const feed = new Feed({ title: 'applied changes', id: url.href, link: 'http://127.0.0.1/', copyright: 'See the cited sources.', updated: new Date(String(changes[0]?.appliedAt ?? 0)) });
      for (const c of changes) {
        feed.addItem({ title: String(c.summary), id: `urn:uuid:${String(c.id)}`, link: `http://127.0.0.1/change/${String(c.id)}`, date: new Date(String(c.appliedAt)), description: String(c.note), author: [{ name: String(c.subject) }] });
      }
      return { status: 200, headers: { 'content-type': 'application/atom+xml; charset=utf-8', etag, 'cache-control': 'public, max-age=30' }, body: feed.atom1() };
    });
  } finally {
    await session.close();
  }
}

/** The floor's hand-written transactions, one (or, for propose, one) per request. */
export const FLOOR_CHANGES: Record<ChangeOperation, FloorChange> = {
  propose: async (driver, input) => {
    const org = (input.operations as { upsertEntity: Record<string, unknown> }[])[0]!.upsertEntity;
    const session = driver.session();
    try {
      return await session.executeWrite(async (tx) => {
        const refused = await refusalOf(tx, org);
        if (refused) return conflict(refused);
        const [row] = await rowsOf(
          tx,
          `CREATE (c:Change {id: randomUUID(), kind: 'CHANGESET', status: 'PROPOSED', direct: false, targetIds: [$org.id],
                   summary: 'proposed: created Organization ' + $org.id, subject: 'alice@bench', at: datetime(), statusAt: datetime(),
                   sourceId: $source, note: $note, operations: $operations})
           RETURN c.id AS id, c.status AS status, c.summary AS summary`,
          { org, source: BENCH_SOURCE, note: input.note, operations: JSON.stringify([{ op: 'upsertEntity', input: { ...org, expectedVersion: 0 } }]) },
        );
        return json({ proposeChange: row });
      });
    } finally {
      await session.close();
    }
  },
  approve: async (driver, input) => {
    const session = driver.session();
    try {
      return await session.executeWrite(async (tx) => {
        const [change] = await rowsOf(tx, `MATCH (c:Change {id: $id}) SET c.writeLock = true REMOVE c.writeLock RETURN c.status AS status, c.subject AS author, c.operations AS operations`, { id: input.id });
        if (!change || change.status !== 'PROPOSED') return conflict(`change ${String(input.id)} is not PROPOSED`);
        const [{ input: org }] = JSON.parse(String(change.operations)) as [{ input: Record<string, unknown> }];
        const refused = await refusalOf(tx, org);
        if (refused) return conflict(refused);
        const props = storedProps(org);
        const fields = Object.entries(props).filter(([k]) => k !== 'sourceIds').sort(([a], [b]) => a.localeCompare(b)).map(([field, after]) => ({ field, before: null, after }));
        const [row] = await rowsOf(tx, APPLY, {
          org, props, source: BENCH_SOURCE, author: change.author, reviewer: 'bob@bench', changeId: input.id,
          fields: JSON.stringify(fields), fieldNames: fields.map((f) => f.field),
        });
        return json({ approveChange: row });
      });
    } finally {
      await session.close();
    }
  },
  history: async (driver, input) => {
    const session = driver.session({ defaultAccessMode: neo4j.session.READ });
    try {
      const rows = await session.executeRead((tx) =>
        rowsOf(
          tx,
          `MATCH (n:Entity {id: $id})
           CALL (n) {
             MATCH (v:Revision) WHERE v.targetId = n.id
             WITH v ORDER BY v.version DESC LIMIT 21
             OPTIONAL MATCH (c:Change {id: v.changeId})
             RETURN collect(v {.targetId, .version, .created, .fields,
               change: c {.id, .subject, .reviewer, .note, .sourceId, at: toString(c.at), appliedAt: toString(c.appliedAt)}}) AS revisions
           }
           RETURN n.id AS id, n.name AS name, n.version AS version, revisions`,
          { id: input.id },
        ),
      );
      const [entity] = rows;
      const revisions = (entity?.revisions as Record<string, unknown>[] | undefined) ?? [];
      return json({ entity: entity && { ...entity, revisions: revisions.slice(0, 20).map((r) => ({ ...r, fields: JSON.parse(String(r.fields)) as unknown })), hasNextPage: revisions.length > 20 } });
    } finally {
      await session.close();
    }
  },
  changes: async (driver, input) => {
    const session = driver.session({ defaultAccessMode: neo4j.session.READ });
    try {
      const rows = await session.executeRead((tx) => rowsOf(tx, PAGE, { ...filterOf(input), limit: neo4jInt(21) }));
      return json({ changes: rows.slice(0, 20).map((r) => r.change), hasNextPage: rows.length > 20 });
    } finally {
      await session.close();
    }
  },
  feed: feedAnswer,
  feed304: feedAnswer,
};
