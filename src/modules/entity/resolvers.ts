import { z } from 'zod';
import type { RelationshipType } from '../../domain/model';
import type { Context } from '../../context';
import type { EntityType, Resolvers } from '../../generated/graphql';
import { entityId, idList, pageSize, parseArgs } from '../inputs';
import type { RelationDirection } from './loaders';
import {
  BOOKKEEPING,
  CORE_FIELDS,
  plain,
  publicProperties,
  relationshipCitations,
  type EntityRecord,
  type RelatedRecord,
} from './records';
import { listEntities } from '../list/repository';
import { listSources } from './repository';

/** The parent's relationships of some types, each carrying the parent as `self`. */
async function related(ctx: Context, parent: EntityRecord, types: RelationshipType[], direction: RelationDirection): Promise<RelatedRecord[]> {
  const list = await ctx.loaders.related(parent.id, types, direction);
  return list.map((r) => ({ ...r, self: parent }));
}

async function relatedNodes(ctx: Context, parent: EntityRecord, types: RelationshipType[], direction: RelationDirection): Promise<EntityRecord[]> {
  return (await related(ctx, parent, types, direction)).map((r) => r.node);
}

async function firstNode(ctx: Context, parent: EntityRecord, type: RelationshipType, direction: RelationDirection, label?: string) {
  const nodes = await relatedNodes(ctx, parent, [type], direction);
  return nodes.find((n) => !label || n.label === label) ?? null;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

const relationsArgs = z.object({
  types: z.array(z.string()).max(30).nullish(),
  direction: z.enum(['OUTGOING', 'INCOMING', 'BOTH']).nullish(),
  first: pageSize(1000).nullish(),
});

/** The Entity interface's fields, shared by every entity type. */
const entityFields = {
  id: (p: EntityRecord) => p.id,
  name: (p: EntityRecord) => String(p.props.name ?? ''),
  aliases: (p: EntityRecord) => strings(p.props.aliases),
  type: (p: EntityRecord) => p.label.toUpperCase() as EntityType,
  kind: (p: EntityRecord) => str(p.props.kind),
  description: (p: EntityRecord) => String(p.props.description ?? ''),
  facts: (p: EntityRecord) =>
    Object.entries(p.props)
      .filter(([key]) => !BOOKKEEPING.has(key) && !CORE_FIELDS.has(key))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, value]) => ({ name, value: plain(value) })),
  sources: (p: EntityRecord, _args: unknown, ctx: Context) => ctx.loaders.citations.load(p.id),
  relations: async (p: EntityRecord, args: unknown, ctx: Context) => {
    const { types, direction, first } = parseArgs(relationsArgs, args);
    const list = await related(ctx, p, (types ?? []) as RelationshipType[], direction ?? 'BOTH');
    return list.slice(0, first ?? 100);
  },
};

/** Fields shared by the edge types built on a relationship (Role, Talk, EventParticipation, AgreementParty). */
const citationsOf = (r: RelatedRecord) => relationshipCitations(r.props);

export const entityResolvers: Resolvers = {
  Query: {
    entity: (_root, args, ctx) => ctx.loaders.entity.load(parseArgs(z.object({ id: entityId }), args).id),
    entities: (_root, args, ctx) => ctx.loaders.entity.loadMany(parseArgs(z.object({ ids: idList }), args).ids) as Promise<(EntityRecord | null)[]>,
    sources: (_root, _args, ctx) => listSources(ctx.executor),
    source: (_root, args, ctx) => ctx.loaders.source.load(parseArgs(z.object({ id: entityId }), args).id),
    countries: async (_root, _args, ctx) => {
      const page = await listEntities(ctx.executor, { label: 'Country', params: { ids: null, textIds: null }, order: 'ASC', first: 300, after: null });
      return page.records;
    },
  },
  Entity: {
    __resolveType: (p) => p.label,
  },
  Citation: {
    source: async (p, _args, ctx) => {
      const source = await ctx.loaders.source.load(p.sourceId);
      if (!source) throw new Error(`citation names unknown source ${p.sourceId}`);
      return source;
    },
    evidence: (p) => p.evidence,
  },
  Source: {
    id: (p) => p.id,
    publisher: (p) => String(p.props.publisher),
    title: (p) => String(p.props.title),
    publishedOn: (p) => String(p.props.publishedOn),
    url: (p) => str(p.props.url),
    section: (p) => str(p.props.section),
    language: (p) => String(p.props.language ?? 'en'),
    document: (p) => str(p.props.document),
    statementCount: (p, _args, ctx) => ctx.loaders.statementCount.load(p.id),
  },
  Relation: {
    id: (r) => r.id,
    type: (r) => r.type,
    direction: (r) => r.direction,
    node: (r) => r.node,
    properties: (r) => publicProperties(r.props),
    sources: citationsOf,
  },
  Role: {
    person: (r) => (r.direction === 'OUTGOING' ? selfOf(r) : r.node),
    organization: (r) => (r.direction === 'OUTGOING' ? r.node : selfOf(r)),
    title: (r) => str(r.props.title),
    unit: (r) => str(r.props.unit),
    sources: citationsOf,
  },
  Talk: {
    person: (r) => (r.direction === 'OUTGOING' ? selfOf(r) : r.node),
    event: (r) => (r.direction === 'OUTGOING' ? r.node : selfOf(r)),
    topic: (r) => str(r.props.topic),
    sources: citationsOf,
  },
  EventParticipation: {
    event: (r) => (r.direction === 'OUTGOING' ? r.node : selfOf(r)),
    participant: (r) => (r.direction === 'OUTGOING' ? selfOf(r) : r.node),
    participation: (r) => r.type as 'ORGANIZED' | 'CO_HOSTED' | 'PARTICIPATED_IN',
    role: (r) => str(r.props.role),
    sources: citationsOf,
  },
  AgreementParty: {
    agreement: (r) => (r.direction === 'OUTGOING' ? r.node : selfOf(r)),
    organization: (r) => (r.direction === 'OUTGOING' ? selfOf(r) : r.node),
    role: (r) => String(r.props.role) as 'LICENSOR',
    sources: citationsOf,
  },
  Organization: {
    ...entityFields,
    organizationKind: (p) => String(p.props.kind) as 'COMPANY',
    countryCode: (p) => str(p.props.country),
    country: (p, _a, ctx) => firstNode(ctx, p, 'LOCATED_IN', 'OUTGOING', 'Country'),
    people: (p, _a, ctx) => related(ctx, p, ['HOLDS_ROLE'], 'INCOMING'),
    technologies: (p, _a, ctx) => relatedNodes(ctx, p, ['DEVELOPS'], 'OUTGOING'),
    modalities: (p, _a, ctx) => relatedNodes(ctx, p, ['USES_MODALITY'], 'OUTGOING'),
    indications: (p, _a, ctx) => relatedNodes(ctx, p, ['TARGETS_INDICATION'], 'OUTGOING'),
    agreements: (p, _a, ctx) => related(ctx, p, ['PARTY_TO'], 'OUTGOING'),
    facilitated: (p, _a, ctx) => relatedNodes(ctx, p, ['FACILITATED'], 'OUTGOING'),
    events: (p, _a, ctx) => related(ctx, p, ['ORGANIZED', 'CO_HOSTED', 'PARTICIPATED_IN'], 'OUTGOING'),
    administers: (p, _a, ctx) => relatedNodes(ctx, p, ['ADMINISTERS'], 'OUTGOING'),
    parent: (p, _a, ctx) => firstNode(ctx, p, 'PART_OF', 'OUTGOING', 'Organization'),
    units: async (p, _a, ctx) => (await relatedNodes(ctx, p, ['PART_OF'], 'INCOMING')).filter((n) => n.label === 'Organization'),
    focusAreas: (p, _a, ctx) => relatedNodes(ctx, p, ['FOCUSES_ON'], 'OUTGOING'),
  },
  Person: {
    ...entityFields,
    honorific: (p) => str(p.props.honorific),
    roles: (p, _a, ctx) => related(ctx, p, ['HOLDS_ROLE'], 'OUTGOING'),
    talks: (p, _a, ctx) => related(ctx, p, ['SPOKE_AT'], 'OUTGOING'),
  },
  Technology: {
    ...entityFields,
    technologyKind: (p) => String(p.props.kind) as 'PLATFORM',
    developers: (p, _a, ctx) => relatedNodes(ctx, p, ['DEVELOPS'], 'INCOMING'),
    modalities: (p, _a, ctx) => relatedNodes(ctx, p, ['USES_MODALITY'], 'OUTGOING'),
    indications: (p, _a, ctx) => relatedNodes(ctx, p, ['TARGETS_INDICATION'], 'OUTGOING'),
    agreements: (p, _a, ctx) => relatedNodes(ctx, p, ['COVERS'], 'INCOMING'),
  },
  Modality: {
    ...entityFields,
    technologies: async (p, _a, ctx) => byLabel(await relatedNodes(ctx, p, ['USES_MODALITY'], 'INCOMING'), 'Technology'),
    organizations: async (p, _a, ctx) => byLabel(await relatedNodes(ctx, p, ['USES_MODALITY'], 'INCOMING'), 'Organization'),
  },
  Indication: {
    ...entityFields,
    technologies: async (p, _a, ctx) => byLabel(await relatedNodes(ctx, p, ['TARGETS_INDICATION'], 'INCOMING'), 'Technology'),
    organizations: async (p, _a, ctx) => byLabel(await relatedNodes(ctx, p, ['TARGETS_INDICATION'], 'INCOMING'), 'Organization'),
  },
  Fund: {
    ...entityFields,
    countryCode: (p) => str(p.props.country),
    administrators: (p, _a, ctx) => relatedNodes(ctx, p, ['ADMINISTERS'], 'INCOMING'),
    policies: (p, _a, ctx) => relatedNodes(ctx, p, ['SUPPORTS'], 'OUTGOING'),
  },
  Policy: {
    ...entityFields,
    countryCode: (p) => str(p.props.country),
    partOf: (p, _a, ctx) => firstNode(ctx, p, 'PART_OF', 'OUTGOING', 'Policy'),
    pillars: async (p, _a, ctx) => byLabel(await relatedNodes(ctx, p, ['PART_OF'], 'INCOMING'), 'Policy'),
    funds: (p, _a, ctx) => relatedNodes(ctx, p, ['SUPPORTS'], 'INCOMING'),
    administrators: (p, _a, ctx) => relatedNodes(ctx, p, ['ADMINISTERS'], 'INCOMING'),
  },
  Event: {
    ...entityFields,
    startDate: (p) => String(p.props.startDate),
    endDate: (p) => str(p.props.endDate),
    city: (p) => str(p.props.city),
    countryCode: (p) => str(p.props.country),
    venue: (p, _a, ctx) => firstNode(ctx, p, 'HELD_AT', 'OUTGOING'),
    organizers: (p, _a, ctx) => relatedNodes(ctx, p, ['ORGANIZED'], 'INCOMING'),
    coHosts: (p, _a, ctx) => relatedNodes(ctx, p, ['CO_HOSTED'], 'INCOMING'),
    participants: (p, _a, ctx) => related(ctx, p, ['ORGANIZED', 'CO_HOSTED', 'PARTICIPATED_IN'], 'INCOMING'),
    talks: (p, _a, ctx) => related(ctx, p, ['SPOKE_AT'], 'INCOMING'),
    agreementsSigned: (p, _a, ctx) => relatedNodes(ctx, p, ['SIGNED_AT'], 'INCOMING'),
  },
  Agreement: {
    ...entityFields,
    agreementKind: (p) => String(p.props.kind) as 'LICENSE',
    exclusive: (p) => p.props.exclusive === true,
    territory: (p, _a, ctx) => relatedNodes(ctx, p, ['APPLIES_IN'], 'OUTGOING'),
    rightsGranted: (p) => strings(p.props.rightsGranted),
    signedOn: (p) => str(p.props.signedOn),
    signedAt: (p, _a, ctx) => firstNode(ctx, p, 'SIGNED_AT', 'OUTGOING'),
    parties: (p, _a, ctx) => related(ctx, p, ['PARTY_TO'], 'INCOMING'),
    licensor: async (p, _a, ctx) => partyWithRole(await related(ctx, p, ['PARTY_TO'], 'INCOMING'), 'LICENSOR'),
    licensee: async (p, _a, ctx) => partyWithRole(await related(ctx, p, ['PARTY_TO'], 'INCOMING'), 'LICENSEE'),
    facilitators: (p, _a, ctx) => relatedNodes(ctx, p, ['FACILITATED'], 'INCOMING'),
    covers: (p, _a, ctx) => relatedNodes(ctx, p, ['COVERS'], 'OUTGOING'),
  },
  Country: {
    ...entityFields,
    code: (p) => String(p.props.code),
    organizationCount: (p, _a, ctx) => ctx.loaders.organizationCount.load(String(p.props.code)),
  },
};

function byLabel(nodes: EntityRecord[], label: string): EntityRecord[] {
  return nodes.filter((n) => n.label === label);
}

function partyWithRole(parties: RelatedRecord[], role: string): EntityRecord | null {
  return parties.find((r) => r.props.role === role)?.node ?? null;
}

/** The entity a relationship was read from (attached by related()). */
function selfOf(r: RelatedRecord): EntityRecord {
  if (!r.self) throw new Error(`relationship ${r.id} was read without its entity`);
  return r.self;
}
