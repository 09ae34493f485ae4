import { z } from 'zod';
import type { Context } from '../../context';
import type { EntityLabel } from '../../domain/model';
import type { Resolvers } from '../../generated/graphql';
import { countryCode, idList, isoDate, pageSize, parseArgs, searchText } from '../inputs';
import { matchingIds } from '../search/repository';
import { toConnection, type ConnectionRecord } from './connection';
import { decodeCursor } from './cursor';
import { listEntities } from './repository';

/** Largest page any list returns. */
export const MAX_PAGE_SIZE = 100;

const common = {
  orderBy: z.enum(['NAME_ASC', 'NAME_DESC']).nullish(),
  first: pageSize(MAX_PAGE_SIZE).nullish(),
  after: z.string().max(1000).nullish(),
};
const baseFilter = { text: searchText.nullish(), ids: idList.nullish() };
const codes = z.array(countryCode).max(250).nullish();
const ids = idList.nullish();

/** Each list's filter schema and how its fields become query parameters (null = no condition). */
const LISTS = {
  Organization: z.object({
    ...common,
    filter: z
      .object({ ...baseFilter, countries: codes, kinds: z.array(z.string()).nullish(), modalities: ids, indications: ids, participatedIn: ids, partyToAgreementKinds: z.array(z.string()).nullish() })
      .nullish(),
  }),
  Person: z.object({ ...common, filter: z.object({ ...baseFilter, organizations: ids, spokeAt: ids }).nullish() }),
  Technology: z.object({
    ...common,
    filter: z.object({ ...baseFilter, kinds: z.array(z.string()).nullish(), modalities: ids, indications: ids, developerCountries: codes }).nullish(),
  }),
  Agreement: z.object({
    ...common,
    filter: z.object({ ...baseFilter, kinds: z.array(z.string()).nullish(), territories: codes, exclusive: z.boolean().nullish(), parties: ids }).nullish(),
  }),
  Event: z.object({ ...common, filter: z.object({ ...baseFilter, countries: codes, from: isoDate.nullish(), to: isoDate.nullish() }).nullish() }),
  Modality: z.object({ ...common, filter: z.object(baseFilter).nullish() }),
  Indication: z.object({ ...common, filter: z.object(baseFilter).nullish() }),
  Fund: z.object({ ...common, filter: z.object(baseFilter).nullish() }),
  Policy: z.object({ ...common, filter: z.object(baseFilter).nullish() }),
} satisfies Partial<Record<EntityLabel, z.ZodType>>;

/** Query parameters per label: every parameter its Cypher names, null when not filtered. */
function paramsFor(label: keyof typeof LISTS, f: Record<string, unknown>): Record<string, unknown> {
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

async function list(label: keyof typeof LISTS, args: unknown, ctx: Context): Promise<ConnectionRecord> {
  const parsed = parseArgs(LISTS[label], args) as z.infer<(typeof LISTS)['Organization']>;
  const filter = (parsed.filter ?? {}) as Record<string, unknown>;
  const after = parsed.after ? decodeCursor(parsed.after) : null;
  const text = filter.text as string | null | undefined;
  const textIds = text ? await matchingIds(ctx.executor, text, [label]) : null;
  const page = await listEntities(ctx.executor, {
    label,
    params: { ids: filter.ids ?? null, textIds, ...paramsFor(label, filter) },
    order: parsed.orderBy === 'NAME_DESC' ? 'DESC' : 'ASC',
    first: parsed.first ?? 20,
    after,
  });
  return toConnection(page, after !== null);
}

const connectionFields = {
  totalCount: (c: ConnectionRecord) => c.totalCount(),
};

export const listResolvers: Resolvers = {
  Query: {
    organizations: (_r, args, ctx) => list('Organization', args, ctx),
    people: (_r, args, ctx) => list('Person', args, ctx),
    technologies: (_r, args, ctx) => list('Technology', args, ctx),
    modalities: (_r, args, ctx) => list('Modality', args, ctx),
    indications: (_r, args, ctx) => list('Indication', args, ctx),
    agreements: (_r, args, ctx) => list('Agreement', args, ctx),
    events: (_r, args, ctx) => list('Event', args, ctx),
    funds: (_r, args, ctx) => list('Fund', args, ctx),
    policies: (_r, args, ctx) => list('Policy', args, ctx),
  },
  OrganizationConnection: connectionFields,
  PersonConnection: connectionFields,
  TechnologyConnection: connectionFields,
  ModalityConnection: connectionFields,
  IndicationConnection: connectionFields,
  AgreementConnection: connectionFields,
  EventConnection: connectionFields,
  FundConnection: connectionFields,
  PolicyConnection: connectionFields,
};
