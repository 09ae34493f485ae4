import { EDGE_TYPES, RELATION_FIELDS, SCALAR_FIELDS, targetLabels, type EdgeField, type RelationField, type ScalarField } from '../domain/entityTypes';
import { ENTITY_LABELS, type EntityLabel } from '../domain/model';
import { BadUserInputError } from '../errors';
import { own } from '../domain/lookup';
import { cypher, EMPTY, fixedVariable, join, name, param, render, stringLiteral, variable, type Fragment, type Variable } from './cypher';
import { relationshipPattern } from './emit';

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
  conditions: number;
  /** Whether a condition walks relationships (an EXISTS or COUNT subquery). */
  walksRelationships: boolean;
}

/** A compiled `where`: its predicate (null when it states nothing) and whether it walks relationships. */
export interface WherePredicate {
  predicate: Fragment | null;
  walksRelationships: boolean;
}

const TRUE = cypher`true`;
const FALSE = cypher`false`;

const COMMON_SCALARS: Record<string, ScalarField> = {
  id: { property: 'id', kind: 'string' },
  name: { property: 'name', kind: 'string' },
  kind: { property: 'kind', kind: 'string' },
  description: { property: 'description', kind: 'string' },
};

const RANGE_OPERATORS: Record<string, Fragment> = { eq: cypher`=`, gt: cypher`>`, gte: cypher`>=`, lt: cypher`<`, lte: cypher`<=` };

/**
 * The predicate that `where` states about the entity in variable `v`, which
 * has `label` (null: any entity, only the Entity fields apply). `path` names the
 * argument for errors (e.g. "where"). The predicate is null for an empty input.
 */
export function wherePredicate(v: Variable, label: EntityLabel | null, where: Where | null | undefined, path = 'where'): WherePredicate {
  const walk: Walk = { conditions: 0, walksRelationships: false };
  const predicate = entityWhere(v, label, where ?? {}, walk, path, 1, false);
  return { predicate: predicate === TRUE ? null : predicate, walksRelationships: walk.walksRelationships };
}

/**
 * A `where` over the entity in variable `n`, rendered on its own for a
 * statement written around it (the list export): its text and parameters, or
 * null when it states nothing.
 */
export function renderedWherePredicate(label: EntityLabel, where: Where): { text: string; params: Record<string, unknown> } | null {
  const { predicate } = wherePredicate(fixedVariable('n'), label, where);
  return predicate ? render(predicate) : null;
}

/** `negated`: the condition stands under an odd number of NOTs, where a missing value must count as false explicitly. */
function entityWhere(v: Variable, label: EntityLabel | null, where: Where, walk: Walk, path: string, depth: number, negated: boolean): Fragment {
  if (depth > WHERE_LIMITS.depth) throw new BadUserInputError(`Invalid argument ${path}: nested deeper than ${WHERE_LIMITS.depth} levels`, path);
  const parts: Fragment[] = [];
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
      parts.push(cypher`any(l IN labels(${v}) WHERE l IN ${param(labels)})`);
      continue;
    }
    if (key === 'facts') {
      parts.push(...(value as Where[]).map((fact, i) => factCondition(v, fact, `${at}.${i}`, negated)));
      continue;
    }
    const scalar = label ? own(SCALAR_FIELDS[label], key) : own(COMMON_SCALARS, key);
    if (scalar) {
      parts.push(scalarCondition(cypher`${v}.${name(scalar.property)}`, scalar.kind, value, negated, at));
      continue;
    }
    const relation = label ? own(RELATION_FIELDS[label], key) : undefined;
    if (!relation) throw new BadUserInputError(`Invalid argument ${at}: not a field of ${label ?? 'Entity'}`, at);
    parts.push(listCondition(v, relation, value as Where, walk, at, depth, negated));
  }
  return conjunction(parts);
}

/** AND / OR / NOT of nested inputs; null when `key` is not a combinator. */
function combinator(key: string, value: unknown, path: string, negated: boolean, inner: (where: Where, path: string, negated: boolean) => Fragment): Fragment | null {
  if (key === 'AND') return conjunction((value as Where[]).map((w, i) => inner(w, `${path}.${i}`, negated)));
  if (key === 'OR') {
    const parts = (value as Where[]).map((w, i) => inner(w, `${path}.${i}`, negated));
    return parts.length ? cypher`(${join(parts, ' OR ')})` : FALSE;
  }
  if (key === 'NOT') return cypher`NOT (${inner(value as Where, path, !negated)})`;
  return null;
}

const conjunction = (parts: Fragment[]) => (parts.length === 0 ? TRUE : parts.length === 1 ? parts[0]! : cypher`(${join(parts, ' AND ')})`);

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
function scalarCondition(expression: Fragment, kind: ScalarField['kind'] | 'number', filter: unknown, negated: boolean, path: string): Fragment {
  if (kind === 'boolean') return cypher`coalesce(${expression}, false) = ${param(filter)}`;
  const twoValued = (comparison: Fragment) => (negated ? cypher`coalesce(${comparison}, false)` : comparison);
  const parts: Fragment[] = [];
  for (const [op, value] of Object.entries(filter as Where)) {
    if (value === null || value === undefined) continue;
    if (op === 'in') parts.push(twoValued(cypher`${expression} IN ${param(value)}`));
    else if (op === 'startsWith') parts.push(twoValued(cypher`toLower(${expression}) STARTS WITH toLower(${param(value)})`));
    else if (op === 'contains') parts.push(twoValued(cypher`toLower(${expression}) CONTAINS toLower(${param(value)})`));
    else if (op === 'eq' && kind === 'date' && typeof value === 'string' && value.length < 10) {
      // A year or month names a period: it equals every date stated within it, at any precision.
      parts.push(twoValued(cypher`(${expression} = ${param(value)} OR ${expression} STARTS WITH ${param(`${value}-`)})`));
    } else {
      const operator = own(RANGE_OPERATORS, op);
      if (!operator) throw new BadUserInputError(`Invalid argument ${path}.${op}: not a comparison`, `${path}.${op}`);
      parts.push(twoValued(cypher`${expression} ${operator} ${param(value)}`));
    }
  }
  return conjunction(parts);
}

/** A FactFilter: the named extra property, compared as a number, a date or text. */
function factCondition(v: Variable, fact: Where, path: string, negated: boolean): Fragment {
  const property = cypher`${v}[${param(fact.name)}]`;
  const given = (['number', 'date', 'text'] as const).filter((k) => fact[k]);
  if (given.length !== 1) throw new BadUserInputError(`Invalid argument ${path}: give exactly one of number, date and text`, path);
  const kind = given[0]!;
  const typed = kind === 'number' ? cypher`toFloat(${property})` : property;
  return cypher`(${property} IS NOT NULL AND ${scalarCondition(typed, kind === 'text' ? 'string' : kind === 'date' ? 'date' : 'number', fact[kind], negated, `${path}.${kind}`)})`;
}

/** some / none / all / count over the entities (or relationships) a relationship field lists. */
function listCondition(v: Variable, field: RelationField, filter: Where, walk: Walk, path: string, depth: number, negated: boolean): Fragment {
  const parts: Fragment[] = [];
  for (const [op, value] of Object.entries(filter)) {
    if (value === null || value === undefined) continue;
    walk.walksRelationships = true;
    const r = variable('r');
    const m = variable('n');
    const match = relationshipPattern(v, r, m, field);
    const role = field.kind === 'nodes' && field.where ? cypher` AND ${r}.${name(field.where.property)} = ${stringLiteral(field.where.equals)}` : EMPTY;
    const live = cypher`${r}.retracted IS NULL AND ${m}.retracted IS NULL${role}`;
    if (op === 'count') {
      parts.push(scalarCondition(cypher`COUNT { MATCH ${match} WHERE ${live} }`, 'number', value, negated, `${path}.count`));
      continue;
    }
    // some keeps the polarity; none and all put the related condition under one more NOT.
    const inner = relatedWhere(v, r, m, field, value as Where, walk, `${path}.${op}`, depth + 1, op === 'some' ? negated : !negated);
    if (op === 'some') parts.push(cypher`EXISTS { MATCH ${match} WHERE ${live} AND ${inner} }`);
    else if (op === 'none') parts.push(cypher`NOT EXISTS { MATCH ${match} WHERE ${live} AND ${inner} }`);
    else parts.push(cypher`NOT EXISTS { MATCH ${match} WHERE ${live} AND NOT (${inner}) }`);
  }
  return conjunction(parts);
}

/** The condition on one related entity (a node field) or one relationship with its ends (an edge field). */
function relatedWhere(v: Variable, r: Variable, m: Variable, field: RelationField, where: Where, walk: Walk, path: string, depth: number, negated: boolean): Fragment {
  if (field.kind === 'nodes') {
    const targets = targetLabels(field);
    return entityWhere(m, targets.length === 1 ? targets[0]! : null, where, walk, path, depth, negated);
  }
  return edgeWhere(v, r, m, field, where, walk, path, depth, negated);
}

function edgeWhere(v: Variable, r: Variable, m: Variable, field: EdgeField, where: Where, walk: Walk, path: string, depth: number, negated: boolean): Fragment {
  if (depth > WHERE_LIMITS.depth) throw new BadUserInputError(`Invalid argument ${path}: nested deeper than ${WHERE_LIMITS.depth} levels`, path);
  const edge = EDGE_TYPES[field.edge];
  const [selfField, otherField] = field.direction === 'OUT' ? [edge.fromField, edge.toField] : [edge.toField, edge.fromField];
  const otherLabels = targetLabels(field);
  const parts: Fragment[] = [];
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
    if (property) parts.push(scalarCondition(cypher`${r}.${name(property)}`, 'string', value, negated, at));
    else if (key === 'participation') parts.push(cypher`type(${r}) IN ${param(value)}`);
    else if (key === otherField) parts.push(entityWhere(m, otherLabels.length === 1 ? otherLabels[0]! : null, value as Where, walk, at, depth + 1, negated));
    else if (key === selfField) parts.push(entityWhere(v, null, value as Where, walk, at, depth + 1, negated));
    else throw new BadUserInputError(`Invalid argument ${at}: not a field of ${field.edge}`, at);
  }
  return conjunction(parts);
}
