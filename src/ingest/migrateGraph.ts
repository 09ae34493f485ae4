import { cypherQuery } from '../db/cypher';
import type { Executor } from '../db/executor';
import { applyMigrations, type MigrationResult } from '../db/migrations';
import { NAME_LANGUAGE_PROPERTIES } from '../domain/names';
import { listEcosystemFiles, readEcosystemFile } from './loadEcosystem';
import { readSeedDirectory } from './loadSeed';

/** Entities written per statement of the backfill. */
const BATCH = 5_000;

/**
 * Stores the name languages the seed files tag (namesEn, namesJa, namesZhHant)
 * on entities of a graph loaded before names carried them: each entity's tags
 * unioned over the files, for the names it still holds, where it has none yet.
 * Reads the files here because the tags are not in the graph. Idempotent.
 */
export async function backfillNameLanguages(executor: Executor): Promise<number> {
  const byId = new Map<string, Record<string, string[]>>();
  const nodes = [...readSeedDirectory().flatMap(({ data }) => data.nodes), ...listEcosystemFiles().flatMap((file) => readEcosystemFile(file).nodes)] as Record<string, unknown>[];
  for (const node of nodes) {
    const lists = byId.get(String(node.id)) ?? {};
    for (const key of Object.values(NAME_LANGUAGE_PROPERTIES)) lists[key] = [...new Set([...(lists[key] ?? []), ...((node[key] as string[] | undefined) ?? [])])];
    byId.set(String(node.id), lists);
  }
  const rows = [...byId].map(([id, lists]) => ({ id, ...lists }));
  let written = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    const [row] = await executor.write<{ written: number }>(cypherQuery('migration/setNameLanguages'), { rows: rows.slice(i, i + BATCH) });
    written += Number(row?.written ?? 0);
  }
  return written;
}

/** Applies every migration, with the steps that read the seed files: what a server or a loader runs before anything else. */
export function migrateGraph(executor: Executor): Promise<MigrationResult> {
  return applyMigrations(executor, { '012_name_languages': backfillNameLanguages });
}
