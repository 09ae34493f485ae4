import { EDGE_TYPES, RELATION_FIELDS, SCALAR_FIELDS, targetLabels, type EdgeField, type RelationField, type ScalarField } from '../domain/entityTypes';
import { ENTITY_LABELS, type EntityLabel } from '../domain/model';
import { BadUserInputError } from '../errors';
import { own } from '../domain/lookup';
import { CypherBuilder, identifier, relationshipPattern } from './emit';

/**
 * Compiles a `where` input (the analyst query language: AND/OR/NOT, string,
 * date, number and boolean conditions, facts by name, and some/none/all/count
 * over relationship fields) into one Cypher predicate over a variable. Values
 * only ever become parameters; field names are looked up in the domain model,
 * so an unknown one is an error, never text. The text depends only on which
 * conditions the input uses (its shape), so one dashboard question keeps one
 * plan.
 */

/** Largest `where` a request may send: nesting depth and number of conditions. */
export const WHERE_LIMITS = { depth: 12, conditions: 60 } as const;

type Where = Record<string, unknown>;

interface Walk {
  b: CypherBuilder;
  conditions: number;
}

const COMMON_SCALARS: Record<string, ScalarField> = {
  id: { property: 'id', kind: 'string' },
  name: { property: 'name', kind: 'string' },
  kind: { property: 'kind', kind: 'string' },
  description: { property: 'description', kind: 'string' },
};

const RANGE_OPERATORS: Record<string, string> = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' };

/**
 * The predicate that `where` states about the entity in variable `v`, which
 * has `label` (null: any entity, only the Entity fields apply). `path` names the
 * argument for errors (e.g. "where"). Returns "true" for an empty input.
 */
export function wherePredicate(v: string, label: EntityLabel | null, where: Where | null | undefined, b: CypherBuilder, path = 'where'): string {
  return entityWhere(v, label, where ?? {}, { b, conditions: 0 }, path, 1, false);
}

/** `negated`: the condition stands under an odd number of NOTs, where a missing value must count as false explicitly. */
function entityWhere(v: string, label: EntityLabel | null, where: Where, walk: Walk, path: string, depth: number, negated: boolean): string {
  if (depth > WHERE_LIMITS.depth) throw new BadUserInputError(`Invalid argument ${path}: nested deeper than ${WHERE_LIMITS.depth} levels`, path);
  const parts: string[] = [];
  for (const [key, value] of Object.entries(where)) {
    if (value === null || value === undefined) continue;
    const at = `${path}.${key}`;
    const combined = combinator(key, value, at, negated, (w, p, n) => entityWhere(v, label, w, walk, p, depth + 1, n));
    if (combined !== null) {
      parts.push(combined);
      continue;
    }
    count(walk, at);
    if (key === 'type' && label === null) {
      const labels = (value as string[]).map((t) => ENTITY_LABELS.find((l) => l.toUpperCase() === t)!);
      parts.push(`any(l IN labels(${v}) WHERE l IN ${walk.b.param(labels)})`);
      continue;
    }
    if (key === 'facts') {
      parts.push(...(value as Where[]).map((fact, i) => factCondition(v, fact, walk.b, `${at}.${i}`, negated)));
      continue;
    }
    const scalar = label ? own(SCALAR_FIELDS[label], key) : own(COMMON_SCALARS, key);
    if (scalar) {
      parts.push(scalarCondition(`${v}.${identifier(scalar.property)}`, scalar.kind, value, walk.b, negated));
      continue;
    }
    const relation = label ? own(RELATION_FIELDS[label], key) : undefined;
    if (!relation) throw new BadUserInputError(`Invalid argument ${at}: not a field of ${label ?? 'Entity'}`, at);
    parts.push(listCondition(v, relation, value as Where, walk, at, depth, negated));
  }
  return conjunction(parts);
}

/** AND / OR / NOT of nested inputs; null when `key` is not a combinator. */
function combinator(key: string, value: unknown, path: string, negated: boolean, inner: (where: Where, path: string, negated: boolean) => string): string | null {
  if (key === 'AND') return conjunction((value as Where[]).map((w, i) => inner(w, `${path}.${i}`, negated)));
  if (key === 'OR') {
    const parts = (value as Where[]).map((w, i) => inner(w, `${path}.${i}`, negated));
    return parts.length ? `(${parts.join(' OR ')})` : 'false';
  }
  if (key === 'NOT') return `NOT (${inner(value as Where, path, !negated)})`;
  return null;
}

/** An input GraphQL (or the export's coercion) should have refused: a bug, never Cypher text. */
const fail = (message: string): never => {
  throw new Error(message);
};

const conjunction = (parts: string[]) => (parts.length === 0 ? 'true' : parts.length === 1 ? parts[0]! : `(${parts.join(' AND ')})`);

function count(walk: Walk, path: string): void {
  walk.conditions += 1;
  if (walk.conditions > WHERE_LIMITS.conditions) throw new BadUserInputError(`Invalid argument ${path}: more than ${WHERE_LIMITS.conditions} conditions`, path);
}

/**
 * A StringFilter, DateFilter, FloatFilter or IntFilter (or a plain boolean) on
 * an expression. A missing value satisfies no comparison and its NOT does:
 * conditions are two-valued, as an analyst reads them, not Cypher's
 * three-valued null logic. Outside a NOT a null already filters the row out,
 * so the plain comparison is kept there (the planner can use its index); under
 * a NOT it is coalesced to false.
 */
function scalarCondition(expression: string, kind: ScalarField['kind'] | 'number', filter: unknown, b: CypherBuilder, negated: boolean): string {
  if (kind === 'boolean') return `coalesce(${expression}, false) = ${b.param(filter)}`;
  const twoValued = (comparison: string) => (negated ? `coalesce(${comparison}, false)` : comparison);
  const parts: string[] = [];
  for (const [op, value] of Object.entries(filter as Where)) {
    if (value === null || value === undefined) continue;
    if (op === 'in') parts.push(twoValued(`${expression} IN ${b.param(value)}`));
    else if (op === 'startsWith') parts.push(twoValued(`toLower(${expression}) STARTS WITH toLower(${b.param(value)})`));
    else if (op === 'contains') parts.push(twoValued(`toLower(${expression}) CONTAINS toLower(${b.param(value)})`));
    else parts.push(twoValued(`${expression} ${own(RANGE_OPERATORS, op) ?? fail(`unknown comparison ${op}`)} ${b.param(value)}`));
  }
  return conjunction(parts);
}

/** A FactFilter: the named extra property, compared as a number, a date or text. */
function factCondition(v: string, fact: Where, b: CypherBuilder, path: string, negated: boolean): string {
  const property = `${v}[${b.param(fact.name)}]`;
  const given = (['number', 'date', 'text'] as const).filter((k) => fact[k]);
  if (given.length !== 1) throw new BadUserInputError(`Invalid argument ${path}: give exactly one of number, date and text`, path);
  const kind = given[0]!;
  const typed = kind === 'number' ? `toFloat(${property})` : property;
  return `(${property} IS NOT NULL AND ${scalarCondition(typed, kind === 'text' ? 'string' : kind === 'date' ? 'date' : 'number', fact[kind], b, negated)})`;
}

/** some / none / all / count over the entities (or relationships) a relationship field lists. */
function listCondition(v: string, field: RelationField, filter: Where, walk: Walk, path: string, depth: number, negated: boolean): string {
  const parts: string[] = [];
  for (const [op, value] of Object.entries(filter)) {
    if (value === null || value === undefined) continue;
    const r = walk.b.variable('r');
    const m = walk.b.variable('n');
    const match = relationshipPattern(v, r, m, field);
    const live = `${r}.retracted IS NULL AND ${m}.retracted IS NULL${field.kind === 'nodes' && field.where ? ` AND ${r}.${identifier(field.where.property)} = '${identifier(field.where.equals)}'` : ''}`;
    if (op === 'count') {
      parts.push(scalarCondition(`COUNT { MATCH ${match} WHERE ${live} }`, 'number', value, walk.b, negated));
      continue;
    }
    // some keeps the polarity; none and all put the related condition under one more NOT.
    const inner = relatedWhere(v, r, m, field, value as Where, walk, `${path}.${op}`, depth + 1, op === 'some' ? negated : !negated);
    if (op === 'some') parts.push(`EXISTS { MATCH ${match} WHERE ${live} AND ${inner} }`);
    else if (op === 'none') parts.push(`NOT EXISTS { MATCH ${match} WHERE ${live} AND ${inner} }`);
    else parts.push(`NOT EXISTS { MATCH ${match} WHERE ${live} AND NOT (${inner}) }`);
  }
  return conjunction(parts);
}

/** The condition on one related entity (a node field) or one relationship with its ends (an edge field). */
function relatedWhere(v: string, r: string, m: string, field: RelationField, where: Where, walk: Walk, path: string, depth: number, negated: boolean): string {
  if (field.kind === 'nodes') {
    const targets = targetLabels(field);
    return entityWhere(m, targets.length === 1 ? targets[0]! : null, where, walk, path, depth, negated);
  }
  return edgeWhere(v, r, m, field, where, walk, path, depth, negated);
}

function edgeWhere(v: string, r: string, m: string, field: EdgeField, where: Where, walk: Walk, path: string, depth: number, negated: boolean): string {
  if (depth > WHERE_LIMITS.depth) throw new BadUserInputError(`Invalid argument ${path}: nested deeper than ${WHERE_LIMITS.depth} levels`, path);
  const edge = EDGE_TYPES[field.edge];
  const [selfField, otherField] = field.direction === 'OUT' ? [edge.fromField, edge.toField] : [edge.toField, edge.fromField];
  const otherLabels = targetLabels(field);
  const parts: string[] = [];
  for (const [key, value] of Object.entries(where)) {
    if (value === null || value === undefined) continue;
    const at = `${path}.${key}`;
    const combined = combinator(key, value, at, negated, (w, p, n) => edgeWhere(v, r, m, field, w, walk, p, depth + 1, n));
    if (combined !== null) {
      parts.push(combined);
      continue;
    }
    count(walk, at);
    const property = own(edge.properties as Record<string, string>, key);
    if (property) parts.push(scalarCondition(`${r}.${identifier(property)}`, 'string', value, walk.b, negated));
    else if (key === 'participation') parts.push(`type(${r}) IN ${walk.b.param(value)}`);
    else if (key === otherField) parts.push(entityWhere(m, otherLabels.length === 1 ? otherLabels[0]! : null, value as Where, walk, at, depth + 1, negated));
    else if (key === selfField) parts.push(entityWhere(v, null, value as Where, walk, at, depth + 1, negated));
    else throw new BadUserInputError(`Invalid argument ${at}: not a field of ${field.edge}`, at);
  }
  return conjunction(parts);
}
