import { RELATED_CAP, targetLabels, type RelationField } from '../domain/entityTypes';
import { ROLE_SEATS } from '../domain/roles';
import { RELATIONSHIP_TYPE_NAMES } from '../domain/model';
import type { CitationPlan, EdgesPlan, EntityPlan, FieldPlan, NodesPlan, RelationshipPlan, RelationsPagePlan, RelationsPlan } from './plan';
import { keysetCondition } from './keyset';


/**
 * Emits the Cypher of a read plan. Every relationship field becomes a COLLECT
 * subquery inside the entity's map projection, with a static type and label
 * from the model, the retraction filter, ordering and LIMIT pushed in, so a
 * whole selection is one query.
 *
 * Determinism: variable and parameter names are numbered in the order the plan
 * is walked, and request values only ever become parameters, so one document
 * with one shape of arguments always yields the same text (and Neo4j's plan
 * cache hits). Text varies only with the selection itself, a relations
 * direction (3 choices) and which list filters are present.
 */
export class CypherBuilder {
  readonly params: Record<string, unknown> = {};
  private paramCount = 0;
  private variableCount = 0;

  /** A new parameter holding `value`; returns its reference, e.g. `$p0`. */
  param(value: unknown): string {
    const name = `p${this.paramCount++}`;
    this.params[name] = value;
    return `$${name}`;
  }

  /** A fresh variable name with this prefix, e.g. `n1`. */
  variable(prefix: string): string {
    return `${prefix}${++this.variableCount}`;
  }
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A name from the model (label, type, property, response key) checked to be a plain identifier; anything else throws. */
export function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain identifier: ${name}`);
  return name;
}

/** A fixed vocabulary value (e.g. a PARTY_TO role) as a Cypher string literal; only identifiers are accepted. */
const literal = (value: string) => `'${identifier(value)}'`;

const ALL_TYPES = RELATIONSHIP_TYPE_NAMES.map(identifier).join('|');

/**
 * `{labels, props, fields}` for the entity in variable `v`: the properties its
 * plan needs plus its relationship fields. With `labelFromModel` (an entity
 * reached through a relationship field, whose reader knows the field), a single
 * possible label is left out of the row: the reader takes it from the model
 * (src/modules/entity/resolvers.ts), so neither the statement nor each row
 * carries it.
 */
export function entityProjection(v: string, plan: EntityPlan, b: CypherBuilder, labelFromModel = false): string {
  const byKey = new Map<string, FieldPlan[]>();
  for (const field of plan.fields) byKey.set(field.key, [...(byKey.get(field.key) ?? []), field]);
  const fields = [...byKey].map(([key, plans]) => `${identifier(key)}: ${guarded(v, plans, b)}`);
  // A node matched with a single possible label gets it as a literal: nothing to read.
  const labels = plan.labels.length === 1 ? (labelFromModel ? null : `['${identifier(plan.labels[0]!)}']`) : `labels(${v})`;
  const base = `${labels ? `labels: ${labels}, ` : ''}props: ${propertyMap(v, plan.properties)}`;
  return fields.length ? `{${base}, fields: {${fields.join(', ')}}}` : `{${base}}`;
}

/** The stored properties of node or relationship `v` a read needs, as a map projection (every one for 'all'). */
function propertyMap(v: string, properties: readonly string[] | 'all'): string {
  if (properties === 'all') return `properties(${v})`;
  return properties.length ? `${v} {${properties.map((p) => `.${identifier(p)}`).join(', ')}}` : '{}';
}

/** One response key's value; when fragments give it per label, a CASE picks the entity's. */
function guarded(v: string, plans: FieldPlan[], b: CypherBuilder): string {
  if (plans.length === 1 && plans[0]!.onLabel === null) return fieldValue(v, plans[0]!, b);
  const branches = plans.filter((p) => p.onLabel).map((p) => `WHEN ${v}:${identifier(p.onLabel!)} THEN ${fieldValue(v, p, b)}`);
  const fallback = plans.find((p) => p.onLabel === null);
  return `CASE ${branches.join(' ')}${fallback ? ` ELSE ${fieldValue(v, fallback, b)}` : ''} END`;
}

function fieldValue(v: string, plan: FieldPlan, b: CypherBuilder): string {
  switch (plan.kind) {
    case 'nodes':
      return nodesValue(v, plan, b);
    case 'edges':
      return edgesValue(v, plan, b);
    case 'relations':
      return relationsValue(v, plan, b);
    case 'relationsPage':
      return relationsPageValue(v, plan, b);
    case 'citations':
      return entityCitations(v, plan.citations, b);
    case 'organizationCount': {
      const o = b.variable('o');
      return `COUNT { MATCH (${o}:Organization) WHERE ${o}.country = ${v}.code AND ${o}.retracted IS NULL }`;
    }
  }
}

/** `(v)-[r:A|B]->(m:Label)` for a model relationship field: its types, direction and the label at the other end (Entity when several). */
export function relationshipPattern(v: string, r: string, m: string, field: RelationField): string {
  const rel = `[${r}:${field.types.map(identifier).join('|')}]`;
  const targets = targetLabels(field);
  const target = identifier(targets.length === 1 ? targets[0]! : 'Entity');
  return field.direction === 'OUT' ? `(${v})-${rel}->(${m}:${target})` : `(${v})<-${rel}-(${m}:${target})`;
}

/**
 * The live relationships of a pattern, ordered by type (when it can have
 * several) then the other end's name and id, capped. Without `keepRelationship`
 * only the other end is carried past the ordering.
 */
function walk(match: string, r: string, m: string, limit: string, extra = '', clauses: readonly string[] = [], oneType = false, keepRelationship = true): string[] {
  const order = `${oneType ? '' : `type(${r}), `}${m}.name, ${m}.id`;
  const carried = keepRelationship ? `${r}, ${m}` : m;
  return [`MATCH ${match}`, `WHERE ${r}.retracted IS NULL AND ${m}.retracted IS NULL${extra}`, ...clauses, `WITH ${carried} ORDER BY ${order} LIMIT ${limit}`];
}

/**
 * Clauses that keep only relationships `r` (to `m`) true on `asOf`, by the dates
 * their sources give; none without `asOf`. Dates are partial strings (YYYY,
 * YYYY-MM, YYYY-MM-DD), so a prefix sorts before every date it covers: a start of
 * 2017-04 is on or before 2017-04-24. An end is padded with '~' (after every digit
 * and '-') so a role that ended in 2020 still holds on 2020-06-01. Undated
 * relationships are kept, except a role: without a stated date it is held "as of"
 * the earliest page that states it. A role without an end gives way to a later
 * role, on or before `asOf`, in the same seat (unit, and title as
 * src/domain/roles.ts groups them) at the same organization.
 */
export function trueOn(r: string, m: string, asOf: string | null, b: CypherBuilder): string[] {
  if (asOf === null) return [];
  const date = b.param(asOf);
  const seats = b.param(ROLE_SEATS);
  const [holder, since, seat, other, otherSince, otherSeat, page, s, w] = ['holder', 'since', 'seat', 'r', 'since', 'seat', 'page', 'seat', 'word'].map((v) => b.variable(v)) as [
    string, string, string, string, string, string, string, string, string,
  ];
  const roleSince = (x: string) => `coalesce(${x}.startedOn, ${x}.asOf, head(COLLECT { MATCH (${page}:Source) WHERE ${page}.id IN ${x}.sourceIds RETURN toString(${page}.publishedOn) AS d ORDER BY d }))`;
  const title = (x: string) => `toLower(coalesce(${x}.title, ''))`;
  const seatOf = (x: string) => `coalesce(head([${s} IN ${seats} WHERE any(${w} IN ${s}.words WHERE ${title(x)} CONTAINS ${w}) AND none(${w} IN ${s}.unless WHERE ${title(x)} CONTAINS ${w}) | ${s}.seat]), ${title(x)})`;
  const role = `type(${r}) = 'HOLDS_ROLE'`;
  return [
    `WITH ${r}, ${m}, endNode(${r}) AS ${holder},`,
    `  CASE WHEN ${role} THEN ${roleSince(r)} ELSE coalesce(${r}.startedOn, ${r}.signedOn, ${r}.effectiveOn, ${r}.approvedOn, ${r}.passedOn, ${r}.asOf) END AS ${since},`,
    `  CASE WHEN ${role} THEN ${seatOf(r)} END AS ${seat}`,
    `WHERE coalesce(${since}, '') <= ${date} AND (${r}.endedOn IS NULL OR ${r}.endedOn + '~' >= ${date})`,
    `  AND NOT (${role} AND ${r}.endedOn IS NULL AND EXISTS {`,
    `    MATCH (${holder})<-[${other}:HOLDS_ROLE]-(:Person)`,
    `    WHERE ${other}.retracted IS NULL AND ${other}.id <> ${r}.id AND coalesce(${other}.unit, '') = coalesce(${r}.unit, '')`,
    `    WITH ${other}, ${roleSince(other)} AS ${otherSince}, ${seatOf(other)} AS ${otherSeat}`,
    `    WHERE ${otherSeat} = ${seat} AND ${otherSince} > ${since} AND ${otherSince} <= ${date}`,
    `  })`,
  ];
}

/**
 * A COLLECT subquery of these clauses, one per line. Not indented: a detail read
 * nests ten of these, and the indentation alone would push its statement past
 * the driver's 1,400-byte chunk into one more socket write per request.
 */
function collect(clauses: string[]): string {
  return `COLLECT {\n${clauses.join('\n')}\n}`;
}

/** A COUNT subquery of these clauses, laid out like `collect`. */
function collectCount(clauses: string[]): string {
  return `COUNT {\n${clauses.join('\n')}\n}`;
}

/** Indents every line of `text` by two spaces. */
export function indentLines(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

function nodesValue(v: string, plan: NodesPlan, b: CypherBuilder): string {
  const { field } = plan;
  const r = b.variable('r');
  const m = b.variable('n');
  const where = field.where ? ` AND ${r}.${identifier(field.where.property)} = ${literal(field.where.equals)}` : '';
  const match = relationshipPattern(v, r, m, field);
  const walked = walk(match, r, m, field.one ? '1' : String(RELATED_CAP), where, trueOn(r, m, plan.asOf, b), field.types.length === 1, false);
  const body = collect([...walked, `RETURN ${entityProjection(m, plan.entity, b, true)}`]);
  return field.one ? `head(${body})` : body;
}

function edgesValue(v: string, plan: EdgesPlan, b: CypherBuilder): string {
  const r = b.variable('r');
  const m = b.variable('n');
  const match = relationshipPattern(v, r, m, plan.field);
  // The reader knows the field, hence its direction, its type when it has one, and both ends' labels when single.
  const oneType = plan.field.types.length === 1;
  const walked = walk(match, r, m, String(RELATED_CAP), '', trueOn(r, m, plan.asOf, b), oneType);
  return collect([...walked, `RETURN ${edgeMap(r, null, m, plan, b, plan.self ? [v, plan.self] : null, { type: !oneType, labels: false })}`]);
}

/** Any model relationship of the entity in one direction or both: the pattern and how to tell its direction. */
function anyRelationship(v: string, r: string, m: string, direction: RelationsPlan['direction']): [match: string, outgoing: string] {
  const rel = `[${r}:${ALL_TYPES}]`;
  if (direction === 'OUTGOING') return [`(${v})-${rel}->(${m}:Entity)`, 'true'];
  if (direction === 'INCOMING') return [`(${v})<-${rel}-(${m}:Entity)`, 'false'];
  return [`(${v})-${rel}-(${m}:Entity)`, `startNode(${r}) = ${v}`];
}

function relationsValue(v: string, plan: RelationsPlan, b: CypherBuilder): string {
  const r = b.variable('r');
  const m = b.variable('n');
  const [match, outgoing] = anyRelationship(v, r, m, plan.direction);
  const types = b.param(plan.types);
  const limit = b.param(plan.first);
  return collect([...walk(match, r, m, limit, ` AND (${types} IS NULL OR type(${r}) IN ${types})`, trueOn(r, m, plan.asOf, b)), `RETURN ${edgeMap(r, outgoing, m, plan, b, null)}`]);
}

/**
 * One page of relationships, keyset-ordered by (type, other end's name,
 * relationship id), one row more than the page to know whether another
 * follows, and the total over all pages when asked: `{page, totalCount}`.
 */
function relationsPageValue(v: string, plan: RelationsPagePlan, b: CypherBuilder): string {
  const r = b.variable('r');
  const m = b.variable('n');
  const [match, outgoing] = anyRelationship(v, r, m, plan.direction);
  const types = b.param(plan.types);
  const live = `${r}.retracted IS NULL AND ${m}.retracted IS NULL AND (${types} IS NULL OR type(${r}) IN ${types})`;
  const after = plan.after ? b.param(plan.after) : null;
  const columns = [`type(${r})`, `coalesce(${m}.name, '')`, `${r}.id`].map((expression) => ({ expression, direction: 'ASC' as const }));
  const keyset = after ? ` AND (${keysetCondition(columns, after)})` : '';
  // The same date clauses (same parameters) bound the page and the count.
  const onDate = trueOn(r, m, plan.asOf, b);
  const page = collect([
    `MATCH ${match}`,
    `WHERE ${live}${keyset}`,
    ...onDate,
    `WITH ${r}, ${m} ORDER BY ${columns.map((c) => c.expression).join(', ')} LIMIT ${b.param(plan.first + 1)}`,
    `RETURN {sort: [${columns.map((c) => c.expression).join(', ')}], edge: ${edgeMap(r, outgoing, m, plan, b, null)}}`,
  ]);
  const total = !plan.withTotalCount ? 'null' : onDate.length === 0 ? `COUNT { MATCH ${match} WHERE ${live} }` : collectCount([`MATCH ${match}`, `WHERE ${live}`, ...onDate, `RETURN ${r}`]);
  return `{page: ${page}, totalCount: ${total}}`;
}

/**
 * A relationship as RelatedRecord rows carry it: id, type, direction, properties,
 * the other end, and optionally citations and the reading end again. What the
 * reader knows from the model is left out: `outgoing` null, `carry.type` false,
 * `carry.labels` false (see entityProjection).
 */
function edgeMap(
  r: string,
  outgoing: string | null,
  m: string,
  plan: { entity: EntityPlan; relationship: RelationshipPlan; citations: CitationPlan | null },
  b: CypherBuilder,
  self: [string, EntityPlan] | null,
  carry: { type: boolean; labels: boolean } = { type: true, labels: true },
): string {
  const parts = [
    `id: ${r}.id`,
    ...(carry.type ? [`type: type(${r})`] : []),
    ...(outgoing === null ? [] : [`outgoing: ${outgoing}`]),
    `props: ${propertyMap(r, plan.relationship.properties)}`,
    `node: ${entityProjection(m, plan.entity, b, !carry.labels)}`,
  ];
  if (plan.citations) parts.push(`citations: ${relationshipCitations(r, plan.citations, b)}`);
  if (self) parts.push(`self: ${entityProjection(self[0], self[1], b, !carry.labels)}`);
  return `{${parts.join(', ')}}`;
}

/** `{id, props[, statementCount]}` for the source in variable `s`. */
export function sourceProjection(s: string, statementCount: boolean, b: CypherBuilder): string {
  if (!statementCount) return `{id: ${s}.id, props: properties(${s})}`;
  const x = b.variable('x');
  return `{id: ${s}.id, props: properties(${s}), statementCount: COUNT { (:Entity)-[:STATED_IN]->(${s}) } + COUNT { MATCH ()-[${x}]->() WHERE ${s}.id IN ${x}.sourceIds }}`;
}

/** The entity's STATED_IN citations with their sources, oldest source first. */
function entityCitations(v: string, plan: CitationPlan, b: CypherBuilder): string {
  const c = b.variable('c');
  const s = b.variable('s');
  return collect([
    `MATCH (${v})-[${c}:STATED_IN]->(${s}:Source)`,
    `WITH ${c}, ${s} ORDER BY ${s}.publishedOn, ${s}.id`,
    `RETURN {sourceId: ${s}.id, evidence: ${c}.evidence, source: ${sourceProjection(s, plan.statementCount, b)}}`,
  ]);
}

/** A relationship's citations, kept on it as the parallel lists sourceIds / evidence, with their sources, in stated order. */
function relationshipCitations(r: string, plan: CitationPlan, b: CypherBuilder): string {
  const i = b.variable('i');
  const s = b.variable('s');
  return collect([
    `UNWIND range(0, size(coalesce(${r}.sourceIds, [])) - 1) AS ${i}`,
    `MATCH (${s}:Source {id: ${r}.sourceIds[${i}]})`,
    `WITH ${i}, ${s} ORDER BY ${i}`,
    `RETURN {sourceId: ${s}.id, evidence: ${r}.evidence[${i}], source: ${sourceProjection(s, plan.statementCount, b)}}`,
  ]);
}
