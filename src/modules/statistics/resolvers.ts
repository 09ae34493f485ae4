import type { EntityType, Resolvers } from '../../generated/graphql';

export const statisticsResolvers: Resolvers = {
  Query: {
    statistics: (_root, _args, ctx) => ctx.statistics.get(),
  },
  Statistics: {
    maxAgeSeconds: (_s, _a, ctx) => Math.round(ctx.statistics.maxAgeMs / 1000),
    entitiesByType: (s) => s.entitiesByType.map((e) => ({ type: e.label.toUpperCase() as EntityType, count: e.count })),
  },
};
