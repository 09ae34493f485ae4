import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context';
import type { EntityType, Resolvers } from '../../generated/graphql';
import { planAt } from '../entity/places';
import { readPlaced } from '../entity/repository';
import type { UsageRecord } from './repository';

/** Usage rows whose entities are read again as `entity` selects them, when it asks for relationship fields (one query per field). */
async function usages(rows: readonly UsageRecord[], ctx: Context, info: GraphQLResolveInfo): Promise<UsageRecord[]> {
  const {
    reads: [read],
  } = await readPlaced(ctx.executor, `statistics.${info.fieldName}`, [{ plan: planAt(info, ctx, ['entity']), records: rows.map((r) => r.entity) }]);
  return rows.map((r) => ({ ...r, entity: read!(r.entity) }));
}

export const statisticsResolvers: Resolvers = {
  Query: {
    statistics: (_root, _args, ctx) => ctx.statistics.get(),
  },
  Statistics: {
    maxAgeSeconds: (_s, _a, ctx) => Math.round(ctx.statistics.maxAgeMs / 1000),
    entitiesByType: (s) => s.entitiesByType.map((e) => ({ type: e.label.toUpperCase() as EntityType, count: e.count })),
    modalities: (s, _a, ctx, info) => usages(s.modalities, ctx, info),
    indications: (s, _a, ctx, info) => usages(s.indications, ctx, info),
  },
};
