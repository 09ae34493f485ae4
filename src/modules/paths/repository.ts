import type { ManagedTransaction } from 'neo4j-driver';
import { cypherQuery, cypherTemplate, type CypherQuery } from '../../db/cypher';
import { run, type Executor, type Params } from '../../db/executor';
import { ROLE_STARTED_ON, STARTED_ON } from '../../domain/dates';
import { DEFAULT_WALK_TYPES, PARTNER_PROPENSITY, PARTNER_KINDS, RELATIONSHIP_TYPE_NAMES, type OrganizationKind, type RelationshipType } from '../../domain/model';
import { LINKER_KINDS, PARTNER_TYPES, SUGGESTION_LINKERS, SUGGESTION_LINKS, SUGGESTION_SCORING, type SuggestionReasonKind } from '../../domain/suggestionLinks';
import { BadUserInputError, NotFoundError } from '../../errors';
import { publicProperties, relationshipCitations, toEntityRecord, type EntityRecord, type NodeRow } from '../entity/records';
import { explainHop, explainHub, explainPath, explainSharedNeighbour, hubSize, nameOf, withSize, type HopFacts } from './explain';
import { inEveryLanguage, type Language } from '../../domain/language';
import { HUB_DEGREE, NON_DOMAIN_TYPES, SEARCH_BUDGET, searchFrontiers, type Candidate, type NodeInfo } from './frontier';
import { isDated, pathStrength, selectPaths } from './rank';
import type { BrokerRecord, GroupMemberRecord, GroupReachRecord, HopRecord, ReasonRecord, HubRecord, PathRecord, SubgraphRecord, SuggestionEvidenceRecord, SuggestionRecord, WhyNotRecord } from './records';
import { explainGroupMember, explainGroupReach, explainReason, explainRoute, explainWayIn, explainWhyNot, type RouteFacts } from './suggestionReasons';

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

/**
 * Transaction timeout of the suggestion statements (and the reads that run
 * them: group reach, why not, brokers). They execute in well under a second at
 * 1M relationships, and since the start-up warm-up plans them before /ready
 * (src/http/plannerWarmUp.ts) the first request after /ready took 2.1 s there
 * (17.8 s without). The allowance stays for that warm-up itself: the first
 * plan on a cold server took 11–27 s on the shared 2-core machine under load,
 * and a compile cut short by the timeout is not cached, so with the normal
 * 10 s every later request would time out as well.
 */
export const SUGGESTION_QUERY_TIMEOUT_MS = 45_000;
const suggestionCall = { timeoutMs: SUGGESTION_QUERY_TIMEOUT_MS };

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
export function brokersStatement(q: { between: readonly string[]; first: number; includeUnverified?: boolean; asOf?: string | null }): { query: CypherQuery; params: Params } {
  return {
    query: cypherTemplate('paths/brokers', { types: DEFAULT_WALK_TYPES, nonDomain: NON_DOMAIN_TYPES }),
    params: {
      between: q.between,
      first: q.first,
      sample: HUB_DEGREE,
      hubDegree: HUB_DEGREE,
      walked: DEFAULT_WALK_TYPES,
      includeUnverified: q.includeUnverified ?? false,
      asOf: q.asOf ?? null,
      startedOn: STARTED_ON,
      roleStartedOn: ROLE_STARTED_ON,
      nodeStartedOn: NODE_STARTED_ON,
    },
  };
}

/** Group members whose brokers with the given entities are looked for (the most reachable ones). */
const GROUP_BROKER_MEMBERS = 3;

/**
 * Organizations and people within two hops of at least two of `between`, best
 * first (scoring in cypher/queries/paths/brokers.cypher); of a hub's members
 * only a sample of HUB_DEGREE is read, and brokers found so are `sampled`. Each broker's paths
 * run from the broker to each given entity it reaches, in the order of `between`.
 * With a `group`, the group's most reachable members from the first entity
 * (findGroupReach) each join `between` in turn and the brokers found are merged,
 * the best score of each kept. NOT_FOUND names the first unknown id.
 */
export async function findBrokers(
  executor: Executor,
  q: { between: readonly string[]; first: number; includeUnverified?: boolean; asOf?: string | null; group?: EntityGroup | null },
): Promise<BrokerRecord[]> {
  const between = [...new Set(q.between)];
  if (!q.group) return brokersBetween(executor, { ...q, between });
  const reach = await findGroupReach(executor, { id: between[0]!, group: q.group, first: GROUP_BROKER_MEMBERS, includeUnverified: q.includeUnverified, asOf: q.asOf });
  const found = await Promise.all(reach.members.map((m) => brokersBetween(executor, { ...q, between: [...between.filter((id) => id !== m.organization.id), m.organization.id] })));
  const best = new Map<string, BrokerRecord>();
  for (const b of found.flat()) if (!best.has(b.entity.id) || best.get(b.entity.id)!.score < b.score) best.set(b.entity.id, b);
  return [...best.values()].sort((x, y) => y.reaches - x.reaches || y.score - x.score || nameOf(x.entity).localeCompare(nameOf(y.entity)) || (x.entity.id < y.entity.id ? -1 : 1)).slice(0, q.first);
}

async function brokersBetween(executor: Executor, q: { between: string[]; first: number; includeUnverified?: boolean; asOf?: string | null }): Promise<BrokerRecord[]> {
  const between = q.between;
  const { query, params } = brokersStatement({ between, first: q.first, includeUnverified: q.includeUnverified, asOf: q.asOf });
  const rows = await executor.read<{
    missing: string[];
    brokers: { entity: NodeRow; reaches: number; score: number; sampled: boolean; paths: PathRow[] }[];
  }>(query, params, suggestionCall);
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

/** What a suggestions read asks. */
export interface SuggestionQuery {
  id: string;
  country?: string | null;
  /** Only candidates of this organization kind (a group's kind). */
  kind?: string | null;
  first: number;
  includeUnverified?: boolean;
  /** YYYY, YYYY-MM or YYYY-MM-DD: the graph as it stood on that date. */
  asOf?: string | null;
  /** Score only this candidate (the "why not" lookup). */
  only?: string | null;
}

/** A partial date as a year with a fraction (2019-07 is 2019.54), the reference point of recency. */
export function yearOf(date: string): number {
  const [y, m] = date.split('-');
  return Number(y) + (m ? (Number(m) - 0.5) / 12 : 0.5);
}

/** Dates that date an entity on a route (an agreement's signing, an event's start): the relationships' and the announcement and event dates. */
const NODE_STARTED_ON = [...STARTED_ON, 'announcedOn', 'startDate'];

/** The parameters both suggestion statements share (src/domain/suggestionLinks.ts, src/domain/dates.ts). */
function suggestionParams(q: SuggestionQuery): Params {
  const hop = Object.fromEntries(Object.entries(SUGGESTION_LINKS).filter(([, l]) => l !== null));
  const now = new Date().toISOString().slice(0, 10);
  return {
    id: q.id,
    country: q.country ?? null,
    kind: q.kind ?? null,
    first: q.first,
    sample: SUGGESTION_SAMPLE,
    hubDegree: SUGGESTION_SAMPLE,
    includeUnverified: q.includeUnverified ?? false,
    asOf: q.asOf ?? null,
    only: q.only ?? null,
    startedOn: STARTED_ON,
    roleStartedOn: ROLE_STARTED_ON,
    nodeStartedOn: NODE_STARTED_ON,
    dated: NODE_STARTED_ON,
    hop,
    linkers: SUGGESTION_LINKERS,
    linkerKinds: LINKER_KINDS,
    partnerTypes: PARTNER_TYPES,
    partnerKinds: PARTNER_KINDS,
    propensity: PARTNER_PROPENSITY,
    nonDomainTypes: NON_DOMAIN_TYPES,
    refYear: yearOf(q.asOf ?? now),
    halfLife: SUGGESTION_SCORING.HALF_LIFE_YEARS,
    undated: SUGGESTION_SCORING.UNDATED,
    corroboration: SUGGESTION_SCORING.CORROBORATION,
    activity: SUGGESTION_SCORING.ACTIVITY,
  };
}

/** The partner-suggestions statement and its parameters (also run by the benchmark floor and the cost test). */
export function suggestionsStatement(q: SuggestionQuery): { query: CypherQuery; params: Params } {
  return { query: cypherTemplate('paths/suggestions', { nonDomain: NON_DOMAIN_TYPES }), params: suggestionParams(q) };
}

/** The suggestions statement before issue #33 (Adamic–Adar over modalities, indications, events and organizations), kept for the backtest. */
export function suggestionsBeforeStatement(q: SuggestionQuery): { query: CypherQuery; params: Params } {
  return { query: cypherTemplate('paths/suggestionsBefore', { domain: RELATIONSHIP_TYPE_NAMES, nonDomain: NON_DOMAIN_TYPES }), params: suggestionParams(q) };
}

type RouteRow = { date: string | null; sources: number; linker: NodeRow | null; rels: { type: RelationshipType; start: string; end: string; props: Record<string, unknown> }[] };
type SuggestionRow = { organization: NodeRow; score: number; reasons: { shared: NodeRow; kind: SuggestionReasonKind; weight: number; sampled: boolean; routes: [RouteRow, RouteRow] }[] };

/** A route row as hops read from `from` (the organization at its start) to the shared entity. */
function routeFacts(route: RouteRow, from: EntityRecord, shared: EntityRecord): RouteFacts {
  const linker = route.linker ? toEntityRecord(route.linker) : null;
  const nodes = linker ? [from, linker, shared] : [from, shared];
  // the candidate's route is stored from the shared entity's side: [r1 (candidate–linker), r2 (linker–shared)] either way
  const hops = route.rels.map((rel, i): HopFacts => {
    const a = nodes[i]!;
    const b = nodes[i + 1]!;
    return { from: a, to: b, type: rel.type, direction: rel.start === a.id ? 'FORWARD' : 'BACKWARD', properties: publicProperties(rel.props) };
  });
  return { hops, date: route.date, sources: route.sources };
}

/** Evidence of one side of a reason: its sentence, date and citations. */
function evidenceOf(route: RouteRow, facts: RouteFacts): SuggestionEvidenceRecord {
  return { date: route.date, explanation: inEveryLanguage((lang) => explainRoute(facts, lang)), sourceIds: [...new Set(route.rels.flatMap((r) => relationshipCitations(r.props).map((c) => c.sourceId)))] };
}

/** Suggestion rows as records, each reason in words (src/modules/paths/suggestionReasons.ts). */
function toSuggestions(self: EntityRecord | null, rows: SuggestionRow[]): SuggestionRecord[] {
  return rows.map((s) => {
    const candidate = toEntityRecord(s.organization);
    return {
      organization: candidate,
      score: s.score,
      reasons: s.reasons.map((r) => {
        const shared = toEntityRecord(r.shared);
        if (!self || !r.routes) return { shared, kind: r.kind ?? 'FOCUS', weight: r.weight, sampled: r.sampled, explanation: inEveryLanguage((lang) => explainSharedNeighbour(shared, lang)), evidence: [] };
        const own = routeFacts(r.routes[0], self, shared);
        const theirs = routeFacts(r.routes[1], candidate, shared);
        return {
          shared,
          kind: r.kind,
          weight: r.weight,
          sampled: r.sampled,
          // The reason's lead sentence is English only so far; in Japanese and Chinese the reason reads as both sides' routes.
          explanation: inEveryLanguage((lang) => (lang === 'en' ? explainReason({ kind: r.kind, self, candidate, shared, own, theirs }) : explainRoute(own, lang) + explainRoute(theirs, lang))),
          evidence: [evidenceOf(r.routes[0], own), evidenceOf(r.routes[1], theirs)],
        };
      }),
    };
  });
}

/**
 * Organizations to partner with `id`, over every relationship type the model
 * weighs (cypher/queries/paths/suggestions.cypher, src/domain/suggestionLinks.ts),
 * each with its reasons strongest first, in words and with each side's dated
 * evidence; of a shared entity's members only a sample of SUGGESTION_SAMPLE is
 * read, and the reasons it gives are then `sampled`. NOT_FOUND when `id` is
 * unknown; BAD_USER_INPUT (field id) when it is not an organization.
 */
export async function findSuggestedPartners(executor: Executor, q: SuggestionQuery, before = false, timeoutMs = SUGGESTION_QUERY_TIMEOUT_MS): Promise<SuggestionRecord[]> {
  const { query, params } = before ? suggestionsBeforeStatement(q) : suggestionsStatement(q);
  const rows = await executor.read<{ isOrganization: boolean; selfProps?: Record<string, unknown>; selfLabels?: string[]; suggestions: SuggestionRow[] }>(query, params, { timeoutMs });
  const row = rows[0];
  if (!row) throw new NotFoundError('Entity', q.id);
  if (!row.isOrganization) throw new BadUserInputError(`Invalid argument id: "${q.id}" is not an organization`, 'id');
  const self = row.selfProps && row.selfLabels ? toEntityRecord({ labels: row.selfLabels, props: row.selfProps }) : null;
  return toSuggestions(self, row.suggestions);
}

/** A group as the other end: organizations of one country, of one kind when given. */
export interface EntityGroup {
  label: 'Organization';
  country: string;
  kind?: string | null;
}

/** Through whom the reason runs: the shared organization or person, else the person or organization on a route. */
function introducerOf(reason: ReasonRecord | undefined, routes: EntityRecord[]): EntityRecord | null {
  if (!reason) return null;
  if (reason.shared.label === 'Organization' || reason.shared.label === 'Person') return reason.shared;
  return routes.find((e) => e.label === 'Organization' || e.label === 'Person') ?? null;
}

/**
 * The members of `group` ranked by how reachable they are from `id` (the
 * suggestions score narrowed to the group), each with its introducer; with the
 * organization's own partners in the group's country as the nearest way in,
 * and a sentence saying what was found or why nothing was.
 */
export async function findGroupReach(executor: Executor, q: { id: string; group: EntityGroup; first: number; includeUnverified?: boolean; asOf?: string | null }): Promise<GroupReachRecord> {
  const base = { id: q.id, country: q.group.country, kind: q.group.kind ?? null, first: q.first, includeUnverified: q.includeUnverified, asOf: q.asOf };
  const [suggestions, nearRows] = await Promise.all([
    findSuggestedPartners(executor, base),
    executor.read<{ isOrganization: boolean; partners: { partner: NodeRow; member: boolean }[] }>(cypherQuery('paths/groupNearest'), { ...suggestionParams(base), first: 10 }, suggestionCall),
  ]);
  const partners = (nearRows[0]?.partners ?? []).map((p) => ({ entity: toEntityRecord(p.partner), member: p.member }));
  const members: GroupMemberRecord[] = suggestions.map((s) => {
    const top = s.reasons[0];
    const introducer = introducerOf(top, []);
    return { organization: s.organization, score: s.score, introducer, explanation: explainGroupMember(introducer, s.organization, top?.explanation ?? null), reasons: s.reasons };
  });
  const already = partners.filter((p) => p.member).map((p) => p.entity);
  const nearest = partners.map((p) => p.entity);
  const explanation = explainGroupReach({ group: q.group, members: members.map((m) => m.organization), already, nearest, asOf: q.asOf });
  return { members, explanation, nearest, already };
}

/** Group members whose paths are looked for: the most reachable ones. */
const GROUP_PATH_MEMBERS = 4;

/**
 * Paths from `from` to the members of `group`: the members ranked by how
 * reachable they are (its partners already in the group first, one hop away,
 * then findGroupReach's order), the paths to the best GROUP_PATH_MEMBERS looked
 * for as findPaths does, and kept best path of each member first (then each
 * one's second …), each path naming its `member`. When none reaches a member
 * within `maxHops`, the paths to the organization's own partners in the group's
 * country come back instead, each with `wayIn` saying why; an empty list when
 * it has none there either. BAD_USER_INPUT (field from) when `from` is not an
 * organization, NOT_FOUND when it does not exist.
 */
export async function findGroupPaths(executor: Executor, q: Omit<PathQuery, 'to'> & { group: EntityGroup }): Promise<PathRecord[]> {
  const reach = await findGroupReach(executor, { id: q.from, group: q.group, first: GROUP_PATH_MEMBERS, includeUnverified: q.includeUnverified }).catch((error: unknown) => {
    if (error instanceof BadUserInputError) throw new BadUserInputError(`Invalid argument from: "${q.from}" is not an organization; a group as the other end needs one`, 'from');
    throw error;
  });
  const members = [...(reach.already ?? []), ...reach.members.map((m) => m.organization)].slice(0, GROUP_PATH_MEMBERS);
  const found = roundRobin(await Promise.all(members.map((m) => findPaths(executor, { ...q, to: m.id }).then((paths) => paths.map((p) => ({ ...p, member: m }))))), q.first);
  if (found.length) return found;
  const ways = reach.nearest.slice(0, q.first);
  if (!ways.length) return [];
  const wayIn = explainWayIn({ group: q.group, tried: members, maxHops: q.maxHops, ways });
  // a partner is one hop away, or two through an agreement both are party to
  const wayPaths = await Promise.all(ways.map((w) => findPaths(executor, { ...q, to: w.id, maxHops: Math.max(q.maxHops, 2) })));
  return roundRobin(wayPaths, q.first).map((p) => ({ ...p, member: null, wayIn }));
}

/** The first `first` of lists taken in turns: every list's first item, then every second … */
function roundRobin<T>(lists: readonly T[][], first: number): T[] {
  const out: T[] = [];
  for (let i = 0; out.length < first && lists.some((l) => l.length > i); i++) for (const l of lists) if (l[i] !== undefined && out.length < first) out.push(l[i]!);
  return out;
}

/** Places among the suggestions a "why not" looks at for a rank. */
const WHY_NOT_RANKS = 20;

/**
 * Why `other` is not among `id`'s suggestions (or where it is): already a
 * partner, outside the asked country or kind, shares nothing (or only
 * unverified facts), or shares less than others; with what it shares.
 * NOT_FOUND when either organization is unknown.
 */
export async function findWhyNot(executor: Executor, q: SuggestionQuery & { other: string }): Promise<WhyNotRecord> {
  const [pair] = await executor.read<{ other: NodeRow; partners: boolean }>(cypherQuery('paths/partnered'), { ...suggestionParams(q), other: q.other }, suggestionCall);
  if (!pair) throw new NotFoundError('Entity', q.other);
  const candidate = toEntityRecord(pair.other);
  const kind = candidate.props.kind as OrganizationKind | undefined;
  const notPartnerKind = kind && !PARTNER_PROPENSITY[kind] && q.kind !== kind ? kind : null;
  const ranked = await findSuggestedPartners(executor, { ...q, first: WHY_NOT_RANKS, only: null });
  const [alone] = await findSuggestedPartners(executor, { ...q, country: null, kind: notPartnerKind, first: 1, only: q.other });
  const [unverified] = alone || q.includeUnverified ? [undefined] : await findSuggestedPartners(executor, { ...q, country: null, kind: notPartnerKind, first: 1, only: q.other, includeUnverified: true });
  const at = ranked.findIndex((s) => s.organization.id === q.other);
  const kinds = [...new Set((alone?.reasons ?? []).map((r) => r.kind))];
  const outside = {
    ...(q.country && candidate.props.country !== q.country ? { country: q.country } : {}),
    ...(q.kind && candidate.props.kind !== q.kind ? { kind: q.kind } : {}),
  };
  const [selfRow] = await executor.read<{ other: NodeRow }>(cypherQuery('paths/partnered'), { ...suggestionParams(q), other: q.id }, suggestionCall);
  const selfRecord = selfRow ? toEntityRecord(selfRow.other) : null;
  if (!selfRecord) throw new NotFoundError('Entity', q.id);
  const explanation = explainWhyNot({ self: selfRecord, candidate, partners: pair.partners, rank: at >= 0 ? at + 1 : null, kinds, outside: Object.keys(outside).length ? outside : null, notPartnerKind, unverifiedOnly: !alone && !!unverified });
  return { organization: candidate, explanation, kinds, reasons: alone?.reasons ?? [] };
}
