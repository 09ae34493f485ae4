import type { ManagedTransaction } from 'neo4j-driver';
import { cypherQuery, cypherTemplate, type CypherQuery } from '../../db/cypher';
import { run, type Executor, type Params } from '../../db/executor';
import { DEFAULT_WALK_TYPES, RELATIONSHIP_TYPE_NAMES, type RelationshipType } from '../../domain/model';
import { BadUserInputError, NotFoundError } from '../../errors';
import { publicProperties, relationshipCitations, toEntityRecord, type EntityRecord, type NodeRow } from '../entity/records';
import { inEveryLanguage, type Language } from '../../domain/language';
import { explainHop, explainHub, explainPath, explainSharedNeighbour, hubSize, withSize } from './explain';
import { HUB_DEGREE, NON_DOMAIN_TYPES, SEARCH_BUDGET, searchFrontiers, type Candidate, type NodeInfo } from './frontier';
import { isDated, pathStrength, selectPaths } from './rank';
import type { BrokerRecord, HopRecord, HubRecord, PathRecord, SubgraphRecord, SuggestionRecord } from './records';

/**
 * Graph questions about how entities connect: k shortest paths, neighbourhoods,
 * brokers and partner suggestions. Each operation is ONE Cypher statement (one
 * round trip, whatever the size of the answer) with a transaction timeout, its
 * endpoints bound by their unique id before anything is expanded, relationship
 * types named in the pattern and hops bounded.
 */

/**
 * Transaction timeout of every query here; a slower one fails with QUERY_TIMEOUT.
 * Their work is bounded by samples and the search budget, not by the graph; the
 * allowance is for compiling the larger plans on first use, which took 1–4 s
 * each on the shared 2-core machine (and 10 s once on a cold server).
 */
export const PATH_QUERY_TIMEOUT_MS = 10_000;

/** Types walked unless the caller names others (the model's: every domain type but LOCATED_IN). */
export { DEFAULT_WALK_TYPES };

type RelRow = { type: RelationshipType; start: string; props: Record<string, unknown> };
/**
 * A path as read from Neo4j: nodes in path order, relationships with their
 * start node's id, each node's domain degree, and for hubs their member count
 * (null, or absent, when unknown or not counted for that kind).
 */
export type PathRow = { nodes: NodeRow[]; rels: RelRow[]; degrees: number[]; members?: (number | null)[] };

const call = { timeoutMs: PATH_QUERY_TIMEOUT_MS };

function walkTypes(types: readonly RelationshipType[] | null | undefined): readonly RelationshipType[] {
  return types && types.length ? [...new Set(types)] : DEFAULT_WALK_TYPES;
}

/**
 * A path as a PathRecord: each hop's direction relative to path order, its
 * public properties, citations and sentence; the intermediaries above
 * `hubDegree` as hubs (with their size, which the hop reaching them states),
 * and the path's strength (src/modules/paths/rank.ts).
 */
export function toPathRecord(row: PathRow, hubDegree: number = HUB_DEGREE): PathRecord {
  const nodes = row.nodes.map(toEntityRecord);
  const last = nodes.length - 1;
  const isHub = (i: number) => i > 0 && i < last && row.degrees[i]! > hubDegree;
  const sizeIn = (i: number, lang: Language) => (isHub(i) ? hubSize(nodes[i]!, row.degrees[i]!, row.members?.[i] ?? null, lang) : null);
  const hops = row.rels.map((rel, i): HopRecord => {
    const from = nodes[i]!;
    const to = nodes[i + 1]!;
    const properties = publicProperties(rel.props);
    const direction = rel.start === from.id ? 'FORWARD' : 'BACKWARD';
    const facts = { from, type: rel.type, direction, properties } as const;
    const explanation = inEveryLanguage((lang) => {
      const size = sizeIn(i + 1, lang);
      return explainHop({ ...facts, to: size ? withSize(to, size, lang) : to }, lang);
    });
    return {
      from,
      to,
      type: rel.type,
      direction,
      properties,
      sources: relationshipCitations(rel.props),
      explanation,
      weak: isHub(i) || isHub(i + 1),
    };
  });
  const hubs: HubRecord[] = [];
  nodes.forEach((entity, i) => {
    if (!isHub(i)) return;
    const members = row.members?.[i] ?? null;
    hubs.push({ entity, degree: row.degrees[i]!, members, explanation: inEveryLanguage((lang) => explainHub(entity, sizeIn(i, lang)!, hops[i - 1]!, hops[i]!, lang)) });
  });
  const intermediaries = nodes.slice(1, -1).map((n, i) => ({
    degree: row.degrees[i + 1]!,
    dated: isDated(n.props, row.rels[i]!.props, row.rels[i + 1]!.props),
  }));
  const strength = pathStrength(
    intermediaries,
    row.rels.map((r) => ({ sourceCount: new Set(relationshipCitations(r.props).map((c) => c.sourceId)).size })),
  );
  const explanation = inEveryLanguage((lang) => explainPath(hops.map((h) => ({ explanation: h.explanation[lang] })), lang));
  return { length: hops.length, nodes, hops, explanation, strength, weak: hubs.length > 0, hubs };
}

export interface PathQuery {
  from: string;
  to: string;
  maxHops: number;
  first: number;
  types?: readonly RelationshipType[] | null;
  avoid?: readonly string[] | null;
  crossBorderOnly: boolean;
  /** Entities with more relationships are left out altogether (endpoints exempt); null keeps hubs as weak links. */
  maxHubDegree: number | null;
  /** Walk entities and relationships only AI-generated pages state too (default: left out). */
  includeUnverified?: boolean;
}

/** Most relationship variants of one node sequence kept (two relationships over the same nodes are two paths). */
const VARIANTS_PER_PATH = 4;

/**
 * Up to `first` paths from `from` to `to` (src/modules/paths/rank.ts orders
 * them: a shortest path first, specific links before weak ones), none
 * repeating a node, found by the hub-free frontier search of
 * src/modules/paths/frontier.ts in one read transaction: its round trips, then
 * one more for the kept paths' entities and relationships. The endpoints are
 * never "avoided" (avoid is about passing through). Throws NOT_FOUND when
 * either endpoint does not exist.
 */
export async function findPaths(executor: Executor, q: PathQuery): Promise<PathRecord[]> {
  return executor.readTransaction('paths/search', (tx) => searchPaths(tx, q), call);
}

/** findPaths' work inside a read transaction the caller opened (the benchmark floor runs it on a bare driver). */
export async function searchPaths(tx: ManagedTransaction, q: PathQuery): Promise<PathRecord[]> {
  const types = walkTypes(q.types);
  const avoid = [...new Set(q.avoid ?? [])].filter((id) => id !== q.from && id !== q.to);
  const found = await searchFrontiers(tx, {
    from: q.from,
    to: q.to,
    maxHops: q.maxHops,
    first: q.first,
    types,
    avoid,
    crossBorderOnly: q.crossBorderOnly,
    includeUnverified: q.includeUnverified ?? false,
    hubDegree: HUB_DEGREE,
    maxHubDegree: q.maxHubDegree,
    budget: SEARCH_BUDGET,
  });
  if (!found.fromKey) throw new NotFoundError('Entity', q.from);
  if (!found.toKey) throw new NotFoundError('Entity', q.to);
  const hubDegree = Math.min(HUB_DEGREE, q.maxHubDegree ?? Infinity);
  const degreeOf = (key: string) => found.info.get(key)!.degree;
  // Room for relationship variants and for dates and sources to reorder.
  const kept = selectPaths(
    found.candidates.map((c) => ({
      candidate: c,
      length: c.keys.length - 1,
      weak: c.hubs.length > 0,
      strength: pathStrength(c.keys.slice(1, -1).map((k) => ({ degree: degreeOf(k), dated: true })), []),
      key: c.keys.join(' '),
    })),
    q.first * 2,
  ).map((r) => r.candidate);
  if (kept.length === 0) return [];
  const rows = await readPaths(tx, kept, types, q.includeUnverified ?? false, found.info);
  return selectPaths(
    rows.map((row) => {
      const path = toPathRecord(row, hubDegree);
      return Object.assign(path, { key: path.nodes.map((n) => n.id).join(' ') + ' ' + path.hops.map((h) => h.type).join(' ') });
    }),
    q.first,
  ).map(({ key: _key, ...path }) => path);
}

/** The kept candidates' entities and relationships (one round trip), one PathRow per relationship variant. */
async function readPaths(tx: ManagedTransaction, kept: Candidate[], types: readonly RelationshipType[], includeUnverified: boolean, info: Map<string, NodeInfo>): Promise<PathRow[]> {
  const nodeKeys = [...new Set(kept.flatMap((c) => c.keys))];
  const pairs = new Map<string, [string, string]>();
  for (const c of kept) c.keys.slice(1).forEach((k, i) => pairs.set(`${c.keys[i]} ${k}`, [c.keys[i]!, k]));
  const hubKeys = [...new Set(kept.flatMap((c) => c.hubs))];
  type StoredRel = { from: string; to: string; type: RelationshipType; forward: boolean; props: Record<string, unknown> };
  const [row] = await run<{ nodes: (NodeRow & { key: string })[]; rels: StoredRel[]; hubs: { key: string; members: number | null }[] }>(tx, cypherQuery('paths/frontierPaths'), { nodes: nodeKeys, pairs: [...pairs.values()], hubs: hubKeys, walked: types, includeUnverified });
  const nodeOf = new Map(row!.nodes.map((n) => [n.key, n]));
  const membersOf = new Map(row!.hubs.map((h) => [h.key, h.members]));
  const relsOf = new Map<string, StoredRel[]>();
  for (const rel of row!.rels) {
    const id = `${rel.from} ${rel.to}`;
    relsOf.set(id, [...(relsOf.get(id) ?? []), rel]);
  }
  const out: PathRow[] = [];
  for (const c of kept) {
    const nodes = c.keys.map((k) => nodeOf.get(k));
    if (nodes.some((n) => n === undefined)) continue;
    const ids = nodes.map((n) => String(n!.props.id));
    let variants: RelRow[][] = [[]];
    c.keys.slice(1).forEach((k, i) => {
      const choices = (relsOf.get(`${c.keys[i]} ${k}`) ?? []).map((r) => ({ type: r.type, start: r.forward ? ids[i]! : ids[i + 1]!, props: r.props }));
      variants = variants.flatMap((v) => choices.map((r) => [...v, r])).slice(0, VARIANTS_PER_PATH);
    });
    for (const rels of variants) {
      if (rels.length !== c.keys.length - 1) continue;
      out.push({
        nodes: nodes.map((n) => ({ labels: n!.labels, props: n!.props })),
        rels,
        degrees: c.keys.map((k) => info.get(k)!.degree),
        members: c.keys.map((k) => membersOf.get(k) ?? null),
      });
    }
  }
  return out;
}

/**
 * Nodes and edges within `depth` hops of `id`, at most `limit` nodes (the root
 * first); of each entity expanded at most HUB_DEGREE neighbours are read, and
 * `sampled` names those that have more. NOT_FOUND when unknown.
 */
export async function findNeighborhood(
  executor: Executor,
  q: {
    id: string;
    depth: number;
    limit: number;
    types?: readonly RelationshipType[] | null;
    includeUnverified?: boolean;
    /** Read every property of the nodes (false: only id and name, enough for `id name type` and fields read by id). */
    nodeProperties?: boolean;
    /** Read the relationships' properties (the edges' `properties` field). */
    edgeProperties?: boolean;
  },
): Promise<SubgraphRecord> {
  const types = walkTypes(q.types);
  const query = cypherTemplate('paths/neighborhood', { types });
  const rows = await executor.read<{
    nodes: NodeRow[];
    edges: { id: string; type: RelationshipType; source: string; target: string; props: Record<string, unknown> }[];
    truncated: boolean;
    sampled: string[];
  }>(
    query,
    { id: q.id, depth: q.depth, limit: q.limit, sample: HUB_DEGREE, walked: types, includeUnverified: q.includeUnverified ?? false, nodeProperties: q.nodeProperties ?? true, edgeProperties: q.edgeProperties ?? true },
    call,
  );
  const row = rows[0];
  if (!row) throw new NotFoundError('Entity', q.id);
  return {
    nodes: row.nodes.map(toEntityRecord),
    edges: row.edges.map((e) => ({ id: e.id, type: e.type, source: e.source, target: e.target, properties: publicProperties(e.props) })),
    truncated: row.truncated,
    sampled: row.sampled,
  };
}

/** The brokers statement and its parameters (also run by the benchmark floor and the cost test). */
export function brokersStatement(q: { between: readonly string[]; first: number; includeUnverified?: boolean }): { query: CypherQuery; params: Params } {
  return {
    query: cypherTemplate('paths/brokers', { types: DEFAULT_WALK_TYPES, nonDomain: NON_DOMAIN_TYPES }),
    params: { between: q.between, first: q.first, sample: HUB_DEGREE, hubDegree: HUB_DEGREE, walked: DEFAULT_WALK_TYPES, includeUnverified: q.includeUnverified ?? false },
  };
}

/**
 * Organizations and people within two hops of at least two of `between`, best
 * first (scoring in cypher/queries/paths/brokers.cypher); of a hub's members
 * only a sample of HUB_DEGREE is read, and brokers found so are `sampled`. Each broker's paths
 * run from the broker to each given entity it reaches, in the order of `between`.
 * NOT_FOUND names the first unknown id.
 */
export async function findBrokers(executor: Executor, q: { between: readonly string[]; first: number; includeUnverified?: boolean }): Promise<BrokerRecord[]> {
  const between = [...new Set(q.between)];
  const { query, params } = brokersStatement({ between, first: q.first, includeUnverified: q.includeUnverified });
  const rows = await executor.read<{
    missing: string[];
    brokers: { entity: NodeRow; reaches: number; score: number; sampled: boolean; paths: PathRow[] }[];
  }>(query, params, call);
  const row = rows[0];
  const missing = between.find((id) => row?.missing.includes(id));
  if (!row || missing !== undefined) throw new NotFoundError('Entity', missing ?? between[0]!);
  const position = (p: PathRecord) => between.indexOf(p.nodes[p.nodes.length - 1]!.id);
  return row.brokers.map((b) => ({
    entity: toEntityRecord(b.entity),
    reaches: b.reaches,
    score: b.score,
    sampled: b.sampled,
    paths: b.paths.map((p) => toPathRecord(p)).sort((x, y) => position(x) - position(y)),
  }));
}

/**
 * Entities read per way of reaching a shared neighbour's members: a hub's members
 * all weigh the same, so a smaller sample ranks as well and checks fewer
 * candidates (measured at 1M relationships: 163k database hits with 200).
 */
export const SUGGESTION_SAMPLE = 100;

/** The partner-suggestions statement and its parameters (also run by the benchmark floor and the cost test). */
export function suggestionsStatement(q: { id: string; country?: string | null; first: number; includeUnverified?: boolean }): { query: CypherQuery; params: Params } {
  return {
    query: cypherTemplate('paths/suggestions', { domain: RELATIONSHIP_TYPE_NAMES, nonDomain: NON_DOMAIN_TYPES }),
    params: { id: q.id, country: q.country ?? null, first: q.first, sample: SUGGESTION_SAMPLE, hubDegree: SUGGESTION_SAMPLE, includeUnverified: q.includeUnverified ?? false },
  };
}

/**
 * Organizations to partner with `id`, by Adamic–Adar over shared neighbours
 * (cypher/queries/paths/suggestions.cypher), each with its reasons strongest
 * first; of a shared neighbour's members only a sample of SUGGESTION_SAMPLE is
 * read, and the reasons it gives are then `sampled`. NOT_FOUND when `id` is unknown; BAD_USER_INPUT (field id) when it is
 * not an organization.
 */
export async function findSuggestedPartners(
  executor: Executor,
  q: { id: string; country?: string | null; first: number; includeUnverified?: boolean },
): Promise<SuggestionRecord[]> {
  const { query, params } = suggestionsStatement(q);
  const rows = await executor.read<{
    isOrganization: boolean;
    suggestions: { organization: NodeRow; score: number; reasons: { shared: NodeRow; weight: number; sampled: boolean }[] }[];
  }>(query, params, call);
  const row = rows[0];
  if (!row) throw new NotFoundError('Entity', q.id);
  if (!row.isOrganization) throw new BadUserInputError(`Invalid argument id: "${q.id}" is not an organization`, 'id');
  return row.suggestions.map((s) => ({
    organization: toEntityRecord(s.organization),
    score: s.score,
    reasons: s.reasons.map((r) => {
      const shared: EntityRecord = toEntityRecord(r.shared);
      return { shared, weight: r.weight, sampled: r.sampled, explanation: inEveryLanguage((lang) => explainSharedNeighbour(shared, lang)) };
    }),
  }));
}
