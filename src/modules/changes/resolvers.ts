import { requireRole } from '../../auth';
import { ENTITY_LABELS } from '../../domain/model';
import type { Resolvers } from '../../generated/graphql';
import { getNamedType, type GraphQLResolveInfo } from 'graphql';
import { parseHistory, selectionContext, selectsFieldsOf } from '../../translate/selection';
import type { Context } from '../context';
import { LARGE_CHANGE_FIELDS, parseApprove, parseChangeId, parseChanges, parseProposeChange, parseRebase, parseReject, parseRevert } from './inputs';
import * as repository from './repository';
import type { ChangeView } from './records';
import { versionOf } from './versions';

/** After a write: later fields of the same document and the dashboards must see it. */
function afterWrite(ctx: Context): void {
  ctx.loaders.clearAll();
  ctx.statistics.invalidate();
}

/** Curators see changesets in every state: an editor (who proposes) or a reviewer (who reviews). */
function requireCurator(ctx: Context): NonNullable<Context['user']> {
  if (ctx.user?.roles.includes('reviewer')) return ctx.user;
  return requireRole(ctx, 'editor');
}

/** Whether the query selects, anywhere below this field (through fragments too), one of the large Change fields. */
const selectsLargeFields = (info: GraphQLResolveInfo, ctx: Context): boolean => selectsFieldsOf(info.fieldNodes, getNamedType(info.returnType), 'Change', LARGE_CHANGE_FIELDS, selectionContext(info, ctx));

/** A revision's change read by its id (a revision read without it). */
async function changeOf(ctx: Context, targetId: string, changeId: string): Promise<ChangeView> {
  const change = await repository.changeById(ctx.executor, changeId);
  if (!change) throw new Error(`revision of ${targetId} names unknown change ${changeId}`);
  return change;
}

const policyOf = (ctx: Context): repository.ReviewPolicy => ({ secondPerson: ctx.reviewSecondPerson ?? true });

const entityFields = {
  version: (p: { props: Record<string, unknown> }) => versionOf(p.props),
  // An entity's page was read with it (the compiled read); a relationship's is read here.
  history: (p: { id: string; fields?: Record<string, unknown> }, args: unknown, ctx: Context, info: GraphQLResolveInfo) => {
    const { first, beforeVersion } = parseHistory(args);
    const compiled = p.fields?.[String(info.path.key)];
    if (compiled !== undefined) return repository.historyPage(compiled as repository.HistoryRow[], first, beforeVersion);
    return repository.history(ctx.executor, p.id, first, beforeVersion, selectsLargeFields(info, ctx));
  },
};

/**
 * Changesets, review, history and the change feed. Proposing and rebasing need
 * the editor role, reverting the editor or reviewer role, reviewing the reviewer role (and, by default, not being the
 * changeset's author); reading history and approved changes is open to every
 * reader, as the graph itself is.
 */
export const changesResolvers: Resolvers = {
  Query: {
    change: async (_p, args, ctx) => {
      requireCurator(ctx);
      return repository.changeById(ctx.executor, parseChangeId(args).id);
    },
    changes: async (_p, args, ctx, info) => {
      const filter = parseChanges(args);
      if (filter.status.some((s) => s !== 'APPROVED')) requireCurator(ctx);
      return repository.changesPage(ctx.executor, filter, selectsLargeFields(info, ctx));
    },
  },
  Mutation: {
    proposeChange: async (_p, args, ctx) => {
      const user = requireRole(ctx, 'editor');
      const { operations, note } = parseProposeChange(args);
      return repository.proposeChange(ctx.executor, operations, note, user.subject);
    },
    approveChange: async (_p, args, ctx) => {
      const user = requireRole(ctx, 'reviewer');
      const { id, comment } = parseApprove(args);
      const change = await repository.approveChange(ctx.executor, id, user.subject, comment, policyOf(ctx));
      afterWrite(ctx);
      return change;
    },
    rejectChange: async (_p, args, ctx) => {
      const user = requireRole(ctx, 'reviewer');
      const { id, comment } = parseReject(args);
      return repository.rejectChange(ctx.executor, id, user.subject, comment, policyOf(ctx));
    },
    rebaseChange: async (_p, args, ctx) => {
      const user = requireRole(ctx, 'editor');
      const { id, operations, note } = parseRebase(args);
      return repository.rebaseChange(ctx.executor, id, user.subject, operations, note);
    },
    revertChange: async (_p, args, ctx) => {
      // A reviewer may press Revert too: it only proposes the inverse, for a second person to approve.
      const user = requireCurator(ctx);
      const { id, note } = parseRevert(args);
      return repository.revertChange(ctx.executor, id, note, user.subject);
    },
  },
  Change: {
    status: (c: ChangeView) => c.status ?? 'APPROVED',
    direct: (c: ChangeView) => c.direct ?? true,
    author: (c: ChangeView) => c.subject,
    operations: (c: ChangeView) => (c.operations ? (JSON.parse(c.operations) as unknown) : []),
    // Not async: a value read with the change is answered without a promise per change (a history page has 20).
    source: (c: ChangeView, _args, ctx) => (c.source !== undefined ? c.source : c.sourceId ? ctx.loaders.source.load(c.sourceId) : null),
    reviewer: (c: ChangeView) => c.reviewer ?? null,
    reviewedAt: (c: ChangeView) => c.reviewedAt ?? null,
    reviewComment: (c: ChangeView) => c.reviewComment ?? null,
    appliedAt: (c: ChangeView) => c.appliedAt ?? ((c.status ?? 'APPROVED') === 'APPROVED' ? c.at : null),
    revertOf: (c: ChangeView) => c.revertOf ?? null,
    rebasedAt: (c: ChangeView) => c.rebasedAt ?? null,
    revisions: (c: ChangeView, _args, ctx) => repository.revisionsOf(ctx.executor, c.id),
  },
  Revision: {
    targetKind: (r) => (r.targetKind === 'entity' ? 'ENTITY' : 'RELATIONSHIP'),
    change: (r, _args, ctx) => r.change ?? changeOf(ctx, r.targetId, r.changeId),
  },
  Relation: entityFields,
  ...Object.fromEntries(ENTITY_LABELS.map((label) => [label, entityFields])),
};
