import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CYPHER_DIR, cypherQuery } from './cypher';
import { searchKeyProperties } from '../domain/nameKeys';
import type { Executor } from './executor';
import { modelIndexMigration } from './modelIndexes';

export interface MigrationResult {
  applied: string[];
  skipped: string[];
  /** Migrations left for a caller that has their step (see STEPS_FROM_CALLER). */
  pending: string[];
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
 * Stores the search and lookup keys (searchKeyProperties) of every entity's
 * names, in batches by id: what migrations 009 and 013 need of a graph written
 * before them. Keys are computed here because Cypher cannot fold Han variants
 * nor drop legal forms. Idempotent.
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
      return { id: r.id, searchName: keys.searchName ?? null, searchAliases: keys.searchAliases ?? null, nameKeys: keys.nameKeys ?? null, aliasKeys: keys.aliasKeys ?? null };
    });
    await executor.write(cypherQuery('migration/setSearchKeys'), { rows: keyed });
    written += rows.length;
    after = rows.at(-1)!.id;
  }
}

/** A step in code that a migration needs after its statements: data Cypher alone cannot compute. */
export type MigrationStep = (executor: Executor) => Promise<unknown>;

/** Steps this layer can run itself, by migration id. */
const AFTER_STATEMENTS: Record<string, MigrationStep> = {
  '009_search_keys': backfillSearchKeys,
  '013_name_lookup_keys': backfillSearchKeys,
};

/**
 * Migrations whose step needs what only a caller above this layer has (the
 * seed files, for 012): without it, the migration is left pending, not
 * recorded, so the next caller that has it (src/ingest/migrateGraph.ts) applies it.
 */
const STEPS_FROM_CALLER = new Set(['012_name_languages']);

/**
 * Applies cypher/migrations/*.cypher in file-name order, each once, then the
 * indexes derived from the model (modelIndexes.ts) whenever they changed: an
 * applied migration is recorded as (:Migration {id, checksum}) and skipped next time.
 * Statements are idempotent (IF NOT EXISTS), so a run interrupted half-way is
 * safe to repeat; so are the code steps some migrations have (AFTER_STATEMENTS),
 * which run before the migration is recorded; `steps` gives those that need
 * more than the database. Waits for new indexes to come online before returning.
 */
export async function applyMigrations(executor: Executor, steps: Record<string, MigrationStep> = {}): Promise<MigrationResult> {
  const dir = path.join(CYPHER_DIR, 'migrations');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.cypher')).sort();
  const recorded = await executor.read<{ id: string; checksum: string }>(cypherQuery('migration/applied'));
  const done = new Set(recorded.map((r) => r.id));
  const result: MigrationResult = { applied: [], skipped: [], pending: [] };
  for (const file of files) {
    const id = file.replace(/\.cypher$/, '');
    if (done.has(id)) {
      result.skipped.push(id);
      continue;
    }
    const step = AFTER_STATEMENTS[id] ?? steps[id];
    if (!step && STEPS_FROM_CALLER.has(id)) {
      result.pending.push(id);
      continue;
    }
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const [index, statement] of splitStatements(text).entries()) {
      await executor.write({ name: `migration/${id}#${index + 1}`, text: statement });
    }
    await step?.(executor);
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
