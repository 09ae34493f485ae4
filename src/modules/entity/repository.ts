import { cypherQuery, cypherTemplate } from '../../db/cypher';
import type { Executor } from '../../db/executor';
import { RELATED_CAP } from '../../domain/entityTypes';
import type { RelationshipType } from '../../domain/model';
import { toEntityRecord, type CitationRecord, type EntityRecord, type NodeRow, type RelatedRecord, type SourceRecord } from './records';


/** Entities by id, in the order of `ids`; null where an id is unknown or retracted. One round trip. */
export async function findEntities(executor: Executor, ids: readonly string[]): Promise<(EntityRecord | null)[]> {
  const rows = await executor.read<{ id: string; entity: NodeRow }>(cypherQuery('entity/byIds'), { ids });
  const byId = new Map(rows.map((r) => [r.id, toEntityRecord(r.entity)]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** One relationship type in one direction, as seen from the entity asked about. */
export interface RelationshipSide {
  type: RelationshipType;
  outgoing: boolean;
}

/**
 * The relationships of each entity in `ids` of the given sides (type and
 * direction), sorted by type then the other end's name (at most RELATED_CAP per
 * side), in the order of `ids`. One round trip for all ids and sides.
 */
export async function findRelated(executor: Executor, ids: readonly string[], sides: readonly RelationshipSide[]): Promise<RelatedRecord[][]> {
  if (sides.length === 0) return ids.map(() => []);
  const branches = sides.map((side) => cypherTemplate(side.outgoing ? 'entity/related-out' : 'entity/related-in', { type: side.type }).text.trim());
  const query = { name: 'entity/related', text: cypherQuery('entity/related').text.replace(/^\s*BRANCHES\s*$/m, branches.join('\n  UNION ALL\n  ')) };
  const rows = await executor.read<{
    id: string;
    groups: { type: RelationshipType; outgoing: boolean; related: { id: string; props: Record<string, unknown>; node: NodeRow }[] }[];
  }>(query, { ids, cap: RELATED_CAP });
  const byId = new Map(
    rows.map((row) => [
      row.id,
      row.groups
        .flatMap((g) =>
          g.related.map(
            (r): RelatedRecord => ({
              id: r.id,
              type: g.type,
              direction: g.outgoing ? 'OUTGOING' : 'INCOMING',
              selfId: row.id,
              props: r.props,
              node: toEntityRecord(r.node),
            }),
          ),
        )
        .sort((a, b) => byCodePoint(a.type, b.type) || byCodePoint(String(a.node.props.name), String(b.node.props.name)) || byCodePoint(a.node.id, b.node.id)),
    ]),
  );
  return ids.map((id) => byId.get(id) ?? []);
}

/** Compares strings as Cypher's ORDER BY does (by code point). */
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

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

/** Organizations per country code, in the order of `codes`. */
export async function countOrganizationsByCountry(executor: Executor, codes: readonly string[]): Promise<number[]> {
  const rows = await executor.read<{ code: string; count: number }>(cypherQuery('entity/organizationCounts'), { codes });
  const byCode = new Map(rows.map((r) => [r.code, r.count]));
  return codes.map((code) => byCode.get(code) ?? 0);
}
