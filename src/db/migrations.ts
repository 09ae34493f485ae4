import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CYPHER_DIR, cypherQuery } from './cypher';
import { NAME_LANGUAGE_PROPERTIES, searchKeyProperties } from '../domain/names';
import type { Executor } from './executor';
import { modelIndexMigration } from './modelIndexes';

export interface MigrationResult {
  applied: string[];
  skipped: string[];
}

/** Splits a migration file into statements on `;` at line ends, dropping `//` comment lines. */
export function splitStatements(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Entities read and written per batch of the search-key backfill. */
const BACKFILL_BATCH = 5_000;

/**
 * Stores the search keys (searchKeyProperties) of every entity's names, in
 * batches by id: what migration 007 needs of a graph written before it. Keys
 * are computed here because Cypher cannot fold Han variants. Idempotent.
 */
export async function backfillSearchKeys(executor: Executor): Promise<number> {
  let after = '';
  let written = 0;
  for (;;) {
    const rows = await executor.read<{ id: string; name: string | null; aliases: string[] | null }>(cypherQuery('migration/entityNames'), {
      after,
      batch: BACKFILL_BATCH,
    });
    if (rows.length === 0) return written;
    const keyed = rows.map((r) => {
      const keys = searchKeyProperties({ name: r.name ?? undefined, aliases: r.aliases });
      return { id: r.id, searchName: keys.searchName ?? null, searchAliases: keys.searchAliases ?? null };
    });
    await executor.write(cypherQuery('migration/setSearchKeys'), { rows: keyed });
    written += rows.length;
    after = rows.at(-1)!.id;
  }
}

/**
 * Stores the name languages the seed files tag (namesEn, namesJa, namesZhHant)
 * on entities of a graph loaded before names carried them: each entity's tags
 * unioned over the files, for the names it still holds, where it has none yet.
 * Reads the files here because the tags are not in the graph. Idempotent.
 */
export async function backfillNameLanguages(executor: Executor): Promise<number> {
  const { readSeedDirectory } = await import('../ingest/loadSeed');
  const { listEcosystemFiles, readEcosystemFile } = await import('../ingest/loadEcosystem');
  const byId = new Map<string, Record<string, string[]>>();
  const nodes = [...readSeedDirectory().flatMap(({ data }) => data.nodes), ...listEcosystemFiles().flatMap((file) => readEcosystemFile(file).nodes)] as Record<string, unknown>[];
  for (const node of nodes) {
    const lists = byId.get(String(node.id)) ?? {};
    for (const key of Object.values(NAME_LANGUAGE_PROPERTIES)) lists[key] = [...new Set([...(lists[key] ?? []), ...((node[key] as string[] | undefined) ?? [])])];
    byId.set(String(node.id), lists);
  }
  const rows = [...byId].map(([id, lists]) => ({ id, ...lists }));
  let written = 0;
  for (let i = 0; i < rows.length; i += BACKFILL_BATCH) {
    const [row] = await executor.write<{ written: number }>(cypherQuery('migration/setNameLanguages'), { rows: rows.slice(i, i + BACKFILL_BATCH) });
    written += Number(row?.written ?? 0);
  }
  return written;
}

/** Steps in code that a migration needs after its statements, by migration id: data Cypher alone cannot compute. */
const AFTER_STATEMENTS: Record<string, (executor: Executor) => Promise<unknown>> = {
  '009_search_keys': backfillSearchKeys,
  '011_name_languages': backfillNameLanguages,
};

/**
 * Applies cypher/migrations/*.cypher in file-name order, each once, then the
 * indexes derived from the model (modelIndexes.ts) whenever they changed: an
 * applied migration is recorded as (:Migration {id, checksum}) and skipped next time.
 * Statements are idempotent (IF NOT EXISTS), so a run interrupted half-way is
 * safe to repeat; so are the code steps some migrations have (AFTER_STATEMENTS),
 * which run before the migration is recorded. Waits for new indexes to come
 * online before returning.
 */
export async function applyMigrations(executor: Executor): Promise<MigrationResult> {
  const dir = path.join(CYPHER_DIR, 'migrations');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.cypher')).sort();
  const recorded = await executor.read<{ id: string; checksum: string }>(cypherQuery('migration/applied'));
  const done = new Set(recorded.map((r) => r.id));
  const result: MigrationResult = { applied: [], skipped: [] };
  for (const file of files) {
    const id = file.replace(/\.cypher$/, '');
    if (done.has(id)) {
      result.skipped.push(id);
      continue;
    }
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const [index, statement] of splitStatements(text).entries()) {
      await executor.write({ name: `migration/${id}#${index + 1}`, text: statement });
    }
    await AFTER_STATEMENTS[id]?.(executor);
    const checksum = createHash('sha256').update(text).digest('hex');
    await executor.write(cypherQuery('migration/record'), { id, checksum });
    result.applied.push(id);
  }
  // After the files (the constraints they make first keep their names), the indexes the model itself implies.
  const model = modelIndexMigration();
  if (recorded.find((r) => r.id === model.id)?.checksum === model.checksum) result.skipped.push(model.id);
  else {
    for (const [index, statement] of model.statements.entries()) {
      await executor.write({ name: `migration/${model.id}#${index + 1}`, text: statement });
    }
    await executor.write(cypherQuery('migration/record'), { id: model.id, checksum: model.checksum });
    result.applied.push(model.id);
  }
  if (result.applied.length > 0) {
    await executor.write({ name: 'migration/awaitIndexes', text: 'CALL db.awaitIndexes(300)' });
  }
  return result;
}
