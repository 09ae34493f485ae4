import type { Executor } from '../../db/executor';
import type { CompiledQuery } from '../../translate/roots';

/** A compiled aggregate's answer (src/translate/aggregate.ts): its groups, as many as it read, and the number of entities matched; null for no row. One query. */
export async function readGroups<G>(executor: Executor, query: CompiledQuery): Promise<{ groups: G[]; totalCount: number } | null> {
  const [row] = await executor.read<{ groups: G[]; totalCount: number }>(query, query.params);
  return row ?? null;
}
