import { z } from 'zod';
import { cypherQuery, cypherTemplate, type CypherQuery } from '../../db/cypher';
import type { EntityLabel } from '../../domain/model';
import { CONNECTION_LABELS } from '../../domain/entityTypes';
import { countryCode, idList, isoDate, pageSize, searchText } from '../../validation';

/** Largest page any list returns. */
export const MAX_PAGE_SIZE = 100;

/** Largest `where` input accepted, as JSON text; the compiler also bounds its depth and number of conditions. */
export const MAX_WHERE_BYTES = 20_000;

/** A `where` input: its structure is checked by GraphQL and by the compiler (src/translate/where.ts); here only its size. */
export const whereInput = z
  .record(z.string(), z.unknown())
  .nullish()
  .refine((w) => JSON.stringify(w ?? {}).length <= MAX_WHERE_BYTES, `must be at most ${MAX_WHERE_BYTES} characters as JSON`);

/** Every list's arguments (the GraphQL fields generated from the model): conditions, full text, sort keys and page. */
export const listArgs = z.object({
  where: whereInput,
  search: searchText.nullish(),
  sort: z.array(z.object({ field: z.string().max(60), direction: z.enum(['ASC', 'DESC']).nullish() })).max(5, 'at most 5 sort keys').nullish(),
  first: pageSize(MAX_PAGE_SIZE).nullish(),
  after: z.string().max(1000).nullish(),
});

const baseFilter = { text: searchText.nullish(), ids: idList.nullish() };
const codes = z.array(countryCode).max(250).nullish();
const ids = idList.nullish();

/** Each list's filter schema, as the export (src/http/listExport.ts) still takes it; the GraphQL lists take `where` and `search`. */
export const FILTERS = {
  Organization: z.object({ ...baseFilter, countries: codes, kinds: z.array(z.string()).nullish(), modalities: ids, indications: ids, participatedIn: ids, partyToAgreementKinds: z.array(z.string()).nullish() }),
  Person: z.object({ ...baseFilter, organizations: ids, spokeAt: ids }),
  Technology: z.object({ ...baseFilter, kinds: z.array(z.string()).nullish(), modalities: ids, indications: ids, developerCountries: codes }),
  Agreement: z.object({ ...baseFilter, kinds: z.array(z.string()).nullish(), territories: codes, exclusive: z.boolean().nullish(), parties: ids }),
  Event: z.object({ ...baseFilter, countries: codes, from: isoDate.nullish(), to: isoDate.nullish() }),
  Modality: z.object(baseFilter),
  Indication: z.object(baseFilter),
  Fund: z.object(baseFilter),
  Policy: z.object(baseFilter),
  Trial: z.object(baseFilter),
  Approval: z.object(baseFilter),
  Patent: z.object(baseFilter),
} satisfies Partial<Record<EntityLabel, z.ZodType>>;

/** The labels that have a paged list. */
export type ListLabel = keyof typeof FILTERS;

/** The labels that have a paged list (a connection with `where`, `search`, `sort` and an aggregate), in model order. */
export const LIST_LABELS = CONNECTION_LABELS as readonly ListLabel[];

/** Query parameters per label: every parameter its Cypher names, null when not filtered. */
export function paramsFor(label: ListLabel, f: Record<string, unknown>): Record<string, unknown> {
  const v = (key: string) => (f[key] === undefined ? null : f[key]);
  switch (label) {
    case 'Organization':
      return { kinds: v('kinds'), countries: v('countries'), modalities: v('modalities'), indications: v('indications'), participatedIn: v('participatedIn'), agreementKinds: v('partyToAgreementKinds') };
    case 'Person':
      return { organizations: v('organizations'), spokeAt: v('spokeAt') };
    case 'Technology':
      return { kinds: v('kinds'), modalities: v('modalities'), indications: v('indications'), developerCountries: v('developerCountries') };
    case 'Agreement':
      return { kinds: v('kinds'), territories: v('territories'), exclusive: v('exclusive'), parties: v('parties') };
    case 'Event':
      return { countries: v('countries'), from: v('from'), to: v('to') };
    default:
      return {};
  }
}

/** The list's filter statement: its own file when it has filters beyond ids and text, else the generic one. */
export function filterQuery(label: ListLabel): CypherQuery {
  const file = FILTER_QUERIES[label];
  return file ? cypherQuery(file) : cypherTemplate('list/entities', { label });
}

const FILTER_QUERIES: Partial<Record<EntityLabel, string>> = {
  Organization: 'list/organizations',
  Person: 'list/people',
  Technology: 'list/technologies',
  Agreement: 'list/agreements',
  Event: 'list/events',
};
