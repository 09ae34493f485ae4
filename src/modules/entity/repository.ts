import { cypherQuery, cypherTemplate } from '../../db/cypher';
import type { Executor } from '../../db/executor';
import { RELATIONSHIP_TYPE_NAMES, type RelationshipType } from '../../domain/model';
import { toEntityRecord, type CitationRecord, type EntityRecord, type RelatedRecord, type SourceRecord } from './records';

/** Most relationships returned for one entity and one relationship field; supernodes are cut here. */
export const RELATED_CAP = 1000;

type NodeRow = { labels: string[]; props: Record<string, unknown> };

/** Entities by id, in the order of `ids`; null where an id is unknown or retracted. One round trip. */
export async function findEntities(executor: Executor, ids: readonly string[]): Promise<(EntityRecord | null)[]> {
  const rows = await executor.read<{ id: string; entity: NodeRow }>(cypherQuery('entity/byIds'), { ids });
  const byId = new Map(rows.map((r) => [r.id, toEntityRecord(r.entity)]));
  return ids.map((id) => byId.get(id) ?? null);
}

/**
 * Relationships of each entity in `ids` of the given types (all domain types when
 * empty) and direction, in the order of `ids`. One round trip for all ids.
 */
export async function findRelated(
  executor: Executor,
  ids: readonly string[],
  types: readonly RelationshipType[],
  direction: 'OUTGOING' | 'INCOMING' | 'BOTH',
): Promise<RelatedRecord[][]> {
  const chosen = types.length ? types : RELATIONSHIP_TYPE_NAMES;
  const file = direction === 'OUTGOING' ? 'entity/related-out' : direction === 'INCOMING' ? 'entity/related-in' : 'entity/related-both';
  const query = cypherTemplate(file, { types: chosen });
  const rows = await executor.read<{
    id: string;
    related: { id: string; type: RelationshipType; outgoing: boolean; props: Record<string, unknown>; node: NodeRow }[];
  }>(query, { ids, cap: RELATED_CAP });
  const byId = new Map(
    rows.map((row) => [
      row.id,
      row.related.map(
        (r): RelatedRecord => ({
          id: r.id,
          type: r.type,
          direction: r.outgoing ? 'OUTGOING' : 'INCOMING',
          selfId: row.id,
          props: r.props,
          node: toEntityRecord(r.node),
        }),
      ),
    ]),
  );
  return ids.map((id) => byId.get(id) ?? []);
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

/** Every source, newest first. */
export function listSources(executor: Executor): Promise<SourceRecord[]> {
  return executor.read<SourceRecord>(cypherQuery('source/all'));
}

/** Number of entities and relationships citing each source, in the order of `ids`. */
export async function countStatements(executor: Executor, ids: readonly string[]): Promise<number[]> {
  const rows = await executor.read<{ id: string; count: number }>(cypherQuery('source/statementCounts'), { ids });
  const byId = new Map(rows.map((r) => [r.id, r.count]));
  return ids.map((id) => byId.get(id) ?? 0);
}

/** Organizations per country code, in the order of `codes`. */
export async function countOrganizationsByCountry(executor: Executor, codes: readonly string[]): Promise<number[]> {
  const rows = await executor.read<{ code: string; count: number }>(cypherQuery('entity/organizationCounts'), { codes });
  const byCode = new Map(rows.map((r) => [r.code, r.count]));
  return codes.map((code) => byCode.get(code) ?? 0);
}
