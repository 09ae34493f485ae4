import { RELATION_FIELDS, SCALAR_FIELDS, targetLabels, type RelationField, type ScalarField } from '../domain/entityTypes';
import type { EntityLabel } from '../domain/model';
import { BadUserInputError } from '../errors';
import { own } from '../domain/lookup';
import { compiled, cypher, EMPTY, fixedVariable, indent, join, lines, name, namedParam, stringLiteral, variable, type CompiledQuery, type Fragment, type Variable } from './cypher';
import { relationshipPattern } from './emit';
import { matchClauses, type Anchor } from './anchor';
import { wherePredicate } from './where';

/** One grouping key: a scalar field of the entity, or of the entities one relationship field away; dates optionally bucketed. */
export interface GroupKey {
  field: string;
  bucket?: 'YEAR' | 'QUARTER' | 'MONTH' | null;
  via?: string | null;
}

export interface AggregateRead {
  label: EntityLabel;
  where: Record<string, unknown> | null;
  groupBy: readonly GroupKey[];
  measures: { countDistinct?: GroupKey | null; min?: string | null; max?: string | null };
  /** Most groups returned; one more is fetched to know whether there were more. */
  first: number;
  /** Where the matches start (src/translate/anchor.ts); null or absent: a scan of the label. */
  anchor?: Anchor | null;
  /** 'scan' keeps the one-pass plan (an OPTIONAL MATCH per entity) even where the hop-side plan applies (hopSidePlan); default 'auto'. */
  plan?: 'auto' | 'scan';
}

/** Most groups one aggregate may return: what the request's cost is bounded by. */
export const MAX_GROUPS = 1000;

/**
 * A grouped aggregate over the entities of a label that match `where`: one row
 * with `groups` (each `{key, count, countDistinct, min, max}`, largest first)
 * and `totalCount` (entities matched before grouping). A key one relationship
 * hop away puts an entity in one group per related entity (none: a null key),
 * so group counts add up to totalCount only for keys on the entity itself.
 */
export function compileAggregate(read: AggregateRead): CompiledQuery {
  const hop = read.plan === 'scan' ? null : hopSide(read);
  if (hop) return compileHopSide(read, hop);
  const n = fixedVariable('n');
  const match = matchClauses(n, read.label, read.where, read.anchor ?? null).clauses;
  const hops: Fragment[] = [];
  const disputedBy: Fragment[] = [];
  const keys = read.groupBy.map((key, i) => keyExpression(n, read.label, key, `groupBy.${i}`, hops, disputedBy));
  const distinct = read.measures.countDistinct ? keyExpression(n, read.label, read.measures.countDistinct, 'measures.countDistinct', hops, []) : null;
  const extreme = (measure: 'min' | 'max') => {
    const field = read.measures[measure];
    if (!field) return cypher`null`;
    const property = cypher`${n}.${name(scalarField(read.label, field, `measures.${measure}`).property)}`;
    return measure === 'min' ? cypher`min(${property})` : cypher`max(${property})`;
  };
  const keyColumns = keys.map((_, i) => fixedVariable(`k${i}`));
  const d = fixedVariable('d');
  const disputed = fixedVariable('disputed');
  const carried = [
    ...keys.map((expression, i) => cypher`${expression} AS ${keyColumns[i]!}`),
    ...(distinct ? [cypher`${distinct} AS ${d}`] : []),
    ...(disputedBy.length ? [cypher`(${join(disputedBy, ' OR ')}) AS ${disputed}`] : []),
  ];
  const group = [
    ...match,
    ...hops,
    cypher`WITH ${n}, ${carried.length ? join(carried, ', ') : cypher`null AS none`}`,
    cypher`WITH ${join([...keyColumns, cypher`count(DISTINCT ${n}) AS count`, cypher`${distinct ? cypher`count(DISTINCT ${d})` : cypher`null`} AS countDistinct`, cypher`${extreme('min')} AS min`, cypher`${extreme('max')} AS max`, cypher`${disputedBy.length ? cypher`count(DISTINCT CASE WHEN ${disputed} THEN ${n} END)` : cypher`null`} AS disputed`], ', ')}`,
    cypher`ORDER BY ${join([cypher`count DESC`, ...keyColumns], ', ')}`,
    cypher`LIMIT ${namedParam('limit', read.first + 1)}`,
    cypher`RETURN collect({key: [${join(keyColumns, ', ')}], count: count, countDistinct: countDistinct, min: min, max: max, disputed: disputed}) AS groups`,
  ];
  const statement = lines([
    cypher`CALL () {`,
    indent(lines([...match, cypher`RETURN count(${n}) AS totalCount`])),
    cypher`}`,
    cypher`CALL () {`,
    indent(lines(group)),
    cypher`}`,
    cypher`RETURN groups, totalCount`,
  ]);
  return compiled(`${read.label.toLowerCase()}Aggregate`, statement);
}

/**
 * The group-by field that places an entity by the earliest date any page states
 * for it: its own dates (signed, announced, effective …), the values its claims
 * give for them, and the publication dates of the pages that state it.
 */
export const EARLIEST_DATE_FIELD = 'earliestDate';

const dateProperties = (label: EntityLabel): string[] =>
  Object.values(SCALAR_FIELDS[label])
    .filter((field) => field.kind === 'date')
    .map((field) => field.property);

function scalarField(label: EntityLabel, field: string, path: string): ScalarField {
  const scalar = own(SCALAR_FIELDS[label], field);
  if (!scalar) {
    const valid = [...Object.keys(SCALAR_FIELDS[label]), ...(path.startsWith('groupBy') && dateProperties(label).length ? [EARLIEST_DATE_FIELD] : [])].sort();
    throw new BadUserInputError(`Invalid argument ${path}: ${label} has no field ${field} to group or measure by; use one of ${valid.join(', ')}`, path, { validFields: valid });
  }
  return scalar;
}

/**
 * The expression of one key, over `n`, or over the related entity of a hop
 * (whose OPTIONAL MATCH is appended to `hops`: one row per related entity, or
 * one with nulls when there is none).
 */
function keyExpression(n: Variable, label: EntityLabel, key: GroupKey, path: string, hops: Fragment[], disputedBy: Fragment[]): Fragment {
  if (!key.via) {
    if (key.field === EARLIEST_DATE_FIELD && path.startsWith('groupBy') && dateProperties(label).length) {
      const properties = dateProperties(label);
      disputedBy.push(...properties.map((property) => disputedDate(n, property)));
      return bucketed(earliestStated(n, properties), key, path);
    }
    const scalar = scalarField(label, key.field, `${path}.field`);
    if (scalar.kind !== 'date') return bucketed(cypher`${n}.${name(scalar.property)}`, key, path);
    // A date the sources dispute is stored as claims only: the earliest claimed value places the entity, and the group counts it as disputed.
    disputedBy.push(disputedDate(n, scalar.property));
    const claimed = cypher`COLLECT { ${claimsOn(n, [scalar.property])} RETURN toString(c.value) AS v ORDER BY v LIMIT 1 }[0]`;
    return bucketed(cypher`coalesce(${n}.${name(scalar.property)}, ${claimed})`, key, path);
  }
  const relation: RelationField | undefined = own(RELATION_FIELDS[label], key.via);
  if (!relation) {
    const valid = Object.keys(RELATION_FIELDS[label]).sort();
    throw new BadUserInputError(`Invalid argument ${path}.via: ${label} has no relationship field ${key.via}; use one of ${valid.join(', ')}`, `${path}.via`, { validFields: valid });
  }
  const targets = targetLabels(relation);
  if (targets.length !== 1) throw new BadUserInputError(`Invalid argument ${path}.via: ${key.via} lists entities of several types; group on a field with one`, `${path}.via`);
  const r = variable('r');
  const m = variable('m');
  const role = relation.kind === 'nodes' && relation.where ? cypher` AND ${r}.${name(relation.where.property)} = ${stringLiteral(relation.where.equals)}` : EMPTY;
  const value = bucketed(cypher`${m}.${name(scalarField(targets[0]!, key.field, `${path}.field`).property)}`, key, path);
  hops.push(cypher`OPTIONAL MATCH ${relationshipPattern(n, r, m, relation)}`, cypher`WHERE ${r}.retracted IS NULL AND ${m}.retracted IS NULL${role}`);
  return value;
}

/** A date (ISO text, possibly only YYYY or YYYY-MM) cut to its year, quarter (YYYY-Qn) or month; null when too coarse. */
function bucketed(expression: Fragment, key: GroupKey, path: string): Fragment {
  if (!key.bucket) return expression;
  if (key.bucket === 'YEAR') return cypher`CASE WHEN size(${expression}) >= 4 THEN substring(${expression}, 0, 4) END`;
  if (key.bucket === 'MONTH') return cypher`CASE WHEN size(${expression}) >= 7 THEN substring(${expression}, 0, 7) END`;
  if (key.bucket === 'QUARTER') {
    return cypher`CASE WHEN size(${expression}) >= 7 THEN substring(${expression}, 0, 4) + '-Q' + toString((toInteger(substring(${expression}, 5, 2)) + 2) / 3) END`;
  }
  throw new BadUserInputError(`Invalid argument ${path}.bucket`, `${path}.bucket`);
}

/** Whether `n`'s date `property` is known only from claims (the sources disagree on it, so no single value is stored). */
const disputedDate = (n: Variable, property: string): Fragment => cypher`(${n}.${name(property)} IS NULL AND EXISTS { ${claimsOn(n, [property])} })`;

/** MATCH of the live claims about `n` itself (not its relationships) on one of `properties`, as `c`. */
function claimsOn(n: Variable, properties: readonly string[]): Fragment {
  const list = join(properties.map(stringLiteral), ', ');
  return cypher`MATCH (c:Claim)-[:ABOUT]->(${n}) WHERE c.property IN [${list}] AND c.retracted IS NULL AND c.subjectRelationshipId IS NULL`;
}

/** The earliest of `n`'s own dates, the values its claims give for them and its pages' publication dates (ISO text compares in date order, a coarser date first). */
function earliestStated(n: Variable, properties: readonly string[]): Fragment {
  const own = join(properties.map((property) => cypher`${n}.${name(property)}`), ', ');
  const stated = cypher`[x IN [${own}] + COLLECT { ${claimsOn(n, properties)} RETURN toString(c.value) } + COLLECT { MATCH (${n})-[:STATED_IN]->(s:Source) WHERE s.publishedOn IS NOT NULL RETURN toString(s.publishedOn) } WHERE x IS NOT NULL | toString(x)]`;
  return cypher`reduce(e = null, x IN ${stated} | CASE WHEN e IS NULL OR x < e THEN x ELSE e END)`;
}

/** The one key across a hop that the hop-side plan groups by, with its position among the keys. */
export interface HopKey {
  index: number;
  field: RelationField;
  target: EntityLabel;
}

/**
 * When the hop-side plan applies: exactly one key goes across a hop, by the
 * related entity's `id` (required, so a null key means "no related entity"
 * only), over a relationship field with one target label; no measures. Other
 * keys are fields of the entity itself.
 */
export function hopSide(read: AggregateRead): HopKey | null {
  const { countDistinct, min, max } = read.measures;
  if (countDistinct || min || max) return null;
  // Date keys count disputed dates, which only the one-pass plan does.
  if (read.groupBy.some((key) => !key.via && (key.field === EARLIEST_DATE_FIELD || own(SCALAR_FIELDS[read.label], key.field)?.kind === 'date'))) return null;
  const via = read.groupBy.flatMap((key, index) => (key.via ? [{ key, index }] : []));
  if (via.length !== 1 || via[0]!.key.field !== 'id' || via[0]!.key.bucket) return null;
  const field: RelationField | undefined = own(RELATION_FIELDS[read.label], via[0]!.key.via!);
  if (!field || field.kind !== 'nodes') return null;
  const targets = targetLabels(field);
  return targets.length === 1 ? { index: via[0]!.index, field, target: targets[0]! } : null;
}

/**
 * The grouped count across a hop, from the hop's side. The one-pass plan walks
 * every entity and, for each, every relationship it has (a sparse node keeps
 * one chain of all its types) to find the few of the key's type. Here:
 *
 * 1. one pass over the entities that match counts them per value of their own
 *    keys (`live`); the total is the sum;
 * 2. one pass from the related entities (few, dense: Neo4j reads only the
 *    relationship group of the key's type) over their live relationships to
 *    matching entities gives, per (own keys, related id), the distinct entities;
 * 3. per value of the own keys, the entities with no related entity at all
 *    (the null key of the OPTIONAL MATCH) are `live` less the distinct entities
 *    of step 2 under it.
 *
 * Groups, their order (count descending, then the keys) and the cut are the
 * one-pass plan's; test/analystPlans.test.ts compares the two. The entities of
 * step 2 are kept as internal ids (id(), deprecated in Neo4j 5 for identity
 * across transactions, which this is not): a number each, a fraction of a node
 * value's memory, so ten of these at once stay within the transaction memory pool.
 */
function compileHopSide(read: AggregateRead, hop: HopKey): CompiledQuery {
  const n = fixedVariable('n');
  const m = fixedVariable('m');
  const r = variable('r');
  const own = read.groupBy.map((key, i) => ({ key, i })).filter(({ i }) => i !== hop.index);
  const ownColumns = own.map(({ i }) => fixedVariable(`k${i}`));
  const ownExpressions = own.map(({ key, i }) => keyExpression(n, read.label, key, `groupBy.${i}`, [], []));
  const hopColumn = fixedVariable(`k${hop.index}`);
  const allColumns = read.groupBy.map((_, i) => fixedVariable(`k${i}`));
  const [live, ns, withHop, count, bases, groupsOfHop, covered, total] = ['live', 'ns', 'withHop', 'count', 'bases', 'hop', 'covered', 'totalCount'].map(fixedVariable) as Variable[] as [
    Variable, Variable, Variable, Variable, Variable, Variable, Variable, Variable,
  ];
  const b = fixedVariable('b');
  const g = fixedVariable('g');
  const ownCarried = (prefix: Variable) => own.map(({ i }, j) => cypher`${prefix}.${name(`k${i}`)} AS ${ownColumns[j]!}`);
  const ownMap = own.map(({ i }, j) => cypher`${name(`k${i}`)}: ${ownColumns[j]!}`);
  const withColumns = (extra: Fragment[]) => join([...ownColumns, ...extra], ', ');
  const { predicate } = wherePredicate(n, read.label, read.where);
  const role = hop.field.kind === 'nodes' && hop.field.where ? cypher` AND ${r}.${name(hop.field.where.property)} = ${stringLiteral(hop.field.where.equals)}` : EMPTY;
  const entityPass = lines([
    ...matchClauses(n, read.label, read.where, read.anchor ?? null).clauses,
    cypher`WITH ${join([...ownExpressions.map((e, j) => cypher`${e} AS ${ownColumns[j]!}`), cypher`count(${n}) AS ${live}`], ', ')}`,
    cypher`RETURN collect({${join([...ownMap, cypher`live: ${live}`], ', ')}}) AS ${bases}`,
  ]);
  const hopPass = lines([
    cypher`MATCH (${m}:${name(hop.target)})`,
    cypher`WHERE ${m}.retracted IS NULL`,
    cypher`MATCH ${relationshipPattern(n, r, m, hop.field)}`,
    cypher`WHERE ${n}:${name(read.label)} AND ${r}.retracted IS NULL${role} AND ${n}.retracted IS NULL${predicate ? cypher` AND ${predicate}` : EMPTY}`,
    cypher`WITH ${join([...ownExpressions.map((e, j) => cypher`${e} AS ${ownColumns[j]!}`), cypher`${m}.id AS ${hopColumn}`, cypher`collect(DISTINCT id(${n})) AS ${ns}`], ', ')}`,
    cypher`RETURN collect({${join([...ownMap, cypher`hop: ${hopColumn}`, cypher`ns: ${ns}`], ', ')}}) AS ${groupsOfHop}`,
  ]);
  const coveredPass = lines([
    cypher`UNWIND ${groupsOfHop} AS ${g}`,
    cypher`UNWIND ${g}.ns AS ${n}`,
    cypher`WITH ${join([...ownCarried(g), n], ', ')}`,
    cypher`WITH ${withColumns([cypher`count(DISTINCT ${n}) AS ${withHop}`])}`,
    cypher`RETURN collect({${join([...ownMap, cypher`withHop: ${withHop}`], ', ')}}) AS ${covered}`,
  ]);
  // Per own key, the entities with no related entity (the null key): live less those under some related entity.
  const coveredOf = (b: Variable) => {
    const c = fixedVariable('c');
    // Keys compare as grouping does: a null key equals a null key.
    const same = own.length
      ? join(own.map(({ i }) => cypher`(${c}.${name(`k${i}`)} = ${b}.${name(`k${i}`)} OR (${c}.${name(`k${i}`)} IS NULL AND ${b}.${name(`k${i}`)} IS NULL))`), ' AND ')
      : cypher`true`;
    return cypher`coalesce([${c} IN ${covered} WHERE ${same} | ${c}.withHop][0], 0)`;
  };
  const key = (prefix: Variable, hopValue: Fragment) => read.groupBy.map((_, i) => (i === hop.index ? cypher`${name(`k${i}`)}: ${hopValue}` : cypher`${name(`k${i}`)}: ${prefix}.${name(`k${i}`)}`));
  const row = fixedVariable('row');
  const x = fixedVariable('x');
  const rows = cypher`[${g} IN ${groupsOfHop} | {${join([...key(g, cypher`${g}.hop`), cypher`count: size(${g}.ns)`], ', ')}}] + [${b} IN ${bases} | {${join([...key(b, cypher`null`), cypher`count: ${b}.live - ${coveredOf(b)}`], ', ')}}]`;
  const computed = lines([
    cypher`CALL () {`,
    indent(entityPass),
    cypher`}`,
    cypher`CALL () {`,
    indent(hopPass),
    cypher`}`,
    cypher`CALL (${groupsOfHop}) {`,
    indent(coveredPass),
    cypher`}`,
    cypher`UNWIND ${rows} AS ${row}`,
    cypher`RETURN ${join([...allColumns.map((column, i) => cypher`${row}.${name(`k${i}`)} AS ${column}`), cypher`${row}.count AS ${count}`, cypher`reduce(t = 0, ${x} IN ${bases} | t + ${x}.live) AS ${total}`], ', ')}`,
  ]);
  // The UNION's empty branch is a fence: a UNION passes on only its columns, so the lists of
  // entity ids above (megabytes) do not ride along with each row the ORDER BY … LIMIT keeps.
  // Neo4j counts every kept row's values against the transaction memory pool, so without it
  // a thousand groups counted the lists a thousand times (1.4 GiB at 100,000 organizations).
  const fence = lines([
    cypher`UNWIND [] AS ${row}`,
    cypher`RETURN ${join([...allColumns.map((column) => cypher`null AS ${column}`), cypher`0 AS ${count}`, cypher`0 AS ${total}`], ', ')}`,
  ]);
  const statement = lines([
    cypher`CALL () {`,
    indent(lines([computed, cypher`UNION ALL`, fence])),
    cypher`}`,
    cypher`WITH ${join([...allColumns, count, total], ', ')}`,
    cypher`WHERE ${count} > 0`,
    cypher`ORDER BY ${join([cypher`${count} DESC`, ...allColumns], ', ')}`,
    cypher`LIMIT ${namedParam('limit', read.first + 1)}`,
    cypher`RETURN collect({key: [${join(allColumns, ', ')}], count: ${count}, countDistinct: null, min: null, max: null, disputed: null}) AS groups, coalesce(max(${total}), 0) AS ${total}`,
  ]);
  return compiled(`${read.label.toLowerCase()}Aggregate`, statement);
}

/**
 * The statements a maintained view of a hop-side aggregate reads
 * (src/modules/aggregate/maintained.ts). An entity's contribution is its own
 * keys (`own`, in groupBy order without the hop key) and the distinct ids of its
 * live related entities over the hop (`hops`); an entity that is retracted or
 * does not match `where` contributes nothing. Each is the same condition as
 * compileHopSide's passes, so counts built from contributions are its groups.
 */
export interface ContributionQueries {
  /** Every matching entity, by own keys: `own`, `ids`. */
  entities: CompiledQuery;
  /** Per live related entity: `hop` (its id) and `ids`, the distinct matching entities over live relationships. */
  hops: CompiledQuery;
  /** The contributions of the entities with the given ids (`$ids`): `id`, `matches`, `own`, `hops`. */
  of: (ids: readonly string[]) => CompiledQuery;
}

/** The contribution statements of a read the hop-side plan answers (hopSide(read) is `hop`). */
export function contributionQueries(read: AggregateRead, hop: HopKey): ContributionQueries {
  const n = fixedVariable('n');
  const m = fixedVariable('m');
  const r = fixedVariable('r');
  const own = read.groupBy.map((key, i) => ({ key, i })).filter(({ i }) => i !== hop.index);
  const ownList = cypher`[${join(own.map(({ key, i }) => keyExpression(n, read.label, key, `groupBy.${i}`, [], [])), ', ')}]`;
  const { predicate } = wherePredicate(n, read.label, read.where);
  const matching = predicate ? cypher` AND ${predicate}` : EMPTY;
  const role = hop.field.kind === 'nodes' && hop.field.where ? cypher` AND ${r}.${name(hop.field.where.property)} = ${stringLiteral(hop.field.where.equals)}` : EMPTY;
  const prefix = `${read.label.toLowerCase()}Contributions`;
  // Grouped by the own keys: a few rows of id lists rather than a row per entity, which the driver would hold as an object each.
  const ownKeys = fixedVariable('own');
  const entities = lines([cypher`MATCH (${n}:${name(read.label)})`, cypher`WHERE ${n}.retracted IS NULL${matching}`, cypher`WITH ${ownList} AS ${ownKeys}, collect(${n}.id) AS ids`, cypher`RETURN ${ownKeys} AS own, ids`]);
  const hops = lines([
    cypher`MATCH (${m}:${name(hop.target)})`,
    cypher`WHERE ${m}.retracted IS NULL`,
    cypher`MATCH ${relationshipPattern(n, r, m, hop.field)}`,
    cypher`WHERE ${n}:${name(read.label)} AND ${r}.retracted IS NULL${role} AND ${n}.retracted IS NULL${matching}`,
    cypher`RETURN ${m}.id AS hop, collect(DISTINCT ${n}.id) AS ids`,
  ]);
  const id = fixedVariable('id');
  const of = (ids: readonly string[]) =>
    compiled(
      `${prefix}Of`,
      lines([
        cypher`UNWIND ${namedParam('ids', [...ids])} AS ${id}`,
        cypher`OPTIONAL MATCH (${n}:${name(read.label)} {id: ${id}})`,
        cypher`WHERE ${n}.retracted IS NULL${matching}`,
        cypher`RETURN ${id} AS id, ${n} IS NOT NULL AS matches, ${ownList} AS own,`,
        indent(cypher`COLLECT { MATCH ${relationshipPattern(n, r, m, hop.field)} WHERE ${r}.retracted IS NULL${role} AND ${m}.retracted IS NULL RETURN DISTINCT ${m}.id } AS hops`),
      ]),
    );
  return { entities: compiled(`${prefix}All`, entities), hops: compiled(`${prefix}Hops`, hops), of };
}
