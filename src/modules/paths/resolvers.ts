import { z } from 'zod';
import { IDENTITY_PROPERTIES } from '../../domain/entityTypes';
import { ENTITY_LABELS, RELATIONSHIP_TYPE_NAMES, type RelationshipType } from '../../domain/model';
import type { Resolvers } from '../../generated/graphql';
import { entityPlan, selectionContext, selects, subfields } from '../../translate/selection';
import { countryCode, entityId, idList, pageSize, parseArgs } from '../../validation';
import { findBrokers, findNeighborhood, findPaths, findSuggestedPartners } from './repository';

/** An integer argument from 1 to `max` (hops, depth). */
const between1And = (max: number) => z.number().int('must be an integer').min(1, 'must be at least 1').max(max, `must be at most ${max}`);

/** Relationship types to walk; empty or absent means the default (every type but LOCATED_IN). */
const relationshipTypes = z.array(z.enum(RELATIONSHIP_TYPE_NAMES as [RelationshipType, ...RelationshipType[]])).max(RELATIONSHIP_TYPE_NAMES.length * 2).nullish();

const pathArgs = z
  .object({
    from: entityId,
    to: entityId,
    maxHops: between1And(6),
    first: pageSize(10),
    relationshipTypes,
    avoid: idList.nullish(),
    crossBorderOnly: z.boolean(),
    maxHubDegree: z.number().int().min(1, 'must be at least 1').max(1_000_000, 'must be at most 1000000').nullish(),
    includeUnverified: z.boolean(),
  })
  .refine((a) => a.from !== a.to, { message: 'must differ from `from`: a path needs two entities', path: ['to'] });

const neighborhoodArgs = z.object({
  id: entityId,
  depth: between1And(3),
  relationshipTypes,
  limit: pageSize(500),
  includeUnverified: z.boolean(),
});

const brokersArgs = z.object({
  between: z
    .array(entityId)
    .min(2, 'at least 2 ids')
    .max(10, 'at most 10 ids')
    .refine((ids) => new Set(ids).size >= 2, 'must name at least 2 different entities'),
  first: pageSize(20),
  includeUnverified: z.boolean(),
});

const suggestionArgs = z.object({
  id: entityId,
  country: countryCode.nullish(),
  first: pageSize(20),
  includeUnverified: z.boolean(),
});

/**
 * Query roots of partnership paths, neighbourhoods, brokers and partner suggestions;
 * the types' fields resolve by default. Argument defaults live in schema.graphql
 * only (the arguments are non-null there, so GraphQL always supplies a value).
 */
export const pathsResolvers: Resolvers = {
  Query: {
    partnershipPaths: (_root, args, ctx) => {
      const a = parseArgs(pathArgs, args);
      return findPaths(ctx.executor, {
        from: a.from,
        to: a.to,
        maxHops: a.maxHops,
        first: a.first,
        types: a.relationshipTypes,
        avoid: a.avoid,
        crossBorderOnly: a.crossBorderOnly,
        maxHubDegree: a.maxHubDegree ?? null,
        includeUnverified: a.includeUnverified,
      });
    },
    neighborhood: (_root, args, ctx, info) => {
      const a = parseArgs(neighborhoodArgs, args);
      const selection = selectionContext(info);
      const nodes = entityPlan(subfields(info.fieldNodes, 'nodes', selection), ENTITY_LABELS, selection);
      return findNeighborhood(ctx.executor, {
        id: a.id,
        depth: a.depth,
        limit: a.limit,
        types: a.relationshipTypes,
        includeUnverified: a.includeUnverified,
        nodeProperties: nodes.properties === 'all' || nodes.properties.some((p) => !(IDENTITY_PROPERTIES as readonly string[]).includes(p)),
        edgeProperties: selects(subfields(info.fieldNodes, 'edges', selection), 'properties', selection),
      });
    },
    brokers: (_root, args, ctx) => {
      const a = parseArgs(brokersArgs, args);
      return findBrokers(ctx.executor, { between: a.between, first: a.first, includeUnverified: a.includeUnverified });
    },
    suggestedPartners: (_root, args, ctx) => {
      const a = parseArgs(suggestionArgs, args);
      return findSuggestedPartners(ctx.executor, { id: a.id, country: a.country, first: a.first, includeUnverified: a.includeUnverified });
    },
  },
};
