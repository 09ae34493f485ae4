import type { EntityLabel } from '../domain/model';
import { LIST_NAMES } from '../domain/entityTypes';
import { compiled, cypher, EMPTY, fixedVariable, indent, join, lines, name, namedParam, slot, type CompiledQuery, type Fragment, type Value, type Variable } from './cypher';
import { entityProjection, sourceProjection } from './emit';
import type { EntityPlan } from './plan';
import { keysetCondition } from './keyset';
import { sortKeys, type SortRequest } from './sort';
import { matchClauses, type Anchor } from './anchor';

/**
 * One Cypher query per root field, from its read plan. Each function returns the
 * statement's name (what the Executor tags and measures), its text and its
 * parameters; the modules' repositories run it and shape the answer.
 */

export type { CompiledQuery };

const n = fixedVariable('n');

const entityByIdTexts = new WeakMap<EntityPlan, CompiledQuery>();

/** `entity(id)`: one row `entity`, absent when the id is unknown or retracted. The text is rendered once per plan object. */
export function compileEntityById(plan: EntityPlan, id: string): CompiledQuery {
  let query = entityByIdTexts.get(plan);
  if (!query) {
    query = compiled('entity', lines([cypher`MATCH (${n}:Entity {id: ${slot('id')}})`, cypher`WHERE ${n}.retracted IS NULL`, cypher`RETURN ${entityProjection(n, plan)} AS entity`]));
    entityByIdTexts.set(plan, query);
  }
  return { ...query, params: { ...query.params, id } };
}

/** `entities(ids)`: rows `id`, `entity` for the ids that exist (the caller restores order and nulls). */
export function compileEntitiesByIds(plan: EntityPlan, ids: readonly string[]): CompiledQuery {
  const id = fixedVariable('id');
  return compiled(
    'entities',
    lines([
      cypher`UNWIND ${namedParam('ids', ids)} AS ${id}`,
      cypher`MATCH (${n}:Entity {id: ${id}})`,
      cypher`WHERE ${n}.retracted IS NULL`,
      cypher`RETURN ${id}, ${entityProjection(n, plan)} AS entity`,
    ]),
  );
}

export interface ListRead {
  label: EntityLabel;
  /** The `where` input (analyst conditions), or null. */
  where?: Record<string, unknown> | null;
  /** Lucene text of a full-text `search`, or null. */
  lucene: string | null;
  /** Sort keys in order (the id is added last); the default is by name. */
  sort: readonly SortRequest[];
  /** The position to start after: the sort key values then the id, as the previous page's cursor holds them. */
  after: Position | null;
  /** Rows to fetch (a page plus one, to know whether another follows). */
  limit: number;
  withTotalCount: boolean;
  plan: EntityPlan;
  /** Where the matches start (src/translate/anchor.ts); null or absent: a scan of the label. */
  anchor?: Anchor | null;
}

/** A position in a sorted list: the row's sort key values, then its id. */
export type Position = readonly (string | number | boolean)[];

/** Most full-text candidates a list's `search` considers, and how many of the best it keeps (lists and exports alike). */
export const TEXT_SEARCH_LIMITS = { candidates: 20_000, matches: 1_000 } as const;

const direction = (d: 'ASC' | 'DESC') => (d === 'ASC' ? cypher`ASC` : cypher`DESC`);

/**
 * `CALL () { … }` binding `textIds` to the ids of the best full-text matches of
 * `lucene` among live entities of the label, best first: what a list's or an
 * export's `search` keeps.
 */
export function textMatches(label: EntityLabel, lucene: string, textIds: Variable): Fragment {
  return lines([
    cypher`CALL () {`,
    cypher`  CALL db.index.fulltext.queryNodes('entity_search', ${namedParam('lucene', lucene)}, {limit: ${namedParam('textCandidates', TEXT_SEARCH_LIMITS.candidates)}}) YIELD node, score`,
    cypher`  WHERE node:${name(label)} AND node.retracted IS NULL`,
    cypher`  WITH node, score ORDER BY score DESC LIMIT ${namedParam('textMatches', TEXT_SEARCH_LIMITS.matches)}`,
    cypher`  RETURN collect(node.id) AS ${textIds}`,
    cypher`}`,
  ]);
}

/**
 * A list page: one row with `page` (each `{sort, entity}`: the entity with its
 * sort key values, in order, after the keyset position) and, when asked,
 * `totalCount` over all pages. Without `where` the list matches every live
 * entity of the label.
 */
export function compileListPage(read: ListRead): CompiledQuery {
  const textIds = fixedVariable('textIds');
  const filtered = matchClauses(n, read.label, read.where, read.anchor ?? null, read.lucene ? [cypher`${n}.id IN ${textIds}`] : []);
  const where = { walksRelationships: filtered.walksRelationships };
  const filter = lines(filtered.clauses);
  const scope = read.lucene ? textIds : EMPTY;
  const statement: Value[] = [];
  if (read.lucene) statement.push(textMatches(read.label, read.lucene, textIds));
  const keys = sortKeys(n, read.label, read.sort);
  // A first key every entity has (name, id) is read in its range index's order: with the
  // property required to be there, Neo4j walks the index from the keyset position and
  // stops after a page, instead of sorting every match. The total then counts separately,
  // so the filter runs twice; one that walks relationships (a subquery) is too dear for
  // that, and neither gains from it a full-text search's few candidates.
  const indexOrder = read.lucene || where.walksRelationships ? undefined : keys[0]?.requiredProperty;
  if (indexOrder) keys[0] = { ...keys[0]!, expression: indexOrder };
  const columns = keys.map((_, i) => fixedVariable(`s${i}`));
  const idDirection = keys[keys.length - 1]?.direction ?? 'ASC';
  const after = read.after ? namedParam('after', read.after) : null;
  const keyset = after
    ? [cypher`WHERE ${keysetCondition([...keys.map((k, i) => ({ expression: cypher`${columns[i]!}`, direction: k.direction })), { expression: cypher`${n}.id`, direction: idDirection }], after)}`]
    : [];
  const page = lines([
    cypher`WITH ${n}, ${join(
      keys.map((k, i) => cypher`${k.expression} AS ${columns[i]!}`),
      ', ',
    )}`,
    ...keyset,
    cypher`WITH ${n}, ${join(columns, ', ')} ORDER BY ${join(
      keys.map((k, i) => cypher`${columns[i]!} ${direction(k.direction)}`),
      ', ',
    )}, ${n}.id ${direction(idDirection)} LIMIT ${namedParam('limit', read.limit)}`,
    cypher`RETURN collect({sort: [${join(columns, ', ')}], entity: ${entityProjection(n, read.plan)}}) AS page`,
  ]);
  if (indexOrder) {
    const from = !after ? cypher`${indexOrder} IS NOT NULL` : cypher`${indexOrder} ${keys[0]!.direction === 'ASC' ? cypher`>=` : cypher`<=`} ${after}[0]`;
    if (read.withTotalCount) statement.push(cypher`CALL (${scope}) {`, indent(cypher`${filter}\nRETURN count(${n}) AS totalCount`), cypher`}`);
    statement.push(cypher`CALL (${scope}) {`, indent(cypher`${filter}\n  AND ${from}\n${page}`), cypher`}`, read.withTotalCount ? cypher`RETURN page, totalCount` : cypher`RETURN page`);
  } else if (read.withTotalCount) {
    // The filter runs once: its matches are counted and the page is cut from them.
    const matched = fixedVariable('matched');
    const counted = lines([
      filter,
      cypher`WITH collect(${n}) AS ${matched}`,
      cypher`CALL (${matched}) {`,
      indent(cypher`UNWIND ${matched} AS ${n}\n${page}`),
      cypher`}`,
      cypher`RETURN page, size(${matched}) AS totalCount`,
    ]);
    statement.push(cypher`CALL (${scope}) {`, indent(counted), cypher`}`, cypher`RETURN page, totalCount`);
  } else {
    statement.push(cypher`CALL (${scope}) {`, indent(cypher`${filter}\n${page}`), cypher`}`, cypher`RETURN page`);
  }
  return compiled(LIST_NAMES[read.label], lines(statement));
}

export interface SearchRead {
  lucene: string;
  /** The whole text as a search key (exactSearchKey): a name or alias equal to it ranks first. */
  exact: string | null;
  labels: EntityLabel[] | null;
  limit: number;
  candidates: number;
  plan: EntityPlan;
}

/**
 * Full-text search: one row `hits`, best first, each `{score, entity}`. Among the
 * index's candidates, an entity whose search key of its name or of an alias is
 * the whole text gets the best candidate's score added, so it ranks above every
 * entity that only shares part of the text.
 */
export function compileSearch(read: SearchRead): CompiledQuery {
  const labels = namedParam('labels', read.labels);
  const exact = namedParam('exact', read.exact);
  return compiled(
    'search',
    lines([
      cypher`CALL db.index.fulltext.queryNodes('entity_search', ${namedParam('lucene', read.lucene)}, {limit: ${namedParam('candidates', read.candidates)}}) YIELD node AS ${n}, score`,
      cypher`WHERE ${n}.retracted IS NULL`,
      cypher`  AND (${labels} IS NULL OR any(l IN labels(${n}) WHERE l IN ${labels}))`,
      cypher`WITH collect({entity: ${n}, score: score}) AS found, max(score) AS top`,
      cypher`UNWIND found AS hit`,
      cypher`WITH hit.entity AS ${n}, CASE WHEN hit.entity.searchName = ${exact} OR ${exact} IN coalesce(hit.entity.searchAliases, []) THEN hit.score + top ELSE hit.score END AS score`,
      cypher`WITH ${n}, score ORDER BY score DESC, ${n}.name LIMIT ${namedParam('limit', read.limit)}`,
      cypher`RETURN collect({score: score, entity: ${entityProjection(n, read.plan)}}) AS hits`,
    ]),
  );
}

const s = fixedVariable('s');

/** Every source, newest first: one row `sources`. */
export function compileSources(statementCount: boolean): CompiledQuery {
  return compiled('sources', lines([cypher`MATCH (${s}:Source)`, cypher`WITH ${s} ORDER BY ${s}.publishedOn DESC, ${s}.id`, cypher`RETURN collect(${sourceProjection(s, statementCount)}) AS sources`]));
}

/** One source by id: one row `source`, absent when unknown. */
export function compileSourceById(id: string, statementCount: boolean): CompiledQuery {
  return compiled('source', lines([cypher`MATCH (${s}:Source {id: ${namedParam('id', id)}})`, cypher`RETURN ${sourceProjection(s, statementCount)} AS source`]));
}
