import type { ManagedTransaction } from 'neo4j-driver';
import { AppError, ErrorCode } from '../errors';
import { describeDuplicate, findLikelyDuplicates, type LikelyDuplicate, type NewEntityNames } from './likelyDuplicates';
import type { WrittenNode } from '../domain/writeSchemas';

/**
 * LIKELY_DUPLICATE: a new id's name or alias closely matches an existing
 * entity's (src/entityResolution/likelyDuplicates.ts says what "closely" means). `field` is
 * the input field at fault, `existing` the entity it matches (id, name),
 * `duplicates` every match found.
 */
export class LikelyDuplicateError extends AppError {
  constructor(duplicates: LikelyDuplicate[]) {
    const first = duplicates[0]!;
    super(
      `Likely duplicate: ${describeDuplicate(first)}. Write to "${first.existing.id}" instead, merge the two with mergeEntities, ` +
        `or, if they are different, list "${first.existing.id}" in input.distinctFrom`,
      ErrorCode.LIKELY_DUPLICATE,
      {
        field: first.field,
        existing: first.existing,
        duplicates: duplicates.map((d) => ({ field: d.field, value: d.value, existing: d.existing, existingValue: d.existingValue, reason: d.reason })),
      },
    );
  }
}

/** The names of a node to check, each with the input field it came from (input.name, input.aliases.N). */
export function upsertNames(node: Pick<WrittenNode, 'id' | 'label' | 'name' | 'aliases'>): NewEntityNames {
  const names = [{ value: node.name, field: 'input.name' }, ...(node.aliases ?? []).map((value, i) => ({ value, field: `input.aliases.${i}` }))];
  return { id: node.id, label: node.label, names };
}

/** Refuses (LIKELY_DUPLICATE) the duplicates found but those the caller listed in `distinctFrom`. */
export function refuseFound(found: LikelyDuplicate[], distinctFrom: readonly string[]): void {
  const refused = found.filter((d) => !distinctFrom.includes(d.existing.id));
  if (refused.length > 0) throw new LikelyDuplicateError(refused);
}

/**
 * Refuses a node with a new id whose name or an alias closely matches a live
 * entity of its label under another id, unless the caller listed that id in
 * `distinctFrom`. Fields are named as in the mutation input (input.name,
 * input.aliases.N). Run it in the write transaction, before anything is written.
 */
export async function refuseLikelyDuplicate(tx: ManagedTransaction, node: Pick<WrittenNode, 'id' | 'label' | 'name' | 'aliases'>, distinctFrom: readonly string[]): Promise<void> {
  refuseFound(await findLikelyDuplicates(tx, [upsertNames(node)]), distinctFrom);
}
