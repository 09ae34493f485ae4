import { requireRole } from '../../auth';
import { ENTITY_LABELS } from '../../domain/model';
import type { Resolvers } from '../../generated/graphql';
import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import type { Context } from '../context';
import { parseApprove, parseChangeId, parseChanges, parseHistory, parseProposeChange, parseRebase, parseReject, parseRevert } from './inputs';
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

/** The Change fields kept out of pages unless selected: the operations and before/after texts can be large. */
const LARGE_CHANGE_FIELDS = new Set(['operations', 'before', 'after']);

/** Whether the query selects, anywhere below this field (through fragments too), one of the large Change fields. */
function selectsLargeFields(info: GraphQLResolveInfo): boolean {
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).some((s) => {
      if (s.kind === 'Field') return LARGE_CHANGE_FIELDS.has(s.name.value) || walk(s.selectionSet);
      if (s.kind === 'InlineFragment') return walk(s.selectionSet);
      if (seen.has(s.name.value)) return false;
      seen.add(s.name.value);
      return walk(info.fragments[s.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node) => walk(node.selectionSet));
}

const policyOf = (ctx: Context): repository.ReviewPolicy => ({ secondPerson: ctx.reviewSecondPerson ?? true });

const entityFields = {
  version: (p: { props: Record<string, unknown> }) => versionOf(p.props),
  history: (p: { id: string }, args: unknown, ctx: Context, info: GraphQLResolveInfo) => {
    const { first, beforeVersion } = parseHistory(args);
    return repository.history(ctx.executor, p.id, first, beforeVersion, selectsLargeFields(info));
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
      return repository.changesPage(ctx.executor, filter, selectsLargeFields(info));
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
    source: async (c: ChangeView, _args, ctx) => (c.source !== undefined ? c.source : c.sourceId ? ctx.loaders.source.load(c.sourceId) : null),
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
    change: async (r, _args, ctx) => {
      const change = r.change ?? (await repository.changeById(ctx.executor, r.changeId));
      if (!change) throw new Error(`revision of ${r.targetId} names unknown change ${r.changeId}`);
      return change;
    },
  },
  Relation: entityFields,
  ...Object.fromEntries(ENTITY_LABELS.map((label) => [label, entityFields])),
};
