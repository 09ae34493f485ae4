import { EDGE_TYPES, RELATION_FIELDS, targetLabels, type RelationField } from '../domain/entityTypes';
import type { EntityLabel } from '../domain/model';
import { own } from '../domain/lookup';
import { cypher, EMPTY, name, stringLiteral, variable, type Fragment, type Variable } from './cypher';
import { relationshipPattern } from './emit';
import { wherePredicate } from './where';

/**
 * Selective anchors: where a list's (or an aggregate's) matches start.
 *
 * Unanchored, a list walks every entity of its label and tests `where` on each,
 * a relationship condition (`technologies: { some: { modalities: { some: { id:
 * { in: [...] } } } } }`) being an EXISTS subquery per candidate. When that
 * condition is the selective side, the query can start at its far end instead:
 * the few modalities named by id (unique index), their technologies, their
 * organizations, and only those candidates are tested against the rest of
 * `where`. The answer is the same set: the chain of MATCHes yields exactly the
 * entities for which the `some` holds (with the same liveness and role
 * conditions as src/translate/where.ts), DISTINCT, and the other conditions
 * are applied to them as before; page and total are still cut from one query.
 *
 * How the choice is made (chooseAnchor): only a `some` that is a top-level
 * conjunct of `where` (not under OR or NOT), over a relationship field with one
 * target label, can anchor, and only when its chain of `some`s ends at a level
 * that names ids (`id: { eq }` or `id: { in }`). Its cost is estimated from
 * counts Neo4j keeps in its count store (GraphCounts, read in O(1) and cached
 * per graph version): starting from k ids, each hop back multiplies the rows by
 * the mean degree of that relationship type at that end (relationships of the
 * type from the near label ÷ entities of the far label). The unanchored plan
 * tests every entity of the list's label (k when its own `where` names ids). The
 * anchor is taken when its estimated rows, summed over the hops, are below
 * ANCHOR_ADVANTAGE times fewer than that; of several, the cheapest.
 */

type Where = Record<string, unknown>;

/** How much cheaper (estimated rows) an anchor must be than scanning the label before it is taken. */
export const ANCHOR_ADVANTAGE = 4;

/** One hop of an anchor chain, from the list's entity outwards: the field walked and the conditions on the entity it reaches (besides the next hop). */
export interface AnchorHop {
  field: RelationField;
  label: EntityLabel;
  where: Where;
}

/** A chosen anchor: the chain from the list's entity to the entities named by id, the list's `where` without that condition, and its estimated rows. */
export interface Anchor {
  hops: AnchorHop[];
  rest: Where;
  estimate: number;
}

/** A candidate before costing: its hops, the ids at its far end, and the list's `where` without it. */
export interface AnchorCandidate {
  hops: AnchorHop[];
  ids: number;
  rest: Where;
}

/** A count the anchor estimate needs: entities of a label, or relationships of a type at one end labelled. */
export type CountKey = { label: EntityLabel } | { label: EntityLabel; type: string; direction: 'OUT' | 'IN' };

export const countKeyText = (key: CountKey) => ('type' in key ? `${key.label}${key.direction === 'OUT' ? '-' : '<-'}[:${key.type}]${key.direction === 'OUT' ? '->' : '-'}` : key.label);

/** How many distinct ids an id condition names (eq: 1, in: its distinct values); null when it names none. */
function namedIds(where: Where): number | null {
  const id = where.id as Where | null | undefined;
  if (!id || typeof id !== 'object') return null;
  const counts: number[] = [];
  if (typeof id.eq === 'string') counts.push(1);
  if (Array.isArray(id.in)) counts.push(new Set(id.in).size);
  return counts.length ? Math.min(...counts) : null;
}

/** The chains a `some` over `field` can anchor: its own level when it names ids, else deeper through one of its `some`s. */
function chains(field: RelationField, some: Where): { hops: AnchorHop[]; ids: number }[] {
  const targets = targetLabels(field);
  // An edge field (events, roles …) anchors when its condition is only on the entity at the other end.
  const inner = field.kind === 'nodes' ? some : otherEnd(field, some);
  if (!inner || targets.length !== 1) return [];
  const label = targets[0]!;
  const ids = namedIds(inner);
  if (ids !== null) return [{ hops: [{ field, label, where: inner }], ids }];
  const found: { hops: AnchorHop[]; ids: number }[] = [];
  for (const { key, value, without } of conjuncts(inner)) {
    const next = own(RELATION_FIELDS[label], key);
    const some = onlySome(value);
    if (!next || !some) continue;
    for (const chain of chains(next, some)) found.push({ hops: [{ field, label, where: without }, ...chain.hops], ids: chain.ids });
  }
  return found;
}

/** The condition on the other end's entity when an edge field's condition is that alone; otherwise null. */
function otherEnd(field: RelationField & { kind: 'edges' }, where: Where): Where | null {
  const edge = EDGE_TYPES[field.edge];
  const other = field.direction === 'OUT' ? edge.toField : edge.fromField;
  const entries = Object.entries(where).filter(([, v]) => v !== null && v !== undefined);
  return entries.length === 1 && entries[0]![0] === other && entries[0]![1] && typeof entries[0]![1] === 'object' ? (entries[0]![1] as Where) : null;
}

/** `{ some: W }` (with nothing else beside it, so dropping the whole key drops only it): W; otherwise null. */
function onlySome(value: unknown): Where | null {
  if (!value || typeof value !== 'object') return null;
  const entries = Object.entries(value as Where).filter(([, v]) => v !== null && v !== undefined);
  return entries.length === 1 && entries[0]![0] === 'some' && entries[0]![1] && typeof entries[0]![1] === 'object' ? (entries[0]![1] as Where) : null;
}

/** Each top-level conjunct of a `where` (its keys, and the members of its ANDs, at any depth), with the `where` that remains without it. */
function conjuncts(where: Where): { key: string; value: unknown; without: Where }[] {
  const out: { key: string; value: unknown; without: Where }[] = [];
  for (const [key, value] of Object.entries(where)) {
    if (value === null || value === undefined) continue;
    if (key === 'AND' && Array.isArray(value)) {
      value.forEach((member: Where, i) => {
        for (const inner of conjuncts(member)) out.push({ ...inner, without: { ...where, AND: value.map((m: Where, j) => (j === i ? inner.without : m)) } });
      });
      continue;
    }
    const { [key]: _dropped, ...without } = where;
    out.push({ key, value, without });
  }
  return out;
}

/** Every anchor `where` allows for a list of `label`: top-level `some` chains that end at named ids. */
export function anchorCandidates(label: EntityLabel, where: Where | null | undefined): AnchorCandidate[] {
  if (!where) return [];
  const out: AnchorCandidate[] = [];
  for (const { key, value, without } of conjuncts(where)) {
    const field = own(RELATION_FIELDS[label], key);
    const some = onlySome(value);
    if (!field || !some) continue;
    for (const chain of chains(field, some)) out.push({ ...chain, rest: without });
  }
  return out;
}

/** The counts chooseAnchor reads for these candidates. */
export function countKeys(label: EntityLabel, candidates: readonly AnchorCandidate[]): CountKey[] {
  const keys: CountKey[] = [{ label }];
  for (const c of candidates) {
    let near = label;
    for (const hop of c.hops) {
      keys.push({ label: hop.label });
      for (const type of hop.field.types) keys.push({ label: near, type, direction: hop.field.direction });
      near = hop.label;
    }
  }
  return keys;
}

/**
 * The cheapest anchor by the estimate described above, or null when scanning
 * the label is estimated as cheap (within ANCHOR_ADVANTAGE) or `where` has none.
 * `count` gives a count by its key (countKeyText); a missing one counts as
 * unknown and rules the candidate out.
 */
export function chooseAnchor(label: EntityLabel, where: Where | null | undefined, count: (key: CountKey) => number | undefined): Anchor | null {
  const scanned = (where && namedIds(where)) ?? count({ label });
  if (scanned === undefined) return null;
  let best: Anchor | null = null;
  for (const candidate of anchorCandidates(label, where)) {
    let rows = candidate.ids;
    let total = rows;
    let known = true;
    for (let i = candidate.hops.length - 1; i >= 0; i--) {
      const hop = candidate.hops[i]!;
      const near = i === 0 ? label : candidate.hops[i - 1]!.label;
      const far = count({ label: hop.label });
      const relationships = hop.field.types.map((type) => count({ label: near, type, direction: hop.field.direction }));
      if (far === undefined || relationships.some((r) => r === undefined)) known = false;
      const degree = (relationships as number[]).reduce((a, b) => a + b, 0) / Math.max(1, far ?? 1);
      rows *= degree;
      total += rows;
    }
    if (!known) continue;
    if (total * ANCHOR_ADVANTAGE < scanned && (!best || total < best.estimate)) best = { hops: candidate.hops, rest: candidate.rest, estimate: Math.round(total) };
  }
  return best;
}

/**
 * MATCH clauses binding `n` (of `label`) to each live entity that matches
 * `where`, once: unanchored, a label scan with `where` as its predicate; with
 * an anchor, the chain walked from its far end, DISTINCT, then the rest of
 * `where`. `also` adds conditions on `n` (a full-text search's ids). The
 * `where` is always compiled whole first, so a bad input fails the same way
 * whichever plan is taken.
 */
export function matchClauses(n: Variable, label: EntityLabel, where: Where | null | undefined, anchor: Anchor | null, also: readonly Fragment[] = []): { clauses: Fragment[]; walksRelationships: boolean } {
  const whole = wherePredicate(n, label, where);
  const extra = also.map((f) => cypher`  AND ${f}`);
  if (!anchor) {
    const clauses = [cypher`MATCH (${n}:${name(label)})`, cypher`WHERE ${n}.retracted IS NULL`, ...extra, ...(whole.predicate ? [cypher`  AND ${whole.predicate}`] : [])];
    return { clauses, walksRelationships: whole.walksRelationships };
  }
  const rest = wherePredicate(n, label, anchor.rest);
  const ends: Variable[] = [n, ...anchor.hops.map(() => variable('a'))];
  const clauses: Fragment[] = [];
  for (let i = anchor.hops.length - 1; i >= 0; i--) {
    const hop = anchor.hops[i]!;
    const far = ends[i + 1]!;
    const near = ends[i]!;
    const conditions = wherePredicate(far, hop.label, hop.where).predicate;
    const farLive = cypher`${far}.retracted IS NULL${conditions ? cypher` AND ${conditions}` : EMPTY}`;
    if (i === anchor.hops.length - 1) clauses.push(cypher`MATCH (${far}:${name(hop.label)})`, cypher`WHERE ${farLive}`);
    const r = variable('r');
    const role = hop.field.kind === 'nodes' && hop.field.where ? cypher` AND ${r}.${name(hop.field.where.property)} = ${stringLiteral(hop.field.where.equals)}` : EMPTY;
    const nearLabel = i === 0 ? label : anchor.hops[i - 1]!.label;
    const nearLive = i === 0 ? EMPTY : cypher` AND ${near}.retracted IS NULL`;
    clauses.push(cypher`MATCH ${relationshipPattern(near, r, far, hop.field)}`, cypher`WHERE ${near}:${name(nearLabel)} AND ${r}.retracted IS NULL${role}${nearLive}`);
    // Each level's own conditions are tested once per entity, before the next hop fans out.
    if (i > 0) clauses.push(cypher`WITH DISTINCT ${near}`, ...(nearCondition(near, anchor.hops[i - 1]!) ?? []));
  }
  clauses.push(cypher`WITH DISTINCT ${n}`, cypher`WHERE ${n}.retracted IS NULL`, ...extra, ...(rest.predicate ? [cypher`  AND ${rest.predicate}`] : []));
  return { clauses, walksRelationships: true };
}

/** The WHERE of an intermediate entity's own conditions (its hop's `where`), or null when it has none. */
function nearCondition(v: Variable, hop: AnchorHop): Fragment[] | null {
  const { predicate } = wherePredicate(v, hop.label, hop.where);
  return predicate ? [cypher`WHERE ${predicate}`] : null;
}

/** The anchor's chain as a reader reads it, for logs and tests: `Organization -DEVELOPS-> Technology -USES_MODALITY-> Modality (~7500 rows)`. */
export function describeAnchor(label: EntityLabel, anchor: Anchor): string {
  const hops = anchor.hops.map((h) => (h.field.direction === 'OUT' ? `-${h.field.types.join('|')}-> ${h.label}` : `<-${h.field.types.join('|')}- ${h.label}`));
  return `${label} ${hops.join(' ')} (~${anchor.estimate} rows)`;
}
