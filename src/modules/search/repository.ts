import { cypherQuery } from '../../db/cypher';
import type { Executor } from '../../db/executor';
import type { EntityLabel } from '../../domain/model';
import { toEntityRecord, type EntityRecord } from '../entity/records';
import { buildLuceneQuery } from './lucene';

export interface SearchHitRecord {
  entity: EntityRecord;
  score: number;
}

/**
 * Full-text search over the entity_search index, best first, at most `first`
 * hits, optionally only some labels. Text that leaves nothing searchable
 * returns no hits (not an error).
 */
export async function searchEntities(
  executor: Executor,
  text: string,
  labels: EntityLabel[] | null,
  first: number,
): Promise<SearchHitRecord[]> {
  const lucene = buildLuceneQuery(text);
  if (!lucene) return [];
  const rows = await executor.read<{ entity: { labels: string[]; props: Record<string, unknown> }; score: number }>(
    cypherQuery('entity/search'),
    { lucene, labels, limit: first, candidates: labels ? first * 20 : first * 2 },
  );
  return rows.map((r) => ({ entity: toEntityRecord(r.entity), score: r.score }));
}

/** Ids of the entities a text filter matches (at most `max`), for list filters. */
export async function matchingIds(executor: Executor, text: string, labels: EntityLabel[], max = 1000): Promise<string[]> {
  const hits = await searchEntities(executor, text, labels, max);
  return hits.map((h) => h.entity.id);
}
