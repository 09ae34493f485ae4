import { cypherQuery } from '../../db/cypher';
import type { Executor } from '../../db/executor';
import { compileEntityGroups, type EntityGroup, type SourceGroup } from '../../translate/entityGroups';
import type { EntityPlan } from '../../translate/plan';
import { compileEntitiesByIds, compileEntityById, compileListPage, compileSourceById, compileSources } from '../../translate/roots';
import { toEntityRecord, type CitationRecord, type EntityRecord, type NodeRow, type SourceRecord } from './records';

/**
 * Compiled reads: each takes the read plan of a selection (src/translate) and
 * ids, runs one query and returns records whose relationship fields are in
 * `fields`. Resolvers build the plans; nothing here knows GraphQL.
 */

/** The entity `id` read as `plan` selects it; null when unknown or retracted. One query. */
export async function readEntity(executor: Executor, plan: EntityPlan, id: string): Promise<EntityRecord | null> {
  const query = compileEntityById(plan, id);
  const [row] = await executor.read<{ entity: NodeRow }>(query, query.params);
  return row ? toEntityRecord(row.entity) : null;
}

/** Entities read as `plan` selects them, in the order of `ids`; null where unknown or retracted. One query. */
export async function readEntitiesByIds(executor: Executor, plan: EntityPlan, ids: readonly string[]): Promise<(EntityRecord | null)[]> {
  const query = compileEntitiesByIds(plan, ids);
  const rows = await executor.read<{ id: string; entity: NodeRow }>(query, query.params);
  const byId = new Map(rows.map((r) => [r.id, toEntityRecord(r.entity)]));
  return ids.map((id) => byId.get(id) ?? null);
}

/**
 * Several groups of entities, each read as its own plan, in one query named
 * `compiled/<name>` (none when there are no groups): per group, the records by
 * id of those that exist and are not retracted.
 */
export async function readEntityGroups(executor: Executor, name: string, groups: readonly EntityGroup[]): Promise<Map<string, EntityRecord>[]> {
  return (await readGroupsAndSources(executor, name, groups, null)).entities;
}

/** readEntityGroups, and in the same query the sources `sources` names (when given), by id. */
async function readGroupsAndSources(executor: Executor, name: string, groups: readonly EntityGroup[], sources: SourceGroup | null) {
  if (groups.length === 0 && !sources) return { entities: [], sources: new Map<string, SourceRecord>() };
  const query = compileEntityGroups(name, groups, sources);
  const [row] = await executor.read<Record<string, unknown[]>>(query, query.params);
  const column = <T>(key: string) => (row?.[key] ?? []) as T[];
  return {
    entities: groups.map((_, i) => new Map(column<{ id: string; entity: NodeRow }>(`g${i}`).map((r) => [r.id, toEntityRecord(r.entity)]))),
    sources: new Map(column<SourceRecord>('sources').map((s) => [s.id, s])),
  };
}

/** Entities a repository read with all their properties but none of a selection's fields, and the plan of the place they answer. */
export interface Placed {
  plan: EntityPlan;
  records: readonly EntityRecord[];
}

/**
 * The records of each place read again as its plan selects them, all places in
 * one query named `compiled/<name>`, only those whose plan asks for more than
 * stored properties (relationship fields, citations, counts), and in the same
 * query the `sources` the answer cites without them, when given: no query when
 * there is nothing to read. Returns per place a function from a record to its
 * read (the record itself when its place needed no read or it vanished
 * meanwhile), and the sources by id.
 */
export async function readPlaced(
  executor: Executor,
  name: string,
  places: readonly Placed[],
  sources: SourceGroup | null = null,
): Promise<{ reads: ((record: EntityRecord) => EntityRecord)[]; sources: Map<string, SourceRecord> }> {
  const reading = places.filter((p) => p.plan.fields.length > 0 && p.records.length > 0);
  const citing = sources && sources.ids.length > 0 ? sources : null;
  const read = await readGroupsAndSources(executor, name, reading.map((p) => ({ plan: p.plan, ids: p.records.map((r) => r.id) })), citing);
  const reads = places.map((place) => {
    const byId = read.entities[reading.indexOf(place)];
    return byId ? (record: EntityRecord) => byId.get(record.id) ?? record : (record: EntityRecord) => record;
  });
  return { reads, sources: read.sources };
}

/** Every source, newest first, with how many statements cite each when asked. One query. */
export async function readSources(executor: Executor, statementCount: boolean): Promise<SourceRecord[]> {
  const query = compileSources(statementCount);
  const [row] = await executor.read<{ sources: SourceRecord[] }>(query, query.params);
  return row?.sources ?? [];
}

/** One source by id, with how many statements cite it when asked; null when unknown. One query. */
export async function readSource(executor: Executor, id: string, statementCount: boolean): Promise<SourceRecord | null> {
  const query = compileSourceById(id, statementCount);
  const [row] = await executor.read<{ source: SourceRecord }>(query, query.params);
  return row?.source ?? null;
}

/** The first `limit` countries by name, read as `plan` selects them. One query. */
export async function readCountries(executor: Executor, plan: EntityPlan, limit: number): Promise<EntityRecord[]> {
  const query = compileListPage({
    label: 'Country',
    lucene: null,
    sort: [{ field: 'NAME' }],
    after: null,
    limit,
    withTotalCount: false,
    plan,
  });
  const [row] = await executor.read<{ page: { entity: NodeRow }[] }>(query, query.params);
  return (row?.page ?? []).map((r) => toEntityRecord(r.entity));
}


/** Entities by id, in the order of `ids`; null where an id is unknown or retracted. One round trip. */
export async function findEntities(executor: Executor, ids: readonly string[]): Promise<(EntityRecord | null)[]> {
  const rows = await executor.read<{ id: string; entity: NodeRow }>(cypherQuery('entity/byIds'), { ids });
  const byId = new Map(rows.map((r) => [r.id, toEntityRecord(r.entity)]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** The sources that stated each entity, in the order of `ids`. One round trip. */
export async function findCitations(executor: Executor, ids: readonly string[]): Promise<CitationRecord[][]> {
  const rows = await executor.read<{ id: string; citations: CitationRecord[] }>(cypherQuery('entity/citations'), { ids });
  const byId = new Map(rows.map((r) => [r.id, r.citations]));
  return ids.map((id) => byId.get(id) ?? []);
}

/** Sources by id, in the order of `ids`; null where unknown. */
export async function findSources(executor: Executor, ids: readonly string[]): Promise<(SourceRecord | null)[]> {
  const rows = await executor.read<SourceRecord>(cypherQuery('source/byIds'), { ids });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** Number of entities and relationships citing each source, in the order of `ids`. */
export async function countStatements(executor: Executor, ids: readonly string[]): Promise<number[]> {
  const rows = await executor.read<{ id: string; count: number }>(cypherQuery('source/statementCounts'), { ids });
  const byId = new Map(rows.map((r) => [r.id, r.count]));
  return ids.map((id) => byId.get(id) ?? 0);
}
