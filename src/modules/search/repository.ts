import type { Executor } from '../../db/executor';
import type { EntityLabel } from '../../domain/model';
import type { EntityPlan } from '../../translate/plan';
import { compileSearch } from '../../translate/roots';
import { toEntityRecord, type EntityRecord, type NodeRow } from '../entity/records';
import { buildLuceneQuery, exactSearchKey } from './lucene';

export interface SearchHitRecord {
  entity: EntityRecord;
  score: number;
}

/**
 * Full-text search over the entity_search index, best first (a name or alias
 * that is the whole text, Han variants and case aside, first of all), at most `first`
 * hits, optionally only some labels, each hit's entity read as `plan` selects
 * it: one query. Text that leaves nothing searchable returns no hits (not an
 * error).
 */
export async function searchEntities(
  executor: Executor,
  text: string,
  labels: EntityLabel[] | null,
  first: number,
  plan: EntityPlan,
): Promise<SearchHitRecord[]> {
  const lucene = buildLuceneQuery(text);
  if (!lucene) return [];
  const query = compileSearch({ lucene, exact: exactSearchKey(text), labels, limit: first, candidates: labels ? first * 20 : first * 2, plan });
  const [row] = await executor.read<{ hits: { entity: NodeRow; score: number }[] }>(query, query.params);
  return (row?.hits ?? []).map((hit) => ({ entity: toEntityRecord(hit.entity), score: hit.score }));
}
