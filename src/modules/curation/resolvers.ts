import type { GraphQLResolveInfo } from 'graphql';
import { requireRole } from '../../auth';
import type { EntityLabel } from '../../domain/model';
import type { Resolvers } from '../../generated/graphql';
import type { Context } from '../context';
import { planAt } from '../entity/places';
import { publicProperties as publicProps, type EntityRecord } from '../entity/records';
import { readEntityGroups, readPlaced } from '../entity/repository';
import { parseDecideIdentity, parseLinkEntities, parseMergeEntities, parseRecentChanges, parseRecordAgreement, parseRetract, parseRetractSource, parseUpsertEntity } from './inputs';
import * as repository from './repository';

/** The entity a mutation wrote, at `field` of its payload, read again as the selection there asks when it asks for relationship fields (one query). */
async function selected(ctx: Context, info: GraphQLResolveInfo, field: string, written: EntityRecord, labels?: readonly EntityLabel[]): Promise<EntityRecord> {
  const {
    reads: [read],
  } = await readPlaced(ctx.executor, info.fieldName, [{ plan: planAt(info, ctx, [field], labels), records: [written] }]);
  return read!(written);
}

/** After a write: later fields of the same document and the dashboards must see it. */
function afterWrite(ctx: Context): void {
  ctx.loaders.clearAll();
  ctx.statistics.invalidate();
}

/**
 * Mutations: the role is checked before the input (an anonymous caller learns
 * nothing about validation), then the input, then one write transaction. The
 * request's loaders and the dashboard cache are cleared after every write.
 */
export const curationResolvers: Resolvers = {
  Query: {
    recentChanges: async (_p, args, ctx) => {
      requireRole(ctx, 'editor');
      const { first } = parseRecentChanges(args);
      return repository.recentChanges(ctx.executor, first);
    },
  },
  Mutation: {
    upsertEntity: async (_p, args, ctx, info) => {
      const user = requireRole(ctx, 'editor');
      const result = await repository.upsertEntity(ctx.executor, parseUpsertEntity(args), user.subject);
      afterWrite(ctx);
      return { ...result, entity: await selected(ctx, info, 'entity', result.entity) };
    },
    linkEntities: async (_p, args, ctx, info) => {
      const user = requireRole(ctx, 'editor');
      const result = await repository.linkEntities(ctx.executor, parseLinkEntities(args), user.subject);
      afterWrite(ctx);
      // The write returns the ends' ids only: both are read, each as its field selects it, in one query.
      const [from, to] = await readEntityGroups(ctx.executor, 'linkEntities', [
        { plan: planAt(info, ctx, ['from']), ids: [result.from] },
        { plan: planAt(info, ctx, ['to']), ids: [result.to] },
      ]);
      const end = (read: Map<string, EntityRecord> | undefined, id: string) => {
        const found = read?.get(id);
        if (!found) throw new Error(`entity ${id} vanished after being linked`);
        return found;
      };
      return { ...result, from: end(from, result.from), to: end(to, result.to), properties: publicProps(result.properties) };
    },
    recordAgreement: async (_p, args, ctx, info) => {
      const user = requireRole(ctx, 'editor');
      const result = await repository.recordAgreement(ctx.executor, parseRecordAgreement(args), user.subject);
      afterWrite(ctx);
      return { agreement: await selected(ctx, info, 'agreement', result.entity, ['Agreement']), created: result.created, change: result.change };
    },
    retract: async (_p, args, ctx) => {
      const user = requireRole(ctx, 'admin');
      const result = await repository.retract(ctx.executor, parseRetract(args), user.subject);
      afterWrite(ctx);
      return result;
    },
    retractSource: async (_p, args, ctx) => {
      const user = requireRole(ctx, 'admin');
      const result = await repository.retractSource(ctx.executor, parseRetractSource(args), user.subject);
      afterWrite(ctx);
      return result;
    },
    mergeEntities: async (_p, args, ctx, info) => {
      // A merge hides an id from every read, as a retraction does: not an editor's call alone.
      const user = requireRole(ctx, 'reviewer');
      const result = await repository.mergeEntities(ctx.executor, parseMergeEntities(args), user.subject);
      afterWrite(ctx);
      return { ...result, entity: await selected(ctx, info, 'entity', result.entity) };
    },
    decideIdentity: async (_p, args, ctx, info) => {
      // A confirmation may merge two entities: the reviewer's call, as mergeEntities.
      const user = requireRole(ctx, 'reviewer');
      const request = parseDecideIdentity(args);
      const result = await repository.decideIdentity(ctx.executor, request, user.subject);
      afterWrite(ctx);
      const decision = (await ctx.loaders.identityDecisions.load(result.entity.id)).find((d) => d.id === request.id);
      if (!decision) throw new Error(`identity decision ${request.id} is not about ${result.entity.id} after the ruling`);
      return { decision, entity: await selected(ctx, info, 'entity', result.entity), mergedId: result.mergedId, change: result.change };
    },
  },
};

