import { z } from 'zod';
import type { EntityLabel } from '../../domain/model';
import { CONNECTION_LABELS } from '../../domain/entityTypes';
import { pageSize, searchText } from '../../validation';
import { privateFactNames } from './publicNames';

/** Largest page any list returns. */
export const MAX_PAGE_SIZE = 100;

/** Largest `where` input accepted, as JSON text; the compiler also bounds its depth and number of conditions. */
export const MAX_WHERE_BYTES = 20_000;

/**
 * A `where` input: its structure is checked by GraphQL (the export coerces it
 * with the same input type) and by the compiler (src/translate/where.ts); here
 * its size, and that every fact it names is public (publicNames.ts).
 */
export const whereInput = z
  .record(z.string(), z.unknown())
  .nullish()
  .refine((w) => JSON.stringify(w ?? {}).length <= MAX_WHERE_BYTES, `must be at most ${MAX_WHERE_BYTES} characters as JSON`)
  .superRefine((w, ctx) => {
    for (const { path, name } of privateFactNames(w)) ctx.addIssue({ code: 'custom', path, message: `${name} is bookkeeping, not a fact: it cannot be filtered on` });
  });

/** Every list's arguments (the GraphQL fields generated from the model): conditions, full text, sort keys and page. */
export const listArgs = z.object({
  where: whereInput,
  search: searchText.nullish(),
  sort: z.array(z.object({ field: z.string().max(60), direction: z.enum(['ASC', 'DESC']).nullish() })).max(5, 'at most 5 sort keys').nullish(),
  first: pageSize(MAX_PAGE_SIZE).nullish(),
  after: z.string().max(1000).nullish(),
});

/** The labels that have a paged list: every label but Country, whose list is plain (`connection: false` in the model). */
export type ListLabel = Exclude<EntityLabel, 'Country'>;

/** The labels that have a paged list (a connection with `where`, `search`, `sort` and an aggregate), in model order. */
export const LIST_LABELS = CONNECTION_LABELS as readonly ListLabel[];
