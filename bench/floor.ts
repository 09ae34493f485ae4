/**
 * The floor: a tiny node:http server (PORT, default 4102) that answers each
 * workload operation with hand-written Cypher through neo4j-driver directly —
 * one read transaction per request, no GraphQL, no validation, no resolvers.
 * POST /<operation> with the operation's input as JSON; the answer is the rows
 * as JSON. Started by bench/run.ts and driven by autocannon like the API.
 *
 * detail, list and search are written here as single queries (pattern
 * comprehensions, count + page). statistics, neighborhood, brokers and
 * suggestions reuse the project's own Cypher text (cypher/queries/...) because
 * that text already is the hand-written query, and paths the project's own
 * search code; for those the ratio isolates the API's own overhead.
 *
 * The reviewed-changes operations (bench/changes.ts, FLOOR_CHANGES) are
 * hand-written transactions of the same reads and writes: POST /propose,
 * /approve, /history, /changes, and GET /feed?since=…&countries=… (with
 * If-None-Match: 304 when the graph has not changed).
 */
import * as http from 'node:http';
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { cypherQuery, cypherTemplate } from '../src/db/cypher';
import { DEFAULT_WALK_TYPES, RELATIONSHIP_TYPE_NAMES } from '../src/domain/model';
import { toCypherValue } from '../src/db/executor';
import { HUB_DEGREE } from '../src/modules/paths/frontier';
import { brokersStatement, searchPaths, suggestionsStatement } from '../src/modules/paths/repository';
import { FLOOR_CHANGES, type ChangeOperation } from './changes';
import { luceneFor } from './workload';

const DETAIL = `
MATCH (o:Organization {id: $id}) WHERE o.retracted IS NULL
RETURN o {.id, .name, .country, .kind,
  people: [(p:Person)-[r:HOLDS_ROLE]->(o) WHERE r.retracted IS NULL AND p.retracted IS NULL | {title: r.title, person: p {.id, .name}}],
  technologies: [(o)-[:DEVELOPS]->(t:Technology) WHERE t.retracted IS NULL | t {.id, .name,
    modalities: [(t)-[:USES_MODALITY]->(m:Modality) | m {.id, .name}],
    indications: [(t)-[:TARGETS_INDICATION]->(i:Indication) | i {.id, .name}],
    agreements: [(a:Agreement)-[:COVERS]->(t) WHERE a.retracted IS NULL | a {.id, .name, .kind,
      licensor: head([(l:Organization)-[pr:PARTY_TO]->(a) WHERE pr.role = 'LICENSOR' | l {.id, .name}]),
      licensee: head([(l:Organization)-[pr:PARTY_TO]->(a) WHERE pr.role = 'LICENSEE' | l {.id, .name}])}]}],
  agreements: [(o)-[pr:PARTY_TO]->(a:Agreement) WHERE a.retracted IS NULL | {role: pr.role, agreement: a {.id, .name,
    covers: [(a)-[:COVERS]->(t:Technology) | t {.id, .name}]}}],
  events: [(o)-[rel:ORGANIZED|CO_HOSTED|PARTICIPATED_IN]->(e:Event) WHERE e.retracted IS NULL | {participation: type(rel), event: e {.id, .name}}]
} AS organization`;

const LIST_PAGE = `
MATCH (n:Organization) WHERE n.retracted IS NULL AND n.country IN $countries AND n.kind IN $kinds
RETURN n {.id, .name, .country, .kind} AS node ORDER BY n.name, n.id LIMIT 21`;
const LIST_COUNT = `
MATCH (n:Organization) WHERE n.retracted IS NULL AND n.country IN $countries AND n.kind IN $kinds
RETURN count(n) AS total`;

const FILTERED_MATCH = `
MATCH (n:Organization) WHERE n.retracted IS NULL
  AND ((n.country IN $countries AND n.kind IN $kinds) OR (n.country = $country AND n.kind = $kind))
  AND EXISTS { MATCH (n)-[d:DEVELOPS]->(t:Technology)-[u:USES_MODALITY]->(m:Modality)
               WHERE m.id IN $modalities AND d.retracted IS NULL AND t.retracted IS NULL AND u.retracted IS NULL AND m.retracted IS NULL }`;
const FILTERED_PAGE = `${FILTERED_MATCH}
RETURN n {.id, .name, .country, .kind} AS node ORDER BY n.name, n.id LIMIT 21`;
const FILTERED_COUNT = `${FILTERED_MATCH}
RETURN count(n) AS total`;

const GROUPED = `
MATCH (n:Organization) WHERE n.retracted IS NULL
OPTIONAL MATCH (n)-[r:USES_MODALITY]->(m:Modality) WHERE r.retracted IS NULL AND m.retracted IS NULL
WITH n.country AS country, m.id AS modality, count(DISTINCT n) AS count
ORDER BY count DESC, country, modality LIMIT 101
RETURN collect({key: [country, modality], count: count}) AS groups`;
const GROUPED_TOTAL = `MATCH (n:Organization) WHERE n.retracted IS NULL RETURN count(n) AS total`;

const SEARCH = `
CALL db.index.fulltext.queryNodes('entity_search', $lucene, {limit: 20}) YIELD node, score
WHERE node.retracted IS NULL
RETURN node {.id, .name, labels: labels(node)} AS entity, score ORDER BY score DESC, node.name LIMIT 10`;

const WALK = DEFAULT_WALK_TYPES;
const HOOD = cypherTemplate('paths/neighborhood', { types: WALK }).text;
// The API computes these two as grouped aggregates (src/translate/aggregate.ts); the floor keeps the hand-written text.
const ORGS_BY_COUNTRY_AND_KIND = `
MATCH (o:Organization) WHERE o.retracted IS NULL
RETURN o.country AS countryCode, o.kind AS kind, count(*) AS count
ORDER BY count DESC, countryCode, kind`;
const AGREEMENTS_BY_KIND_AND_TERRITORY = `
MATCH (a:Agreement) WHERE a.retracted IS NULL
UNWIND a.territory AS territory
RETURN a.kind AS kind, territory, count(*) AS count
ORDER BY count DESC, kind, territory`;
const STATS = [
  [cypherQuery('statistics/entitiesByType').text, {}],
  [ORGS_BY_COUNTRY_AND_KIND, {}],
  [cypherTemplate('statistics/usage', { label: 'Modality', type: 'USES_MODALITY' }).text, {}],
  [cypherTemplate('statistics/usage', { label: 'Indication', type: 'TARGETS_INDICATION' }).text, {}],
  [AGREEMENTS_BY_KIND_AND_TERRITORY, {}],
  [cypherQuery('statistics/crossBorderLinks').text, { types: RELATIONSHIP_TYPE_NAMES }],
  [cypherQuery('statistics/relationshipsByType').text, { types: RELATIONSHIP_TYPE_NAMES }],
] as const;

const rows = async (tx: ManagedTransaction, text: string, params: Record<string, unknown>) =>
  (await tx.run(text, params)).records.map((r) => r.toObject());

/** A statement built by the API's own repository, run as it is (integers as Cypher integers). */
const statement = (tx: ManagedTransaction, s: { query: { text: string }; params: Record<string, unknown> }) =>
  rows(tx, s.query.text, toCypherValue(s.params) as Record<string, unknown>);

type Handler = (tx: ManagedTransaction, input: Record<string, unknown>) => Promise<unknown>;
const HANDLERS: Record<string, Handler> = {
  typename: async () => ({ __typename: 'Query' }),
  detail: (tx, i) => rows(tx, DETAIL, { id: i.id }),
  list: async (tx, i) => {
    const page = await rows(tx, LIST_PAGE, i);
    const [count] = await rows(tx, LIST_COUNT, i);
    return { total: count?.total, page: page.slice(0, 20), hasNextPage: page.length > 20 };
  },
  filtered: async (tx, i) => {
    const page = await rows(tx, FILTERED_PAGE, i);
    const [count] = await rows(tx, FILTERED_COUNT, i);
    return { total: count?.total, page: page.slice(0, 20), hasNextPage: page.length > 20 };
  },
  grouped: async (tx) => {
    const [{ groups }] = (await rows(tx, GROUPED, {})) as [{ groups: unknown[] }];
    const [count] = await rows(tx, GROUPED_TOTAL, {});
    return { total: count?.total, groups: groups.slice(0, 100), truncated: groups.length > 100 };
  },
  search: (tx, i) => rows(tx, SEARCH, { lucene: luceneFor(String(i.query)) }),
  statistics: async (tx) => {
    const out: unknown[] = [];
    for (const [text, params] of STATS) out.push(await rows(tx, text, params));
    return out;
  },
  // The path search is several statements steered by code (src/modules/paths/frontier.ts), so the
  // floor runs that same code on the bare driver: the ratio is the API's own overhead.
  paths: (tx, i) => searchPaths(tx, { from: String(i.from), to: String(i.to), maxHops: 4, first: 5, crossBorderOnly: false, maxHubDegree: null }),
  neighborhood: (tx, i) => rows(tx, HOOD, { id: i.id, depth: neo4j.int(2), limit: neo4j.int(100), sample: neo4j.int(HUB_DEGREE), walked: WALK, includeUnverified: false, nodeProperties: false, edgeProperties: false }),
  brokers: (tx, i) => statement(tx, brokersStatement({ between: i.between as string[], first: 5 })),
  suggestions: (tx, i) => statement(tx, suggestionsStatement({ id: String(i.id), country: i.country as string | null, first: 5 })),
};

const driver = neo4j.driver(process.env.NEO4J_URI!, neo4j.auth.basic('neo4j', process.env.NEO4J_PASSWORD!), {
  disableLosslessIntegers: true,
  maxConnectionPoolSize: 50,
  // As the API's driver (src/db/driver.ts): no Cypher notifications built and sent with each result.
  notificationFilter: { minimumSeverityLevel: 'OFF' },
});

/** GET /feed's query parameters as the changes handlers take them (lists comma-separated). */
function feedInput(url: URL): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [k, v] of url.searchParams) input[k] = k === 'types' || k === 'countries' ? v.split(',') : v;
  return input;
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const change = Object.hasOwn(FLOOR_CHANGES, url.pathname.slice(1)) ? FLOOR_CHANGES[url.pathname.slice(1) as ChangeOperation] : undefined;
    if (change) {
      const input = req.method === 'GET' ? feedInput(url) : (JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>);
      change(driver, input, req.headers, url)
        .then((answer) => res.writeHead(answer.status, answer.headers).end(answer.body))
        .catch((error: Error) => res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: error.message }] })));
      return;
    }
    const handler = HANDLERS[(req.url ?? '').slice(1)];
    if (!handler) {
      res.writeHead(404).end();
      return;
    }
    const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
    if (req.url === '/typename') {
      // The server-overhead probe: parse the body and answer, no database.
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { __typename: 'Query' } }));
      return;
    }
    const session = driver.session({ database: 'neo4j', defaultAccessMode: neo4j.session.READ });
    session
      .executeRead((tx) => handler(tx, input), { timeout: 10_000 })
      .then((data) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
      })
      .catch((error: Error) => {
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: error.message }] }));
      })
      .finally(() => void session.close());
  });
});
server.listen(Number(process.env.PORT ?? 4102), '127.0.0.1', () => console.log('floor ready'));
