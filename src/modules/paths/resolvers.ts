import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { z } from 'zod';
import { IDENTITY_PROPERTIES } from '../../domain/entityTypes';
import { ORGANIZATION_KINDS, RELATIONSHIP_TYPE_NAMES, type RelationshipType } from '../../domain/model';
import type { Resolvers } from '../../generated/graphql';
import type { EntityPlan } from '../../translate/plan';
import type { SourceGroup } from '../../translate/entityGroups';
import { citationPlan, selectionContext, selects, subfields } from '../../translate/selection';
import { countryCode, entityId, idList, pageSize, parseArgs, partialDate } from '../../validation';
import type { CitationRecord, EntityRecord, SourceRecord } from '../entity/records';
import { planAt } from '../entity/places';
import { readPlaced, type Placed } from '../entity/repository';
import { languageOf, type Context } from '../context';
import type { PathRecord, ReasonRecord, SuggestionRecord } from './records';
import { type EntityGroup, findBrokers, findGroupPaths, findGroupReach, findNeighborhood, findPaths, findSuggestedPartners, findWhyNot } from './repository';

/** An integer argument from 1 to `max` (hops, depth). */
const between1And = (max: number) => z.number().int('must be an integer').min(1, 'must be at least 1').max(max, `must be at most ${max}`);

/** Relationship types to walk; empty or absent means the default (every type but LOCATED_IN). */
const relationshipTypes = z.array(z.enum(RELATIONSHIP_TYPE_NAMES as [RelationshipType, ...RelationshipType[]])).max(RELATIONSHIP_TYPE_NAMES.length * 2).nullish();

/** A group as the other end (EntityGroupInput): organizations of a country, of a kind when given. */
const entityGroup = z.object({
  label: z.literal('ORGANIZATION', { message: 'must be ORGANIZATION: only organizations form groups' }),
  country: countryCode,
  kind: z.enum(ORGANIZATION_KINDS).nullish(),
});

/** A validated group as the repository takes it. */
const groupOf = (g: z.infer<typeof entityGroup>): EntityGroup => ({ label: 'Organization', country: g.country, kind: g.kind ?? null });

const pathArgs = z
  .object({
    from: entityId,
    to: entityId.nullish(),
    group: entityGroup.nullish(),
    maxHops: between1And(6),
    first: pageSize(10),
    relationshipTypes,
    avoid: idList.nullish(),
    crossBorderOnly: z.boolean(),
    maxHubDegree: z.number().int().min(1, 'must be at least 1').max(1_000_000, 'must be at most 1000000').nullish(),
    includeUnverified: z.boolean(),
  })
  .refine((a) => a.from !== a.to, { message: 'must differ from `from`: a path needs two entities', path: ['to'] })
  .refine((a) => !a.to !== !a.group, { message: 'give exactly one of `to` and `group`', path: ['to'] });

const neighborhoodArgs = z.object({
  id: entityId,
  depth: between1And(3),
  relationshipTypes,
  limit: pageSize(500),
  includeUnverified: z.boolean(),
});

const brokersArgs = z
  .object({
    between: z.array(entityId).min(1, 'at least 1 id').max(10, 'at most 10 ids'),
    group: entityGroup.nullish(),
    first: pageSize(20),
    includeUnverified: z.boolean(),
    asOf: partialDate.nullish(),
  })
  .refine((a) => (a.group ? a.between.length <= 9 : new Set(a.between).size >= 2), { message: 'must name at least 2 different entities, or 1 to 9 with a group', path: ['between'] });

const suggestionArgs = z.object({
  id: entityId,
  country: countryCode.nullish(),
  group: entityGroup.nullish(),
  first: pageSize(20),
  includeUnverified: z.boolean(),
  asOf: partialDate.nullish(),
});

const whyNotArgs = z.object({
  id: entityId,
  other: entityId,
  country: countryCode.nullish(),
  group: entityGroup.nullish(),
  includeUnverified: z.boolean(),
  asOf: partialDate.nullish(),
});

const groupReachArgs = z.object({
  from: entityId,
  group: entityGroup,
  first: pageSize(20),
  includeUnverified: z.boolean(),
  asOf: partialDate.nullish(),
});

/** The plans of the entities of paths at `at` below the field (its nodes, its hops' ends, its hubs). */
function pathPlans(info: GraphQLResolveInfo, ctx: Context, at: readonly string[]): EntityPlan[] {
  return [...[['nodes'], ['hops', 'from'], ['hops', 'to'], ['hubs', 'entity']].map((path) => planAt(info, ctx, [...at, ...path])), planAt(info, ctx, [...at, 'member'], ['Organization'])];
}

/** The entities of `paths`, place by place, in the order of pathPlans. */
function pathPlaces(plans: EntityPlan[], paths: readonly PathRecord[]): Placed[] {
  const [nodes, from, to, hubs, member] = plans as [EntityPlan, EntityPlan, EntityPlan, EntityPlan, EntityPlan];
  return [
    { plan: nodes, records: paths.flatMap((p) => p.nodes) },
    { plan: from, records: paths.flatMap((p) => p.hops.map((h) => h.from)) },
    { plan: to, records: paths.flatMap((p) => p.hops.map((h) => h.to)) },
    { plan: hubs, records: paths.flatMap((p) => p.hubs.map((h) => h.entity)) },
    { plan: member, records: paths.flatMap((p) => (p.member ? [p.member] : [])) },
  ];
}

/** The sources the hops of `paths` (at `at` below the field) cite, when the selection asks for them (`hops { sources { source } }`). */
function hopSources(info: GraphQLResolveInfo, reader: Context, at: readonly string[], paths: readonly PathRecord[]): SourceGroup | null {
  const ctx = selectionContext(info, reader);
  const citations = [...at, 'hops', 'sources'].reduce<readonly FieldNode[]>((nodes, name) => subfields(nodes, name, ctx), info.fieldNodes);
  if (!selects(citations, 'source', ctx)) return null;
  return { ids: paths.flatMap((p) => p.hops.flatMap((h) => h.sources.map((c) => c.sourceId))), statementCount: citationPlan(citations, ctx).statementCount };
}

interface Reads {
  reads: ((record: EntityRecord) => EntityRecord)[];
  sources: Map<string, SourceRecord>;
}

const withSource = (sources: Map<string, SourceRecord>) => (c: CitationRecord) => {
  const source = sources.get(c.sourceId);
  return source ? { ...c, source } : c;
};

/** A path whose entities are replaced by their reads (`reads` in the order of pathPlans) and whose hops' citations carry their sources. */
function withReads(path: PathRecord, { reads: [nodes, from, to, hubs, member], sources }: Reads): PathRecord {
  return {
    ...path,
    member: path.member ? member!(path.member) : null,
    nodes: path.nodes.map(nodes!),
    hops: path.hops.map((h) => ({ ...h, from: from!(h.from), to: to!(h.to), sources: h.sources.map(withSource(sources)) })),
    hubs: path.hubs.map((h) => ({ ...h, entity: hubs!(h.entity) })),
  };
}

/** Suggestions whose organizations and shared entities are replaced by their reads (at `at` below the field). */
async function withSuggestionReads(ctx: Context, info: GraphQLResolveInfo, at: readonly string[], suggestions: SuggestionRecord[]): Promise<SuggestionRecord[]> {
  const {
    reads: [organization, shared],
  } = await readPlaced(ctx.executor, 'suggestedPartners', [
    { plan: planAt(info, ctx, [...at, 'organization'], ['Organization']), records: suggestions.map((s) => s.organization) },
    { plan: planAt(info, ctx, [...at, 'reasons', 'shared']), records: suggestions.flatMap((s) => s.reasons.map((r) => r.shared)) },
  ]);
  return suggestions.map((s) => ({ ...s, organization: organization!(s.organization), reasons: s.reasons.map((r: ReasonRecord) => ({ ...r, shared: shared!(r.shared) })) }));
}

/**
 * Query roots of partnership paths, neighbourhoods, brokers and partner suggestions;
 * the types' fields resolve by default, but for explanations, which answer in the reader's language. Argument defaults live in schema.graphql
 * only (the arguments are non-null there, so GraphQL always supplies a value).
 */
export const pathsResolvers: Resolvers = {
  PartnershipPath: { explanation: (p, args, ctx) => p.explanation[languageOf(args, ctx)], wayIn: (p, args, ctx) => p.wayIn?.[languageOf(args, ctx)] ?? null },
  PathHop: { explanation: (h, args, ctx) => h.explanation[languageOf(args, ctx)] },
  PathHub: { explanation: (h, args, ctx) => h.explanation[languageOf(args, ctx)] },
  SuggestionReason: { explanation: (r, args, ctx) => r.explanation[languageOf(args, ctx)] },
  SuggestionEvidence: { explanation: (e, args, ctx) => e.explanation[languageOf(args, ctx)] },
  GroupReach: { explanation: (g, args, ctx) => g.explanation[languageOf(args, ctx)] },
  GroupMember: { explanation: (m, args, ctx) => m.explanation[languageOf(args, ctx)] },
  WhyNot: { explanation: (w, args, ctx) => w.explanation[languageOf(args, ctx)] },
  Query: {
    partnershipPaths: async (_root, args, ctx, info) => {
      const a = parseArgs(pathArgs, args);
      const q = {
        from: a.from,
        maxHops: a.maxHops,
        first: a.first,
        types: a.relationshipTypes,
        avoid: a.avoid,
        crossBorderOnly: a.crossBorderOnly,
        maxHubDegree: a.maxHubDegree ?? null,
        includeUnverified: a.includeUnverified,
      };
      const paths = a.group ? await findGroupPaths(ctx.executor, { ...q, group: groupOf(a.group) }) : await findPaths(ctx.executor, { ...q, to: a.to! });
      const plans = pathPlans(info, ctx, []);
      const read = await readPlaced(ctx.executor, 'partnershipPaths', pathPlaces(plans, paths), hopSources(info, ctx, [], paths));
      return paths.map((path) => withReads(path, read));
    },
    neighborhood: async (_root, args, ctx, info) => {
      const a = parseArgs(neighborhoodArgs, args);
      const selection = selectionContext(info, ctx);
      const nodes = planAt(info, ctx, ['nodes']);
      const subgraph = await findNeighborhood(ctx.executor, {
        id: a.id,
        depth: a.depth,
        limit: a.limit,
        types: a.relationshipTypes,
        includeUnverified: a.includeUnverified,
        nodeProperties: nodes.properties === 'all' || nodes.properties.some((p) => !(IDENTITY_PROPERTIES as readonly string[]).includes(p)),
        edgeProperties: selects(subfields(info.fieldNodes, 'edges', selection), 'properties', selection),
      });
      const { reads: [read] } = await readPlaced(ctx.executor, 'neighborhood', [{ plan: nodes, records: subgraph.nodes }]);
      return { ...subgraph, nodes: subgraph.nodes.map(read!) };
    },
    brokers: async (_root, args, ctx, info) => {
      const a = parseArgs(brokersArgs, args);
      let brokers = await findBrokers(ctx.executor, { between: a.between, first: a.first, includeUnverified: a.includeUnverified, asOf: a.asOf, group: a.group ? groupOf(a.group) : null });
      const plans = pathPlans(info, ctx, ['paths']);
      const paths = brokers.flatMap((b) => b.paths);
      const {
        reads: [entity, ...pathReads],
        sources,
      } = await readPlaced(ctx.executor, 'brokers', [{ plan: planAt(info, ctx, ['entity']), records: brokers.map((b) => b.entity) }, ...pathPlaces(plans, paths)], hopSources(info, ctx, ['paths'], paths));
      brokers = brokers.map((b) => ({ ...b, entity: entity!(b.entity), paths: b.paths.map((p) => withReads(p, { reads: pathReads, sources })) }));
      return brokers;
    },
    suggestedPartners: async (_root, args, ctx, info) => {
      const a = parseArgs(suggestionArgs, args);
      const suggestions = await findSuggestedPartners(ctx.executor, {
        id: a.id,
        country: a.group?.country ?? a.country,
        kind: a.group?.kind ?? null,
        first: a.first,
        includeUnverified: a.includeUnverified,
        asOf: a.asOf,
      });
      return withSuggestionReads(ctx, info, [], suggestions);
    },
    whyNotSuggested: async (_root, args, ctx, info) => {
      const a = parseArgs(whyNotArgs, args);
      const why = await findWhyNot(ctx.executor, { id: a.id, other: a.other, country: a.group?.country ?? a.country, kind: a.group?.kind ?? null, first: 1, includeUnverified: a.includeUnverified, asOf: a.asOf });
      const {
        reads: [organization, shared],
      } = await readPlaced(ctx.executor, 'whyNotSuggested', [
        { plan: planAt(info, ctx, ['organization'], ['Organization']), records: [why.organization] },
        { plan: planAt(info, ctx, ['reasons', 'shared']), records: why.reasons.map((r) => r.shared) },
      ]);
      return { ...why, organization: organization!(why.organization), reasons: why.reasons.map((r) => ({ ...r, shared: shared!(r.shared) })) };
    },
    groupReach: async (_root, args, ctx, info) => {
      const a = parseArgs(groupReachArgs, args);
      const reach = await findGroupReach(ctx.executor, { id: a.from, group: groupOf(a.group), first: a.first, includeUnverified: a.includeUnverified, asOf: a.asOf });
      const {
        reads: [organization, shared, introducer, nearest],
      } = await readPlaced(ctx.executor, 'groupReach', [
        { plan: planAt(info, ctx, ['members', 'organization'], ['Organization']), records: reach.members.map((m) => m.organization) },
        { plan: planAt(info, ctx, ['members', 'reasons', 'shared']), records: reach.members.flatMap((m) => m.reasons.map((r) => r.shared)) },
        { plan: planAt(info, ctx, ['members', 'introducer']), records: reach.members.flatMap((m) => (m.introducer ? [m.introducer] : [])) },
        { plan: planAt(info, ctx, ['nearest'], ['Organization']), records: reach.nearest },
      ]);
      return {
        ...reach,
        nearest: reach.nearest.map(nearest!),
        members: reach.members.map((m) => ({ ...m, organization: organization!(m.organization), introducer: m.introducer ? introducer!(m.introducer) : null, reasons: m.reasons.map((r) => ({ ...r, shared: shared!(r.shared) })) })),
      };
    },
  },
};
