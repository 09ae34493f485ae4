import { RELATION_FIELDS, SCALAR_FIELDS, targetLabels, type RelationField, type ScalarField } from '../domain/entityTypes';
import type { EntityLabel } from '../domain/model';
import { BadUserInputError } from '../errors';
import { own } from '../domain/lookup';
import { CypherBuilder, identifier, indentLines, relationshipPattern } from './emit';
import type { CompiledQuery } from './roots';
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
  const b = new CypherBuilder();
  const label = identifier(read.label);
  const where = wherePredicate('n', read.label, read.where, b);
  const match = [`MATCH (n:${label})`, `WHERE n.retracted IS NULL${where === 'true' ? '' : ` AND ${where}`}`];
  const hops: string[] = [];
  const keys = read.groupBy.map((key, i) => keyExpression(read.label, key, `groupBy.${i}`, hops, b));
  const distinct = read.measures.countDistinct ? keyExpression(read.label, read.measures.countDistinct, 'measures.countDistinct', hops, b) : null;
  const extreme = (name: 'min' | 'max') => {
    const field = read.measures[name];
    if (!field) return 'null';
    const scalar = scalarField(read.label, field, `measures.${name}`);
    return `${name}(n.${identifier(scalar.property)})`;
  };
  const keyColumns = keys.map((_, i) => `k${i}`);
  const group = [
    ...match,
    ...hops,
    `WITH n, ${[...keys.map((expression, i) => `${expression} AS k${i}`), ...(distinct ? [`${distinct} AS d`] : [])].join(', ') || 'null AS none'}`,
    `WITH ${[...keyColumns, 'count(DISTINCT n) AS count', `${distinct ? 'count(DISTINCT d)' : 'null'} AS countDistinct`, `${extreme('min')} AS min`, `${extreme('max')} AS max`].join(', ')}`,
    `ORDER BY ${['count DESC', ...keyColumns].join(', ')}`,
    'LIMIT $limit',
    `RETURN collect({key: [${keyColumns.join(', ')}], count: count, countDistinct: countDistinct, min: min, max: max}) AS groups`,
  ];
  const text = [
    'CALL () {',
    indentLines([...match, 'RETURN count(n) AS totalCount'].join('\n')),
    '}',
    'CALL () {',
    indentLines(group.join('\n')),
    '}',
    'RETURN groups, totalCount',
  ].join('\n');
  return { name: `compiled/${read.label.toLowerCase()}Aggregate`, text, params: { ...b.params, limit: read.first + 1 } };
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
function keyExpression(label: EntityLabel, key: GroupKey, path: string, hops: string[], b: CypherBuilder): string {
  if (!key.via) return bucketed(`n.${identifier(scalarField(label, key.field, `${path}.field`).property)}`, key, path);
  const relation: RelationField | undefined = own(RELATION_FIELDS[label], key.via);
  if (!relation) throw new BadUserInputError(`Invalid argument ${path}.via: ${label} has no relationship field ${key.via}`, `${path}.via`);
  const targets = targetLabels(relation);
  if (targets.length !== 1) throw new BadUserInputError(`Invalid argument ${path}.via: ${key.via} lists entities of several types; group on a field with one`, `${path}.via`);
  const r = b.variable('r');
  const m = b.variable('m');
  const role = relation.kind === 'nodes' && relation.where ? ` AND ${r}.${identifier(relation.where.property)} = '${identifier(relation.where.equals)}'` : '';
  const value = bucketed(`${m}.${identifier(scalarField(targets[0]!, key.field, `${path}.field`).property)}`, key, path);
  hops.push(`OPTIONAL MATCH ${relationshipPattern('n', r, m, relation)}`, `WHERE ${r}.retracted IS NULL AND ${m}.retracted IS NULL${role}`);
  return value;
}

/** A date (ISO text, possibly only YYYY or YYYY-MM) cut to its year, quarter (YYYY-Qn) or month; null when too coarse. */
function bucketed(expression: string, key: GroupKey, path: string): string {
  if (!key.bucket) return expression;
  if (key.bucket === 'YEAR') return `CASE WHEN size(${expression}) >= 4 THEN substring(${expression}, 0, 4) END`;
  if (key.bucket === 'MONTH') return `CASE WHEN size(${expression}) >= 7 THEN substring(${expression}, 0, 7) END`;
  if (key.bucket === 'QUARTER') {
    return `CASE WHEN size(${expression}) >= 7 THEN substring(${expression}, 0, 4) + '-Q' + toString((toInteger(substring(${expression}, 5, 2)) + 2) / 3) END`;
  }
  throw new BadUserInputError(`Invalid argument ${path}.bucket`, `${path}.bucket`);
}
