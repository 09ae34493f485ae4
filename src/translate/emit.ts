import { ENDED_ON, ROLE_STARTED_ON, STARTED_ON } from '../domain/dates';
import { RELATED_CAP, targetLabels, type RelationField } from '../domain/entityTypes';
import { HELD_ROLE, ROLE_SEATS } from '../domain/roles';
import { RELATIONSHIP_TYPE_NAMES, RELATIONSHIP_TYPES } from '../domain/model';
import { cypher, EMPTY, join, lines, name, param, stringLiteral, variable, type Fragment, type Value, type Variable } from './cypher';
import type { CitationPlan, EdgesPlan, EntityPlan, FieldPlan, HistoryPlan, NodesPlan, RelationshipPlan, RelationsPagePlan, RelationsPlan } from './plan';
import { keysetCondition } from './keyset';

/**
 * Emits the Cypher of a read plan (as fragments, src/translate/cypher.ts). Every
 * relationship field becomes a COLLECT subquery inside the entity's map
 * projection, with a static type and label from the model, the retraction
 * filter, ordering and LIMIT pushed in, so a whole selection is one query.
 * Text varies only with the selection itself, a relations direction (3
 * choices) and which arguments are given.
 */

const ALL_TYPES = join(RELATIONSHIP_TYPE_NAMES.map(name), '|');

/**
 * `{labels, props, fields}` for the entity in variable `v`: the properties its
 * plan needs plus its relationship fields. With `labelFromModel` (an entity
 * reached through a relationship field, whose reader knows the field), a single
 * possible label is left out of the row: the reader takes it from the model
 * (src/modules/entity/resolvers.ts), so neither the statement nor each row
 * carries it.
 */
export function entityProjection(v: Variable, plan: EntityPlan, labelFromModel = false): Fragment {
  const byKey = new Map<string, FieldPlan[]>();
  for (const field of plan.fields) byKey.set(field.key, [...(byKey.get(field.key) ?? []), field]);
  const fields = [...byKey].map(([key, plans]) => cypher`${name(key)}: ${guarded(v, plans)}`);
  // A node matched with a single possible label gets it as a literal: nothing to read.
  const labels = plan.labels.length === 1 ? (labelFromModel ? null : cypher`[${stringLiteral(plan.labels[0]!)}]`) : cypher`labels(${v})`;
  const base = labels ? cypher`labels: ${labels}, props: ${propertyMap(v, plan.properties)}` : cypher`props: ${propertyMap(v, plan.properties)}`;
  return fields.length ? cypher`{${base}, fields: {${join(fields, ', ')}}}` : cypher`{${base}}`;
}

/** The stored properties of node or relationship `v` a read needs, as a map projection (every one for 'all'). */
/** `v`'s `properties` as a map (all of them for 'all'); those in `asText` read as text (toString). */
function propertyMap(v: Variable, properties: readonly string[] | 'all', asText: ReadonlySet<string> = NONE): Fragment {
  if (properties === 'all') return cypher`properties(${v})`;
  if (!properties.length) return cypher`{}`;
  return cypher`${v} {${join(properties.map((p) => (asText.has(p) ? cypher`${name(p)}: toString(${v}.${name(p)})` : cypher`.${name(p)}`)), ', ')}}`;
}
const NONE: ReadonlySet<string> = new Set();

/** One response key's value; when fragments give it per label, a CASE picks the entity's. */
function guarded(v: Variable, plans: FieldPlan[]): Fragment {
  if (plans.length === 1 && plans[0]!.onLabel === null) return fieldValue(v, plans[0]!);
  const branches = plans.filter((p) => p.onLabel).map((p) => cypher`WHEN ${v}:${name(p.onLabel!)} THEN ${fieldValue(v, p)}`);
  const fallback = plans.find((p) => p.onLabel === null);
  return cypher`CASE ${join(branches, ' ')}${fallback ? cypher` ELSE ${fieldValue(v, fallback)}` : EMPTY} END`;
}

function fieldValue(v: Variable, plan: FieldPlan): Fragment {
  switch (plan.kind) {
    case 'nodes':
      return nodesValue(v, plan);
    case 'edges':
      return edgesValue(v, plan);
    case 'relations':
      return relationsValue(v, plan);
    case 'relationsPage':
      return relationsPageValue(v, plan);
    case 'citations':
      return entityCitations(v, plan.citations);
    case 'history':
      return historyValue(v, plan);
    case 'organizationCount': {
      const o = variable('o');
      return cypher`COUNT { MATCH (${o}:Organization) WHERE ${o}.country = ${v}.code AND ${o}.retracted IS NULL }`;
    }
  }
}

/** `(v)-[r:A|B]->(m:Label)` for a model relationship field: its types, direction and the label at the other end (Entity when several). */
export function relationshipPattern(v: Variable, r: Variable, m: Variable, field: RelationField): Fragment {
  const rel = cypher`[${r}:${join(field.types.map(name), '|')}]`;
  const targets = targetLabels(field);
  const target = name(targets.length === 1 ? targets[0]! : 'Entity');
  return field.direction === 'OUT' ? cypher`(${v})-${rel}->(${m}:${target})` : cypher`(${v})<-${rel}-(${m}:${target})`;
}

/**
 * The live relationships of a pattern, ordered by type (when it can have
 * several) then the other end's name and id, capped. Without `keepRelationship`
 * only the other end is carried past the ordering.
 */
function walk(match: Fragment, r: Variable, m: Variable, limit: Value, extra: Fragment = EMPTY, clauses: readonly Fragment[] = [], oneType = false, keepRelationship = true): Fragment[] {
  const order = oneType ? cypher`${m}.name, ${m}.id` : cypher`type(${r}), ${m}.name, ${m}.id`;
  const carried = keepRelationship ? cypher`${r}, ${m}` : cypher`${m}`;
  return [cypher`MATCH ${match}`, cypher`WHERE ${r}.retracted IS NULL AND ${m}.retracted IS NULL${extra}`, ...clauses, cypher`WITH ${carried} ORDER BY ${order} LIMIT ${limit}`];
}

const ROLE_HOLDER = RELATIONSHIP_TYPES[HELD_ROLE].from[0];
const dates = (x: Variable, properties: readonly string[]) => join(properties.map((p) => cypher`${x}.${name(p)}`), ', ');

/**
 * Clauses that keep only relationships `r` (to `m`) true on `asOf`, by the dates
 * their sources give (src/domain/dates.ts); none without `asOf`. Dates are
 * partial strings (YYYY, YYYY-MM, YYYY-MM-DD), so a prefix sorts before every
 * date it covers: a start of 2017-04 is on or before 2017-04-24. An end is
 * padded with '~' (after every digit and '-') so a role that ended in 2020 still
 * holds on 2020-06-01. Undated relationships are kept, except a role: without a
 * stated date it is held "as of" the earliest page that states it. A role
 * without an end gives way to a later role, on or before `asOf`, in the same
 * seat (unit, and title as src/domain/roles.ts groups them) at the same
 * organization.
 */
export function trueOn(r: Variable, m: Variable, asOf: string | null): Fragment[] {
  if (asOf === null) return [];
  const date = param(asOf);
  const seats = param(ROLE_SEATS);
  const [holder, since, seat, other, otherSince, otherSeat, page, s, w] = ['holder', 'since', 'seat', 'r', 'since', 'seat', 'page', 'seat', 'word'].map(variable) as [
    Variable, Variable, Variable, Variable, Variable, Variable, Variable, Variable, Variable,
  ];
  const ended = (x: Variable) => cypher`${x}.${name(ENDED_ON)}`;
  const roleSince = (x: Variable) =>
    cypher`coalesce(${dates(x, ROLE_STARTED_ON)}, head(COLLECT { MATCH (${page}:Source) WHERE ${page}.id IN ${x}.sourceIds RETURN toString(${page}.publishedOn) AS d ORDER BY d }))`;
  const title = (x: Variable) => cypher`toLower(coalesce(${x}.title, ''))`;
  const seatOf = (x: Variable) =>
    cypher`coalesce(head([${s} IN ${seats} WHERE any(${w} IN ${s}.words WHERE ${title(x)} CONTAINS ${w}) AND none(${w} IN ${s}.unless WHERE ${title(x)} CONTAINS ${w}) | ${s}.seat]), ${title(x)})`;
  const role = cypher`type(${r}) = ${stringLiteral(HELD_ROLE)}`;
  return [
    cypher`WITH ${r}, ${m}, endNode(${r}) AS ${holder},`,
    cypher`  CASE WHEN ${role} THEN ${roleSince(r)} ELSE coalesce(${dates(r, STARTED_ON)}) END AS ${since},`,
    cypher`  CASE WHEN ${role} THEN ${seatOf(r)} END AS ${seat}`,
    cypher`WHERE coalesce(${since}, '') <= ${date} AND (${ended(r)} IS NULL OR ${ended(r)} + '~' >= ${date})`,
    cypher`  AND NOT (${role} AND ${ended(r)} IS NULL AND EXISTS {`,
    cypher`    MATCH (${holder})<-[${other}:${name(HELD_ROLE)}]-(:${name(ROLE_HOLDER)})`,
    cypher`    WHERE ${other}.retracted IS NULL AND ${other}.id <> ${r}.id AND coalesce(${other}.unit, '') = coalesce(${r}.unit, '')`,
    cypher`    WITH ${other}, ${roleSince(other)} AS ${otherSince}, ${seatOf(other)} AS ${otherSeat}`,
    cypher`    WHERE ${otherSeat} = ${seat} AND ${otherSince} > ${since} AND ${otherSince} <= ${date}`,
    cypher`  })`,
  ];
}

/**
 * A COLLECT subquery of these clauses, one per line. Not indented: a detail read
 * nests ten of these, and the indentation alone would push its statement past
 * the driver's 1,400-byte chunk into one more socket write per request.
 */
function collect(clauses: readonly Fragment[]): Fragment {
  return cypher`COLLECT {\n${lines(clauses)}\n}`;
}

/** A COUNT subquery of these clauses, laid out like `collect`. */
function collectCount(clauses: readonly Fragment[]): Fragment {
  return cypher`COUNT {\n${lines(clauses)}\n}`;
}

function nodesValue(v: Variable, plan: NodesPlan): Fragment {
  const { field } = plan;
  const r = variable('r');
  const m = variable('n');
  const where = field.where ? cypher` AND ${r}.${name(field.where.property)} = ${stringLiteral(field.where.equals)}` : EMPTY;
  const match = relationshipPattern(v, r, m, field);
  const walked = walk(match, r, m, field.one ? 1 : RELATED_CAP, where, trueOn(r, m, plan.asOf), field.types.length === 1, false);
  const body = collect([...walked, cypher`RETURN ${entityProjection(m, plan.entity, true)}`]);
  return field.one ? cypher`head(${body})` : body;
}

function edgesValue(v: Variable, plan: EdgesPlan): Fragment {
  const r = variable('r');
  const m = variable('n');
  const match = relationshipPattern(v, r, m, plan.field);
  // The reader knows the field, hence its direction, its type when it has one, and both ends' labels when single.
  const oneType = plan.field.types.length === 1;
  const walked = walk(match, r, m, RELATED_CAP, EMPTY, trueOn(r, m, plan.asOf), oneType);
  return collect([...walked, cypher`RETURN ${edgeMap(r, null, m, plan, plan.self ? [v, plan.self] : null, { type: !oneType, labels: false })}`]);
}

/** Any model relationship of the entity in one direction or both: the pattern and how to tell its direction. */
function anyRelationship(v: Variable, r: Variable, m: Variable, direction: RelationsPlan['direction']): [match: Fragment, outgoing: Fragment] {
  const rel = cypher`[${r}:${ALL_TYPES}]`;
  if (direction === 'OUTGOING') return [cypher`(${v})-${rel}->(${m}:Entity)`, cypher`true`];
  if (direction === 'INCOMING') return [cypher`(${v})<-${rel}-(${m}:Entity)`, cypher`false`];
  return [cypher`(${v})-${rel}-(${m}:Entity)`, cypher`startNode(${r}) = ${v}`];
}

function relationsValue(v: Variable, plan: RelationsPlan): Fragment {
  const r = variable('r');
  const m = variable('n');
  const [match, outgoing] = anyRelationship(v, r, m, plan.direction);
  const types = param(plan.types);
  const walked = walk(match, r, m, param(plan.first), cypher` AND (${types} IS NULL OR type(${r}) IN ${types})`, trueOn(r, m, plan.asOf));
  return collect([...walked, cypher`RETURN ${edgeMap(r, outgoing, m, plan, null)}`]);
}

/**
 * One page of relationships, keyset-ordered by (type, other end's name,
 * relationship id), one row more than the page to know whether another
 * follows, and the total over all pages when asked: `{page, totalCount}`.
 */
function relationsPageValue(v: Variable, plan: RelationsPagePlan): Fragment {
  const r = variable('r');
  const m = variable('n');
  const [match, outgoing] = anyRelationship(v, r, m, plan.direction);
  const types = param(plan.types);
  const live = cypher`${r}.retracted IS NULL AND ${m}.retracted IS NULL AND (${types} IS NULL OR type(${r}) IN ${types})`;
  const columns = [cypher`type(${r})`, cypher`coalesce(${m}.name, '')`, cypher`${r}.id`].map((expression) => ({ expression, direction: 'ASC' as const }));
  const keyset = plan.after ? cypher` AND (${keysetCondition(columns, param(plan.after))})` : EMPTY;
  const sorted = join(
    columns.map((c) => c.expression),
    ', ',
  );
  // The same date clauses (same parameters) bound the page and the count.
  const onDate = trueOn(r, m, plan.asOf);
  const page = collect([
    cypher`MATCH ${match}`,
    cypher`WHERE ${live}${keyset}`,
    ...onDate,
    cypher`WITH ${r}, ${m} ORDER BY ${sorted} LIMIT ${param(plan.first + 1)}`,
    cypher`RETURN {sort: [${sorted}], edge: ${edgeMap(r, outgoing, m, plan, null)}}`,
  ]);
  const total = !plan.withTotalCount
    ? cypher`null`
    : onDate.length === 0
      ? cypher`COUNT { MATCH ${match} WHERE ${live} }`
      : collectCount([cypher`MATCH ${match}`, cypher`WHERE ${live}`, ...onDate, cypher`RETURN ${r}`]);
  return cypher`{page: ${page}, totalCount: ${total}}`;
}

/**
 * A relationship as RelatedRecord rows carry it: id, type, direction, properties,
 * the other end, and optionally citations and the reading end again. What the
 * reader knows from the model is left out: `outgoing` null, `carry.type` false,
 * `carry.labels` false (see entityProjection).
 */
function edgeMap(
  r: Variable,
  outgoing: Fragment | null,
  m: Variable,
  plan: { entity: EntityPlan; relationship: RelationshipPlan; citations: CitationPlan | null },
  self: [Variable, EntityPlan] | null,
  carry: { type: boolean; labels: boolean } = { type: true, labels: true },
): Fragment {
  const parts = [
    cypher`id: ${r}.id`,
    ...(carry.type ? [cypher`type: type(${r})`] : []),
    ...(outgoing === null ? [] : [cypher`outgoing: ${outgoing}`]),
    cypher`props: ${propertyMap(r, plan.relationship.properties)}`,
    cypher`node: ${entityProjection(m, plan.entity, !carry.labels)}`,
  ];
  if (plan.citations) parts.push(cypher`citations: ${relationshipCitations(r, plan.citations)}`);
  if (self) parts.push(cypher`self: ${entityProjection(self[0], self[1], !carry.labels)}`);
  return cypher`{${join(parts, ', ')}}`;
}

/** `{id, props[, statementCount]}` for the source in variable `s`. */
export function sourceProjection(s: Variable, statementCount: boolean): Fragment {
  if (!statementCount) return cypher`{id: ${s}.id, props: properties(${s})}`;
  const x = variable('x');
  return cypher`{id: ${s}.id, props: properties(${s}), statementCount: COUNT { (:Entity)-[:STATED_IN]->(${s}) } + COUNT { MATCH ()-[${x}]->() WHERE ${s}.id IN ${x}.sourceIds }}`;
}

/** The entity's STATED_IN citations with their sources, oldest source first. */
function entityCitations(v: Variable, plan: CitationPlan): Fragment {
  const c = variable('c');
  const s = variable('s');
  return collect([
    cypher`MATCH (${v})-[${c}:STATED_IN]->(${s}:Source)`,
    cypher`WITH ${c}, ${s} ORDER BY ${s}.publishedOn, ${s}.id`,
    cypher`RETURN {sourceId: ${s}.id, evidence: ${c}.evidence, source: ${sourceProjection(s, plan.statementCount)}}`,
  ]);
}

/** A relationship's citations, kept on it as the parallel lists sourceIds / evidence, with their sources, in stated order. */
function relationshipCitations(r: Variable, plan: CitationPlan): Fragment {
  const i = variable('i');
  const s = variable('s');
  return collect([
    cypher`UNWIND range(0, size(coalesce(${r}.sourceIds, [])) - 1) AS ${i}`,
    cypher`MATCH (${s}:Source {id: ${r}.sourceIds[${i}]})`,
    cypher`WITH ${i}, ${s} ORDER BY ${i}`,
    cypher`RETURN {sourceId: ${s}.id, evidence: ${r}.evidence[${i}], source: ${sourceProjection(s, plan.statementCount)}}`,
  ]);
}

/** A Revision's properties a history page reads. */
const REVISION_PROPERTIES = ['targetId', 'targetKind', 'version', 'created', 'fields', 'changeId'];

/** A Change's instants, read as text (src/modules/changes/records.ts instantText): the driver decodes a DateTime slowly. */
const CHANGE_INSTANTS: ReadonlySet<string> = new Set(['at', 'reviewedAt', 'appliedAt', 'statusAt', 'rebasedAt']);


/**
 * One page of the entity's history and one row more, newest first, each
 * `{revision, change[, source]}` (the change null when it is missing, the source
 * null when it has none): the revisions are read from the (targetId, version)
 * index in index order (ORDER BY both keys), so only the page's are read, as
 * changes/history.cypher reads them for a relationship. Of each change only the
 * properties its selected fields need, its instants as text (datetimes cost the driver most to decode).
 */
function historyValue(v: Variable, plan: HistoryPlan): Fragment {
  const h = variable('h');
  const c = variable('c');
  const s = variable('s');
  const source =
    plan.source === 'none'
      ? EMPTY
      : cypher`, source: head(COLLECT { MATCH (${s}:Source {id: ${c}.sourceId}) RETURN ${plan.source === 'id' ? cypher`{id: ${s}.id, props: {}}` : sourceProjection(s, false)} })`;
  return collect([
    cypher`MATCH (${h}:Revision)`,
    cypher`WHERE ${h}.targetId = ${v}.id AND ${h}.version < ${param(plan.beforeVersion ?? Number.MAX_SAFE_INTEGER)}`,
    cypher`WITH ${h} ORDER BY ${h}.targetId DESC, ${h}.version DESC LIMIT ${param(plan.first + 1)}`,
    cypher`OPTIONAL MATCH (${c}:Change {id: ${h}.changeId})`,
    cypher`RETURN {revision: ${propertyMap(h, REVISION_PROPERTIES)}, change: ${propertyMap(c, plan.change, CHANGE_INSTANTS)}${source}}`,
  ]);
}
