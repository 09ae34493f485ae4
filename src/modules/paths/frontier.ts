/**
 * The partnership-path search: a breadth-first frontier grown from each end,
 * a few layers per round trip, that never expands a hub.
 *
 * A hub is an entity with more domain relationships than the hub degree (an
 * event with thousands of participants, a modality half the graph works with).
 * Hubs are reached and recorded like any entity, so the two frontiers can meet
 * at one, but their relationships are never read: the cost of a search is the
 * sum of the degrees of the non-hub entities it expands, which a fixed budget
 * caps, whatever the size of the hubs around.
 *
 * A path is found when the frontiers share an entity m: a path from `from` to m
 * in the first frontier joined to one from m to `to` in the second. Every
 * entity strictly inside a path is a non-hub (it was expanded) except possibly
 * m, so a path has at most one hub, and it is then its meeting point. With the
 * frontiers `ka` and `kb` layers deep, every path of at most `ka + kb` hops
 * without a hub is found, and every path with one hub at position i when
 * i <= ka and length - i <= kb. The search grows the cheaper side first (or
 * both at once when both are cheap) until either
 *   - nothing within maxHops can be missed any more (see lowerBound), or
 *   - the shortest path is certain and enough specific paths are in hand, or
 *   - the budget is spent (then `complete` is false).
 * When ka + kb reaches maxHops, only hubs near the other end can still give a
 * path: a side then grows one more layer, keeping only the hubs the other side
 * reached close enough to its own end (a targeted layer).
 *
 * Everything runs inside the caller's read transaction (one consistent view);
 * nodes are named by elementId between round trips.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import { cypherTemplate } from '../../db/cypher';
import { run } from '../../db/executor';
import { PROVENANCE_RELATIONSHIP, type RelationshipType } from '../../domain/model';

/**
 * Relationship types an entity may have that are not domain relationships:
 * provenance (STATED_IN, to a source), claims about it (ABOUT, from a Claim) and
 * merge tombstones (SAME_AS, from an entity merged into it). A degree is every
 * relationship but these, which costs three reads of the degree store instead of
 * one per domain type (about twice as fast at 1M relationships).
 */
export const NON_DOMAIN_TYPES: readonly string[] = [PROVENANCE_RELATIONSHIP, 'ABOUT', 'SAME_AS'];

/** Entities with more domain relationships than this are hubs: met, never expanded. */
export const HUB_DEGREE = 200;

/**
 * Most relationships one search may read, counted as the degrees of the
 * entities it expands (an endpoint counts at most HUB_DEGREE). At about 20
 * relationships a millisecond on this machine, this is the cost ceiling.
 */
export const SEARCH_BUDGET = 12_000;

/** Both sides grow in one round trip while each side's next layer costs at most this. */
const PAIRED_LAYER_COST = 2_500;

/** Most paths enumerated per meeting point and per side (cheapest parents first). */
const PREFIXES_PER_MEETING = 6;

/**
 * Hub pairs a search may try to bridge when nothing shorter links the two ends, and members read per pair
 * (at 1M relationships 100 members cost a sixth less of a search's database hits but, with maxHubDegree 1,000, answered 14 of 40 pairs against 18).
 */
const BRIDGE_PAIRS = 6;
export const BRIDGE_SAMPLE = 300;

/** Most candidates of each kind (specific, weak) enumerated, per path asked for. */
const CANDIDATES_PER_PATH = 8;

export type SideName = 'A' | 'B';

export interface FrontierQuery {
  from: string;
  to: string;
  maxHops: number;
  /** How many paths the caller will keep (the search stops early once it has enough). */
  first: number;
  types: readonly RelationshipType[];
  avoid: readonly string[];
  crossBorderOnly: boolean;
  /** Walk facts only AI-generated pages state too (left out by default). */
  includeUnverified: boolean;
  /** Entities above this degree are hubs (never expanded, may be a meeting point). */
  hubDegree: number;
  /** Entities above this degree are left out altogether (endpoints exempt); null keeps every hub. */
  maxHubDegree: number | null;
  budget: number;
}

/** What the search knows about an entity it reached. */
export interface NodeInfo {
  degree: number;
  country: string | null;
}

/** A path as a sequence of entity keys (elementIds), before its relationships are read. */
export interface Candidate {
  keys: string[];
  /** Keys of the hubs it passes through (a weak path when any): one at most, two for a bridge between hubs. */
  hubs: string[];
}

export interface FrontierResult {
  /** Null when the entity does not exist (then nothing else is filled). */
  fromKey: string | null;
  toKey: string | null;
  info: Map<string, NodeInfo>;
  candidates: Candidate[];
  stats: FrontierStats;
}

export interface FrontierStats {
  /** Round trips to the database. */
  rounds: number;
  /** Relationships read (the budgeted cost). */
  cost: number;
  /** Layers known on each side. */
  depthFrom: number;
  depthTo: number;
  /** False when the budget cut the search short or an endpoint hub was sampled. */
  complete: boolean;
}

class Side {
  readonly dist = new Map<string, number>();
  readonly parents = new Map<string, string[]>();
  readonly layers: string[][];
  /** No further layer: the last one was targeted, or nothing in it can be expanded. */
  exhausted = false;
  /** The last layer holds only meeting points (hubs the other side reached). */
  targeted = false;

  constructor(
    readonly name: SideName,
    readonly root: string,
  ) {
    this.dist.set(root, 0);
    this.layers = [[root]];
  }

  get depth(): number {
    return this.layers.length - 1;
  }
}

interface LayerRow {
  side: SideName;
  node: string;
  parents: string[];
  degree: number;
  country: string | null;
}

/**
 * Grows the two frontiers and returns the candidate paths (node keys only),
 * shortest first. One to four round trips for maxHops 4: the first grows two
 * layers on each side when that is cheap, which is usually enough. When an endpoint does
 * not exist its key is null and nothing is searched.
 */
export async function searchFrontiers(tx: ManagedTransaction, q: FrontierQuery): Promise<FrontierResult> {
  const templateValues = { types: [...q.types], nonDomain: NON_DOMAIN_TYPES };
  const threshold = Math.min(q.hubDegree, q.maxHubDegree ?? Infinity);
  const [start] = await run<{
    fromKey: string | null;
    toKey: string | null;
    fromDegree: number;
    toDegree: number;
    fromCountry: string | null;
    toCountry: string | null;
    layer: (Omit<LayerRow, 'parents'> & { parent: string })[];
    layer2: LayerRow[] | null;
  }>(tx, cypherTemplate('paths/frontierStart', templateValues), {
    from: q.from,
    to: q.to,
    walked: q.types,
    includeUnverified: q.includeUnverified,
    avoid: q.avoid,
    sample: threshold,
    hubDegree: threshold,
    deeper: q.maxHops >= 4,
    pairedCost: Math.min(PAIRED_LAYER_COST, Math.floor((q.budget - 2 * threshold) / 2)),
  });
  const info = new Map<string, NodeInfo>();
  const stats: FrontierStats = { rounds: 1, cost: 0, depthFrom: 0, depthTo: 0, complete: true };
  if (!start?.fromKey || !start.toKey) return { fromKey: start?.fromKey ?? null, toKey: start?.toKey ?? null, info, candidates: [], stats };

  const { fromKey, toKey } = start;
  info.set(fromKey, { degree: start.fromDegree, country: start.fromCountry });
  info.set(toKey, { degree: start.toDegree, country: start.toCountry });
  const sides: Record<SideName, Side> = { A: new Side('A', fromKey), B: new Side('B', toKey) };
  const endpoints = new Set([fromKey, toKey]);
  const isHub = (key: string) => !endpoints.has(key) && info.get(key)!.degree > threshold;
  stats.cost = Math.min(start.fromDegree, threshold) + Math.min(start.toDegree, threshold);
  if (start.fromDegree > threshold || start.toDegree > threshold) stats.complete = false;

  const absorb = (rows: LayerRow[], grown: Side[]) => {
    for (const side of grown) side.layers.push([]);
    for (const row of rows) {
      const side = sides[row.side];
      if (!info.has(row.node)) info.set(row.node, { degree: row.degree, country: row.country });
      if (side.dist.has(row.node)) continue;
      if (q.maxHubDegree !== null && row.degree > q.maxHubDegree && !endpoints.has(row.node)) continue;
      side.dist.set(row.node, side.depth);
      side.parents.set(row.node, row.parents);
      side.layers[side.depth]!.push(row.node);
    }
  };
  absorb(
    start.layer.map((r) => ({ ...r, parents: [r.parent] })),
    [sides.A, sides.B],
  );
  const costOf = (keys: string[]) => keys.reduce((sum, k) => sum + info.get(k)!.degree, 0);
  if (start.layer2) {
    // The start query grew the second layer of both sides already (every expandable entity, see expandable below).
    for (const side of [sides.A, sides.B]) stats.cost += costOf(side.layers[1]!.filter((k) => !endpoints.has(k) && !isHub(k)));
    absorb(start.layer2, [sides.A, sides.B]);
  }

  /** The entities of a side's last layer it may expand: not hubs, not the other end, cheapest first. */
  const expandable = (side: Side): string[] => {
    if (side.exhausted || side.targeted) return [];
    const other = side.name === 'A' ? toKey : fromKey;
    return side.layers[side.depth]!.filter((k) => k !== other && !isHub(k)).sort((x, y) => info.get(x)!.degree - info.get(y)!.degree);
  };

  let candidates = enumerate(sides.A, sides.B, info, isHub, q);
  for (;;) {
    for (const side of [sides.A, sides.B]) if (!side.exhausted && expandable(side).length === 0) side.exhausted = true;
    const reach = (s: Side) => (s.exhausted ? Infinity : s.depth);
    const ka = reach(sides.A);
    const kb = reach(sides.B);
    // Shortest length a path not yet found can have: a hub-free one needs ka + kb + 1
    // hops; a one-hub one lies beyond a side's reach, so at least that reach + 2.
    const lowerBound = Math.min(ka + kb + 1, ka + 2, kb + 2);
    if (lowerBound > q.maxHops) break;
    // Once the shortest path is certain, go on only for specific paths: while some
    // may still be missing (ka + kb < maxHops) and fewer than `first` are in hand.
    const best = candidates.length ? candidates[0]!.keys.length - 1 : Infinity;
    const specific = candidates.filter((c) => c.hubs.length === 0).length;
    const specificComplete = sides.A.depth + sides.B.depth >= q.maxHops;
    if (best <= lowerBound && (specificComplete || specific >= q.first)) break;

    const plan = planRound(sides, q.maxHops, expandable, costOf, isHub);
    if (plan.length === 0) break;
    const frontier: { side: SideName; key: string }[] = [];
    let targets: string[] | null = null;
    let budgetLeft = q.budget - stats.cost;
    for (const step of plan) {
      const keys: string[] = [];
      for (const key of expandable(step.side)) {
        const degree = info.get(key)!.degree;
        if (degree > budgetLeft) {
          stats.complete = false;
          break;
        }
        budgetLeft -= degree;
        keys.push(key);
      }
      frontier.push(...keys.map((key) => ({ side: step.side.name, key })));
      if (step.targets) targets = [...(targets ?? []), ...step.targets];
    }
    if (frontier.length === 0) break;
    const rows = await run<LayerRow>(tx, cypherTemplate('paths/frontierExpand', templateValues), {
      frontier,
      walked: q.types,
      includeUnverified: q.includeUnverified,
      terminal: [fromKey, toKey],
      avoid: q.avoid,
      targets,
    });
    stats.rounds++;
    stats.cost = q.budget - budgetLeft;
    const grown = plan.map((p) => p.side);
    absorb(rows, grown);
    for (const step of plan) if (step.targets) step.side.targeted = true;
    candidates = enumerate(sides.A, sides.B, info, isHub, q);
    if (!stats.complete) break;
  }
  if (candidates.length === 0) candidates = await bridgeHubs(tx, sides, info, isHub, q, templateValues, threshold, stats);
  stats.depthFrom = sides.A.depth;
  stats.depthTo = sides.B.depth;
  return { fromKey, toKey, info, candidates, stats };
}

/**
 * Which side(s) to grow next. While ka + kb < maxHops: both when both are
 * cheap and two layers are still wanted, else the cheaper. After that only a
 * targeted layer can help: a side grows once more when the other side reached
 * hubs close enough to its end for a path within maxHops, keeping only those.
 */
function planRound(
  sides: Record<SideName, Side>,
  maxHops: number,
  expandable: (s: Side) => string[],
  costOf: (keys: string[]) => number,
  isHub: (key: string) => boolean,
): { side: Side; targets: string[] | null }[] {
  const open = [sides.A, sides.B].filter((s) => expandable(s).length > 0);
  if (open.length === 0) return [];
  const byCost = open.map((side) => ({ side, cost: costOf(expandable(side)) })).sort((x, y) => x.cost - y.cost);
  const otherOf = (side: Side) => (side.name === 'A' ? sides.B : sides.A);
  /** Keys the other side reached within `within` hops of its end that count as meeting points. */
  const reached = (side: Side, within: number, hubsOnly: boolean) =>
    [...otherOf(side).dist].filter(([key, d]) => d <= within && (!hubsOnly || isHub(key))).map(([key]) => key);
  const depth = sides.A.depth + sides.B.depth;
  if (depth < maxHops) {
    const wanted = maxHops - depth;
    if (wanted >= 2 && byCost.length === 2 && byCost[1]!.cost <= PAIRED_LAYER_COST) return byCost.map((c) => ({ side: c.side, targets: null }));
    const side = byCost[0]!.side;
    // With the other side done growing, this side's last useful layer only needs the meeting points.
    const last = otherOf(side).exhausted && side.depth + 1 >= maxHops - 1;
    return [{ side, targets: last ? reached(side, maxHops - side.depth - 1, false) : null }];
  }
  for (const { side } of byCost) {
    // A new layer at depth d + 1 meets hubs the other side reached within maxHops - d - 1.
    const within = maxHops - side.depth - 1;
    if (within < 1) continue;
    const hubs = reached(side, within, true);
    if (hubs.length === 0) continue;
    const deeper = reached(side, within - 1, true).length > 0;
    return [{ side, targets: deeper ? null : hubs }];
  }
  return [];
}

/**
 * Paths through two hubs, one reached by each side, bridged by a non-hub
 * entity found among a sample of the smaller hub's members
 * (cypher/queries/paths/hubBridge.cypher). The nearest, least connected hub
 * pairs are tried, at most BRIDGE_PAIRS; one bridge per pair.
 */
async function bridgeHubs(
  tx: ManagedTransaction,
  sides: Record<SideName, Side>,
  info: Map<string, NodeInfo>,
  isHub: (key: string) => boolean,
  q: FrontierQuery,
  templateValues: Record<string, readonly string[]>,
  threshold: number,
  stats: FrontierStats,
): Promise<Candidate[]> {
  const hubsOf = (side: Side) => [...side.dist].filter(([key]) => isHub(key));
  const pairs: { a: string; b: string; length: number; weight: number }[] = [];
  for (const [a, i] of hubsOf(sides.A)) {
    for (const [b, j] of hubsOf(sides.B)) {
      if (a !== b && i + j + 2 <= q.maxHops) pairs.push({ a, b, length: i + j + 2, weight: info.get(a)!.degree + info.get(b)!.degree });
    }
  }
  pairs.sort((x, y) => x.length - y.length || x.weight - y.weight);
  const tried = pairs.slice(0, BRIDGE_PAIRS);
  if (tried.length === 0) return [];
  const smallerFirst = (p: { a: string; b: string }) => (info.get(p.a)!.degree <= info.get(p.b)!.degree ? [p.a, p.b] : [p.b, p.a]);
  const rows = await run<{ pair: [string, string]; node: string; degree: number; country: string | null }>(
    tx,
    cypherTemplate('paths/hubBridge', templateValues),
    { pairs: tried.map(smallerFirst), sample: BRIDGE_SAMPLE, avoid: q.avoid, terminal: [sides.A.root, sides.B.root], hubDegree: threshold, walked: q.types, includeUnverified: q.includeUnverified },
  );
  stats.rounds++;
  stats.cost += tried.length * BRIDGE_SAMPLE;
  stats.complete = false;
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (const p of tried) {
    const row = rows.find((r) => new Set(r.pair).has(p.a) && new Set(r.pair).has(p.b));
    if (!row) continue;
    if (!info.has(row.node)) info.set(row.node, { degree: row.degree, country: row.country });
    for (const head of prefixes(sides.A, p.a, info)) {
      for (const tail of prefixes(sides.B, p.b, info)) {
        const keys = [...head, row.node, ...[...tail].reverse()];
        const id = keys.join(' ');
        if (seen.has(id) || new Set(keys).size !== keys.length) continue;
        if (q.crossBorderOnly && !crossesBorder(keys, info)) continue;
        seen.add(id);
        out.push({ keys, hubs: [p.a, p.b] });
      }
    }
  }
  return out.sort((x, y) => x.keys.length - y.keys.length);
}

/**
 * Every path the two frontiers make, deduplicated, none repeating an entity,
 * shortest first, then specific before weak, then through the least connected
 * entities. At most PREFIXES_PER_MEETING partial paths per side and meeting point,
 * and CANDIDATES_PER_PATH × first paths of each kind.
 */
export function enumerate(a: Side, b: Side, info: Map<string, NodeInfo>, isHub: (key: string) => boolean, q: FrontierQuery): Candidate[] {
  const [small, large] = a.dist.size <= b.dist.size ? [a, b] : [b, a];
  const meetings: { key: string; length: number; hub: boolean }[] = [];
  for (const [key, d] of small.dist) {
    const e = large.dist.get(key);
    if (e === undefined || d + e > q.maxHops || d + e === 0) continue;
    meetings.push({ key, length: d + e, hub: isHub(key) });
  }
  meetings.sort((x, y) => x.length - y.length || Number(x.hub) - Number(y.hub) || info.get(x.key)!.degree - info.get(y.key)!.degree);
  const seen = new Set<string>();
  const out: Candidate[] = [];
  const cap = CANDIDATES_PER_PATH * q.first;
  const counts = { specific: 0, weak: 0 };
  for (const m of meetings) {
    const kind = m.hub ? 'weak' : 'specific';
    if (counts[kind] >= cap) continue;
    for (const head of prefixes(a, m.key, info)) {
      for (const tail of prefixes(b, m.key, info)) {
        const keys = [...head, ...tail.slice(0, -1).reverse()];
        if (new Set(keys).size !== keys.length) continue;
        if (q.crossBorderOnly && !crossesBorder(keys, info)) continue;
        const id = keys.join(' ');
        if (seen.has(id)) continue;
        seen.add(id);
        out.push({ keys, hubs: m.hub ? [m.key] : [] });
        counts[kind]++;
      }
    }
  }
  return out;
}

/** Up to PREFIXES_PER_MEETING shortest paths from the side's root to `key` (root first), least connected parents first. */
function prefixes(side: Side, key: string, info: Map<string, NodeInfo>): string[][] {
  const out: string[][] = [];
  const walk = (node: string, suffix: string[]) => {
    if (out.length >= PREFIXES_PER_MEETING) return;
    if (node === side.root) {
      out.push([node, ...suffix]);
      return;
    }
    const parents = [...(side.parents.get(node) ?? [])].sort((x, y) => info.get(x)!.degree - info.get(y)!.degree);
    for (const p of parents) walk(p, [node, ...suffix]);
  };
  walk(key, []);
  return out;
}

/** Some hop joins two entities of different, known countries. */
function crossesBorder(keys: string[], info: Map<string, NodeInfo>): boolean {
  return keys.slice(1).some((k, i) => {
    const x = info.get(keys[i]!)!.country;
    const y = info.get(k)!.country;
    return x !== null && y !== null && x !== y;
  });
}
