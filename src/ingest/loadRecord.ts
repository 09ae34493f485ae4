import { cypherQuery } from '../db/cypher';
import type { Executor } from '../db/executor';

/** What one load did, for its audit entry. */
export interface LoadRecord {
  /** The loader: seed, import or gen (recorded as the Change's subject). */
  loader: 'seed' | 'import' | 'gen';
  /** One line: what was loaded (files, nodes, relationships). */
  summary: string;
  /** Where from (a directory, a generator's parameters). */
  note: string;
}

/**
 * Leaves one Change (kind LOAD) for a whole load: the loaders write directly,
 * without review or revisions, but the change feed and the audit trail show that
 * a load happened, when and what it brought. Returns the Change's id.
 */
export async function recordLoad(executor: Executor, load: LoadRecord): Promise<string> {
  const [row] = await executor.write<{ id: string }>(cypherQuery('changes/recordLoad'), { subject: load.loader, summary: load.summary, note: load.note });
  return row!.id;
}
