import { RELATION_FIELDS, SCALAR_FIELDS, targetLabels, type RelationField, type ScalarField } from '../domain/entityTypes';
import type { EntityLabel } from '../domain/model';
import { BadUserInputError } from '../errors';
import { own } from '../domain/lookup';
import { compiled, cypher, EMPTY, fixedVariable, indent, join, lines, name, namedParam, stringLiteral, variable, type CompiledQuery, type Fragment, type Variable } from './cypher';
import { relationshipPattern } from './emit';
import { matchClauses, type Anchor } from './anchor';

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
  const n = fixedVariable('n');
  const match = matchClauses(n, read.label, read.where, read.anchor ?? null).clauses;
  const hops: Fragment[] = [];
  const keys = read.groupBy.map((key, i) => keyExpression(n, read.label, key, `groupBy.${i}`, hops));
  const distinct = read.measures.countDistinct ? keyExpression(n, read.label, read.measures.countDistinct, 'measures.countDistinct', hops) : null;
  const extreme = (measure: 'min' | 'max') => {
    const field = read.measures[measure];
    if (!field) return cypher`null`;
    const property = cypher`${n}.${name(scalarField(read.label, field, `measures.${measure}`).property)}`;
    return measure === 'min' ? cypher`min(${property})` : cypher`max(${property})`;
  };
  const keyColumns = keys.map((_, i) => fixedVariable(`k${i}`));
  const d = fixedVariable('d');
  const carried = [...keys.map((expression, i) => cypher`${expression} AS ${keyColumns[i]!}`), ...(distinct ? [cypher`${distinct} AS ${d}`] : [])];
  const group = [
    ...match,
    ...hops,
    cypher`WITH ${n}, ${carried.length ? join(carried, ', ') : cypher`null AS none`}`,
    cypher`WITH ${join([...keyColumns, cypher`count(DISTINCT ${n}) AS count`, cypher`${distinct ? cypher`count(DISTINCT ${d})` : cypher`null`} AS countDistinct`, cypher`${extreme('min')} AS min`, cypher`${extreme('max')} AS max`], ', ')}`,
    cypher`ORDER BY ${join([cypher`count DESC`, ...keyColumns], ', ')}`,
    cypher`LIMIT ${namedParam('limit', read.first + 1)}`,
    cypher`RETURN collect({key: [${join(keyColumns, ', ')}], count: count, countDistinct: countDistinct, min: min, max: max}) AS groups`,
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

function scalarField(label: EntityLabel, field: string, path: string): ScalarField {
  const scalar = own(SCALAR_FIELDS[label], field);
  if (!scalar) throw new BadUserInputError(`Invalid argument ${path}: ${label} has no field ${field} to group or measure by`, path);
  return scalar;
}

/**
 * The expression of one key, over `n`, or over the related entity of a hop
 * (whose OPTIONAL MATCH is appended to `hops`: one row per related entity, or
 * one with nulls when there is none).
 */
function keyExpression(n: Variable, label: EntityLabel, key: GroupKey, path: string, hops: Fragment[]): Fragment {
  if (!key.via) return bucketed(cypher`${n}.${name(scalarField(label, key.field, `${path}.field`).property)}`, key, path);
  const relation: RelationField | undefined = own(RELATION_FIELDS[label], key.via);
  if (!relation) throw new BadUserInputError(`Invalid argument ${path}.via: ${label} has no relationship field ${key.via}`, `${path}.via`);
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
