import { withConditions, type CypherQuery } from '../db/cypher';
import type { EntityLabel } from '../domain/model';
import { LIST_NAMES } from '../domain/entityTypes';
import { CypherBuilder, entityProjection, identifier, indentLines, sourceProjection } from './emit';
import type { EntityPlan } from './plan';
import { keysetCondition } from './keyset';
import { sortKeys, type SortRequest } from './sort';
import { wherePredicate } from './where';

/**
 * One Cypher query per root field, from its read plan. Each function returns the
 * statement's name (what the Executor tags and measures), its text and its
 * parameters; the modules' repositories run it and shape the answer.
 */
export interface CompiledQuery {
  name: string;
  text: string;
  params: Record<string, unknown>;
}

const compiled = (name: string, text: string, b: CypherBuilder, params: Record<string, unknown> = {}): CompiledQuery => ({
  name: `compiled/${name}`,
  text,
  params: { ...b.params, ...params },
});

const entityByIdTexts = new WeakMap<EntityPlan, { text: string; b: CypherBuilder }>();

/** `entity(id)`: one row `entity`, absent when the id is unknown or retracted. The text is emitted once per plan object. */
export function compileEntityById(plan: EntityPlan, id: string): CompiledQuery {
  let emitted = entityByIdTexts.get(plan);
  if (!emitted) {
    const b = new CypherBuilder();
    const text = ['MATCH (n:Entity {id: $id})', 'WHERE n.retracted IS NULL', `RETURN ${entityProjection('n', plan, b)} AS entity`].join('\n');
    emitted = { text, b };
    entityByIdTexts.set(plan, emitted);
  }
  return compiled('entity', emitted.text, emitted.b, { id });
}

/** `entities(ids)`: rows `id`, `entity` for the ids that exist (the caller restores order and nulls). */
export function compileEntitiesByIds(plan: EntityPlan, ids: readonly string[]): CompiledQuery {
  const b = new CypherBuilder();
  const text = ['UNWIND $ids AS id', 'MATCH (n:Entity {id: id})', 'WHERE n.retracted IS NULL', `RETURN id, ${entityProjection('n', plan, b)} AS entity`].join('\n');
  return compiled('entities', text, b, { ids });
}

export interface ListRead {
  label: EntityLabel;
  /** The list's filter statement (a `MATCH (n:Label) WHERE …` from cypher/queries/list), whose `// if:` lines apply when their parameter is given. */
  filterQuery: CypherQuery;
  /** Filter parameters; null or missing means no condition. */
  filter: Record<string, unknown>;
  /** The `where` input (analyst conditions), or null. */
  where?: Record<string, unknown> | null;
  /** Lucene text of a `text` filter, or null. */
  lucene: string | null;
  /** Sort keys in order (the id is added last); the default is by name. */
  sort: readonly SortRequest[];
  /** The position to start after: the sort key values then the id, as the previous page's cursor holds them. */
  after: Position | null;
  /** Rows to fetch (a page plus one, to know whether another follows). */
  limit: number;
  withTotalCount: boolean;
  plan: EntityPlan;
}

/** A position in a sorted list: the row's sort key values, then its id. */
export type Position = readonly (string | number | boolean)[];

/** Most full-text candidates a list's `text` filter considers, and how many of the best it keeps (lists and exports alike). */
export const TEXT_SEARCH_LIMITS = { candidates: 20_000, matches: 1_000 } as const;

/**
 * A list page: one row with `page` (each `{sort, entity}`: the entity with its
 * sort key values, in order, after the keyset position) and, when asked,
 * `totalCount` over all pages.
 */
export function compileListPage(read: ListRead): CompiledQuery {
  const b = new CypherBuilder();
  const label = identifier(read.label);
  const conditions = { ...read.filter, textIds: read.lucene };
  const where = read.where ? wherePredicate('n', read.label, read.where, b) : 'true';
  const filter = [
    ...withConditions(read.filterQuery, conditions)
      .text.split('\n')
      .filter((line) => line.trim() && !line.startsWith('//'))
      .map((line) => line.replace(/\s*\/\/ if: \w+\s*$/, '')),
    ...(where === 'true' ? [] : [`  AND ${where}`]),
  ].join('\n');
  const scope = read.lucene ? 'textIds' : '';
  const lines: string[] = [];
  if (read.lucene) {
    lines.push(
      'CALL () {',
      "  CALL db.index.fulltext.queryNodes('entity_search', $lucene, {limit: $textCandidates}) YIELD node, score",
      `  WHERE node:${label} AND node.retracted IS NULL`,
      '  WITH node, score ORDER BY score DESC LIMIT $textMatches',
      '  RETURN collect(node.id) AS textIds',
      '}',
    );
  }
  const keys = sortKeys('n', read.label, read.sort, b);
  // A first key every entity has (name, id) is read in its range index's order: with the
  // property required to be there, Neo4j walks the index from the keyset position and
  // stops after a page, instead of sorting every match. The total then counts separately,
  // so the filter runs twice; one that walks relationships (a subquery) is too dear for
  // that, and neither gains from it a text filter's few candidates.
  const walksRelationships = /\b(?:EXISTS|COUNT) \{/.test(filter);
  const indexOrder = read.lucene || walksRelationships ? undefined : keys[0]?.requiredProperty;
  if (indexOrder) keys[0] = { ...keys[0]!, expression: indexOrder };
  const columns = keys.map((_, i) => `s${i}`);
  const idDirection = keys[keys.length - 1]?.direction ?? 'ASC';
  const page = [
    `WITH n, ${keys.map((k, i) => `${k.expression} AS s${i}`).join(', ')}`,
    ...(read.after ? [`WHERE ${keysetCondition([...keys.map((k, i) => ({ expression: `s${i}`, direction: k.direction })), { expression: 'n.id', direction: idDirection }], '$after')}`] : []),
    `WITH n, ${columns.join(', ')} ORDER BY ${keys.map((k, i) => `s${i} ${k.direction}`).join(', ')}, n.id ${idDirection} LIMIT $limit`,
    `RETURN collect({sort: [${columns.join(', ')}], entity: ${entityProjection('n', read.plan, b)}}) AS page`,
  ].join('\n');
  if (indexOrder) {
    const from = !read.after ? `${indexOrder} IS NOT NULL` : `${indexOrder} ${keys[0]!.direction === 'ASC' ? '>=' : '<='} $after[0]`;
    if (read.withTotalCount) lines.push(`CALL (${scope}) {`, indentLines(`${filter}\nRETURN count(n) AS totalCount`), '}');
    lines.push(`CALL (${scope}) {`, indentLines(`${filter}\n  AND ${from}\n${page}`), '}', read.withTotalCount ? 'RETURN page, totalCount' : 'RETURN page');
  } else if (read.withTotalCount) {
    // The filter runs once: its matches are counted and the page is cut from them.
    const counted = [filter, 'WITH collect(n) AS matched', 'CALL (matched) {', indentLines(`UNWIND matched AS n\n${page}`), '}', 'RETURN page, size(matched) AS totalCount'];
    lines.push(`CALL (${scope}) {`, indentLines(counted.join('\n')), '}', 'RETURN page, totalCount');
  } else {
    lines.push(`CALL (${scope}) {`, indentLines(`${filter}\n${page}`), '}', 'RETURN page');
  }
  const params = { ...read.filter, after: read.after, limit: read.limit, ...(read.lucene ? { lucene: read.lucene, textCandidates: TEXT_SEARCH_LIMITS.candidates, textMatches: TEXT_SEARCH_LIMITS.matches } : {}) };
  return compiled(listName(read.label), lines.join('\n'), b, params);
}

const listName = (label: EntityLabel) => LIST_NAMES[label];

export interface SearchRead {
  lucene: string;
  labels: EntityLabel[] | null;
  limit: number;
  candidates: number;
  plan: EntityPlan;
}

/** Full-text search: one row `hits`, best first, each `{score, entity}`. */
export function compileSearch(read: SearchRead): CompiledQuery {
  const b = new CypherBuilder();
  const text = [
    "CALL db.index.fulltext.queryNodes('entity_search', $lucene, {limit: $candidates}) YIELD node AS n, score",
    'WHERE n.retracted IS NULL',
    '  AND ($labels IS NULL OR any(l IN labels(n) WHERE l IN $labels))',
    'WITH n, score ORDER BY score DESC, n.name LIMIT $limit',
    `RETURN collect({score: score, entity: ${entityProjection('n', read.plan, b)}}) AS hits`,
  ].join('\n');
  return compiled('search', text, b, { lucene: read.lucene, labels: read.labels, limit: read.limit, candidates: read.candidates });
}

/** Every source, newest first: one row `sources`. */
export function compileSources(statementCount: boolean): CompiledQuery {
  const b = new CypherBuilder();
  const text = ['MATCH (s:Source)', 'WITH s ORDER BY s.publishedOn DESC, s.id', `RETURN collect(${sourceProjection('s', statementCount, b)}) AS sources`].join('\n');
  return compiled('sources', text, b);
}

/** One source by id: one row `source`, absent when unknown. */
export function compileSourceById(id: string, statementCount: boolean): CompiledQuery {
  const b = new CypherBuilder();
  const text = ['MATCH (s:Source {id: $id})', `RETURN ${sourceProjection('s', statementCount, b)} AS source`].join('\n');
  return compiled('source', text, b, { id });
}
