import type { GraphQLResolveInfo } from 'graphql';
import { z } from 'zod';
import { cypherQuery, cypherTemplate, type CypherQuery } from '../../db/cypher';
import type { Context } from '../../context';
import type { EntityLabel } from '../../domain/model';
import type { Resolvers } from '../../generated/graphql';
import { entityPlan, selectionContext, selects, subfields } from '../../translate/selection';
import { countryCode, idList, isoDate, pageSize, parseArgs, searchText } from '../../validation';
import { buildLuceneQuery } from '../search/lucene';
import { toConnection, type ConnectionRecord } from './connection';
import { decodeCursor } from './cursor';
import { readListPage } from './repository';

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

/** The list's filter statement: its own file when it has filters beyond ids and text, else the generic one. */
function filterQuery(label: keyof typeof LISTS): CypherQuery {
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

/** The entity plan of a connection: what `edges { node }` and `nodes` select, merged. */
export function connectionPlan(label: EntityLabel, info: GraphQLResolveInfo) {
  const ctx = selectionContext(info);
  const nodes = [...subfields(subfields(info.fieldNodes, 'edges', ctx), 'node', ctx), ...subfields(info.fieldNodes, 'nodes', ctx)];
  return { plan: entityPlan(nodes, [label], ctx), withTotalCount: selects(info.fieldNodes, 'totalCount', ctx) };
}

async function list(label: keyof typeof LISTS, args: unknown, ctx: Context, info: GraphQLResolveInfo): Promise<ConnectionRecord> {
  const parsed = parseArgs(LISTS[label], args) as z.infer<(typeof LISTS)['Organization']>;
  const filter = (parsed.filter ?? {}) as Record<string, unknown>;
  const after = parsed.after ? decodeCursor(parsed.after) : null;
  const text = filter.text as string | null | undefined;
  const lucene = text ? buildLuceneQuery(text) : null;
  if (text && !lucene) return toConnection({ records: [], hasNextPage: false, totalCount: async () => 0 }, after !== null);
  const first = parsed.first ?? 20;
  const page = await readListPage(ctx.executor, {
    label,
    filterQuery: filterQuery(label),
    filter: { ids: filter.ids ?? null, ...paramsFor(label, filter) },
    lucene,
    order: parsed.orderBy === 'NAME_DESC' ? 'DESC' : 'ASC',
    after,
    limit: first + 1,
    ...connectionPlan(label, info),
  });
  return toConnection(page, after !== null);
}

const connectionFields = {
  totalCount: (c: ConnectionRecord) => c.totalCount(),
};

export const listResolvers: Resolvers = {
  Query: {
    organizations: (_r, args, ctx, info) => list('Organization', args, ctx, info),
    people: (_r, args, ctx, info) => list('Person', args, ctx, info),
    technologies: (_r, args, ctx, info) => list('Technology', args, ctx, info),
    modalities: (_r, args, ctx, info) => list('Modality', args, ctx, info),
    indications: (_r, args, ctx, info) => list('Indication', args, ctx, info),
    agreements: (_r, args, ctx, info) => list('Agreement', args, ctx, info),
    events: (_r, args, ctx, info) => list('Event', args, ctx, info),
    funds: (_r, args, ctx, info) => list('Fund', args, ctx, info),
    policies: (_r, args, ctx, info) => list('Policy', args, ctx, info),
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
