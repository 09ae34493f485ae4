import { requireRole } from '../../auth';
import type { Resolvers } from '../../generated/graphql';
import type { Context } from '../context';
import { publicProperties as publicProps } from '../entity/records';
import { parseLinkEntities, parseMergeEntities, parseRecentChanges, parseRecordAgreement, parseRetract, parseRetractSource, parseUpsertEntity } from './inputs';
import * as repository from './repository';

/** Loads an entity the mutation just wrote (the loaders were cleared after the write, so it sees the commit). */
async function entity(ctx: Context, id: string) {
  const found = await ctx.loaders.entity.load(id);
  if (!found) throw new Error(`entity ${id} vanished after being written`);
  return found;
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
    upsertEntity: async (_p, args, ctx) => {
      const user = requireRole(ctx, 'editor');
      const result = await repository.upsertEntity(ctx.executor, parseUpsertEntity(args), user.subject);
      afterWrite(ctx);
      return result;
    },
    linkEntities: async (_p, args, ctx) => {
      const user = requireRole(ctx, 'editor');
      const result = await repository.linkEntities(ctx.executor, parseLinkEntities(args), user.subject);
      afterWrite(ctx);
      return { ...result, from: await entity(ctx, result.from), to: await entity(ctx, result.to), properties: publicProps(result.properties) };
    },
    recordAgreement: async (_p, args, ctx) => {
      const user = requireRole(ctx, 'editor');
      const result = await repository.recordAgreement(ctx.executor, parseRecordAgreement(args), user.subject);
      afterWrite(ctx);
      return { agreement: result.entity, created: result.created, change: result.change };
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
    mergeEntities: async (_p, args, ctx) => {
      // A merge hides an id from every read, as a retraction does: not an editor's call alone.
      const user = requireRole(ctx, 'reviewer');
      const result = await repository.mergeEntities(ctx.executor, parseMergeEntities(args), user.subject);
      afterWrite(ctx);
      return result;
    },
  },
};

