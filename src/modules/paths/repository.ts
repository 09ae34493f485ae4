import { cypherTemplate } from '../../db/cypher';
import type { Executor } from '../../db/executor';
import { RELATIONSHIP_TYPE_NAMES, type RelationshipType } from '../../domain/model';
import { BadUserInputError, NotFoundError } from '../../errors';
import { publicProperties, relationshipCitations, toEntityRecord, type EntityRecord } from '../entity/records';
import { explainHop, explainPath, explainSharedNeighbour } from './explain';
import type { BrokerRecord, HopRecord, PathRecord, SubgraphRecord, SuggestionRecord } from './records';

/**
 * Graph questions about how entities connect: k shortest paths, neighbourhoods,
 * brokers and partner suggestions. Each operation is ONE Cypher statement (one
 * round trip, whatever the size of the answer) with a transaction timeout, its
 * endpoints bound by their unique id before anything is expanded, relationship
 * types named in the pattern and hops bounded.
 */

/** Transaction timeout of every query here; a slower query fails with QUERY_TIMEOUT. */
export const PATH_QUERY_TIMEOUT_MS = 5_000;

/** Types walked unless the caller names others: every domain type but LOCATED_IN (countries are supernodes). */
export const DEFAULT_WALK_TYPES: readonly RelationshipType[] = RELATIONSHIP_TYPE_NAMES.filter((t) => t !== 'LOCATED_IN');

/** Brokers are never found through an intermediate with more relationships than this. */
export const MAX_BROKER_HUB_DEGREE = 10_000;

type NodeRow = { labels: string[]; props: Record<string, unknown> };
type RelRow = { type: RelationshipType; start: string; props: Record<string, unknown> };
type PathRow = { nodes: NodeRow[]; rels: RelRow[] };

const call = { timeoutMs: PATH_QUERY_TIMEOUT_MS };

function walkTypes(types: readonly RelationshipType[] | null | undefined): readonly RelationshipType[] {
  return types && types.length ? [...new Set(types)] : DEFAULT_WALK_TYPES;
}

/**
 * A path as Cypher returned it (nodes in path order, relationships with their
 * start node's id) as a PathRecord: each hop's direction relative to path
 * order, its public properties, citations and sentence.
 */
export function toPathRecord(row: PathRow): PathRecord {
  const nodes = row.nodes.map(toEntityRecord);
  const hops = row.rels.map((rel, i): HopRecord => {
    const from = nodes[i]!;
    const to = nodes[i + 1]!;
    const properties = publicProperties(rel.props);
    const direction = rel.start === from.id ? 'FORWARD' : 'BACKWARD';
    return {
      from,
      to,
      type: rel.type,
      direction,
      properties,
      sources: relationshipCitations(rel.props),
      explanation: explainHop({ from, to, type: rel.type, direction, properties }),
    };
  });
  return { length: hops.length, nodes, hops, explanation: explainPath(hops) };
}

export interface PathQuery {
  from: string;
  to: string;
  maxHops: number;
  first: number;
  types?: readonly RelationshipType[] | null;
  avoid?: readonly string[] | null;
  crossBorderOnly: boolean;
  /** Entities with more relationships are not walked through (endpoints exempt). */
  maxHubDegree: number;
}

/**
 * Up to `first` paths from `from` to `to`, shortest first, none repeating a node.
 * The endpoints themselves are never "avoided" (avoid is about passing through).
 * Throws NOT_FOUND when either endpoint does not exist.
 *
 * Two stages, because on hub-heavy graphs finding the 2nd..kth path is what
 * costs (measured at 1M relationships: SHORTEST 5 4.7 s, ALL SHORTEST 0.13 s for
 * one pair): first every path of the shortest length; only when those are fewer
 * than `first` (and some exist) the k shortest paths of any length.
 */
export async function findPaths(executor: Executor, q: PathQuery): Promise<PathRecord[]> {
  const types = walkTypes(q.types);
  const avoid = [...new Set(q.avoid ?? [])].filter((id) => id !== q.from && id !== q.to);
  const params = { from: q.from, to: q.to, avoid, crossBorderOnly: q.crossBorderOnly, limit: q.first, maxHubDegree: q.maxHubDegree };
  const run = async (k: number, unit: 'PATHS' | 'GROUPS') => {
    const query = cypherTemplate('paths/shortest', { k, unit, maxHops: q.maxHops, types });
    const rows = await executor.read<{ fromFound: boolean; toFound: boolean; paths: PathRow[] }>(query, params, call);
    const row = rows[0];
    if (!row?.fromFound) throw new NotFoundError('Entity', q.from);
    if (!row.toFound) throw new NotFoundError('Entity', q.to);
    return row.paths;
  };
  const shortest = await run(1, 'GROUPS');
  const paths = shortest.length === 0 || shortest.length >= q.first ? shortest : await run(q.first, 'PATHS');
  return paths.map(toPathRecord);
}

/** Nodes and edges within `depth` hops of `id`, at most `limit` nodes (the root first). NOT_FOUND when unknown. */
export async function findNeighborhood(
  executor: Executor,
  q: { id: string; depth: number; limit: number; types?: readonly RelationshipType[] | null },
): Promise<SubgraphRecord> {
  const query = cypherTemplate('paths/neighborhood', { types: walkTypes(q.types) });
  const rows = await executor.read<{
    nodes: NodeRow[];
    edges: { id: string; type: RelationshipType; source: string; target: string; props: Record<string, unknown> }[];
    truncated: boolean;
  }>(query, { id: q.id, depth: q.depth, limit: q.limit }, call);
  const row = rows[0];
  if (!row) throw new NotFoundError('Entity', q.id);
  return {
    nodes: row.nodes.map(toEntityRecord),
    edges: row.edges.map((e) => ({ id: e.id, type: e.type, source: e.source, target: e.target, properties: publicProperties(e.props) })),
    truncated: row.truncated,
  };
}

/**
 * Organizations and people within two hops of at least two of `between`, best
 * first (scoring in cypher/queries/paths/brokers.cypher). Each broker's paths
 * run from the broker to each given entity it reaches, in the order of `between`.
 * NOT_FOUND names the first unknown id.
 */
export async function findBrokers(executor: Executor, q: { between: readonly string[]; first: number }): Promise<BrokerRecord[]> {
  const between = [...new Set(q.between)];
  const query = cypherTemplate('paths/brokers', { types: DEFAULT_WALK_TYPES, domain: RELATIONSHIP_TYPE_NAMES });
  const rows = await executor.read<{
    missing: string[];
    brokers: { entity: NodeRow; reaches: number; score: number; paths: PathRow[] }[];
  }>(query, { between, first: q.first, maxHubDegree: MAX_BROKER_HUB_DEGREE }, call);
  const row = rows[0];
  const missing = between.find((id) => row?.missing.includes(id));
  if (!row || missing !== undefined) throw new NotFoundError('Entity', missing ?? between[0]!);
  const position = (p: PathRecord) => between.indexOf(p.nodes[p.nodes.length - 1]!.id);
  return row.brokers.map((b) => ({
    entity: toEntityRecord(b.entity),
    reaches: b.reaches,
    score: b.score,
    paths: b.paths.map(toPathRecord).sort((x, y) => position(x) - position(y)),
  }));
}

/**
 * Organizations to partner with `id`, by Adamic–Adar over shared neighbours
 * (cypher/queries/paths/suggestions.cypher), each with its reasons strongest
 * first. NOT_FOUND when `id` is unknown; BAD_USER_INPUT (field id) when it is
 * not an organization.
 */
export async function findSuggestedPartners(
  executor: Executor,
  q: { id: string; country?: string | null; first: number },
): Promise<SuggestionRecord[]> {
  const query = cypherTemplate('paths/suggestions', { domain: RELATIONSHIP_TYPE_NAMES });
  const rows = await executor.read<{
    isOrganization: boolean;
    suggestions: { organization: NodeRow; score: number; reasons: { shared: NodeRow; weight: number }[] }[];
  }>(query, { id: q.id, country: q.country ?? null, first: q.first }, call);
  const row = rows[0];
  if (!row) throw new NotFoundError('Entity', q.id);
  if (!row.isOrganization) throw new BadUserInputError(`Invalid argument id: "${q.id}" is not an organization`, 'id');
  return row.suggestions.map((s) => ({
    organization: toEntityRecord(s.organization),
    score: s.score,
    reasons: s.reasons.map((r) => {
      const shared: EntityRecord = toEntityRecord(r.shared);
      return { shared, weight: r.weight, explanation: explainSharedNeighbour(shared) };
    }),
  }));
}
