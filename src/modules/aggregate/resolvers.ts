import { z } from 'zod';
import type { Context } from '../context';
import type { Executor } from '../../db/executor';
import type { Resolvers } from '../../generated/graphql';
import { compileAggregate, MAX_GROUPS } from '../../translate/aggregate';
import { pageSize, parseArgs } from '../../validation';
import { LIST_LABELS, whereInput, type ListLabel } from '../list/inputs';
import { LIST_NAMES } from '../../domain/entityTypes';
import { readGroups } from './repository';
import type { AnchorChooser } from '../list/graphCounts';
import type { MaintainedAggregates } from './maintained';

const groupKey = z.object({
  field: z.string().min(1).max(60),
  bucket: z.enum(['YEAR', 'QUARTER', 'MONTH']).nullish(),
  via: z.string().min(1).max(60).nullish(),
});

const aggregateArgs = z.object({
  where: whereInput,
  groupBy: z.array(groupKey).max(4, 'at most 4 keys'),
  measures: z.object({ countDistinct: groupKey.nullish(), min: z.string().max(60).nullish(), max: z.string().max(60).nullish() }).nullish(),
  first: pageSize(MAX_GROUPS).nullish(),
});

export interface GroupRow {
  key: unknown[];
  count: number;
  countDistinct: number | null;
  min: unknown;
  max: unknown;
  /** Entities of the group placed by a date the sources dispute; null when no key is a date. */
  disputed: number | null;
}

export interface AggregateResult {
  groups: GroupRow[];
  totalCount: number;
  truncated: boolean;
}

/**
 * One grouped aggregate over a list's entities, from the arguments of its
 * `<list>Aggregate` field (validated here; BAD_USER_INPUT names the one at
 * fault): one query, the groups and the number of entities matched; or, when
 * `maintained` keeps a view that answers it (src/modules/aggregate/maintained.ts),
 * that view's groups, identical to the query's. Used by GraphQL and by the
 * aggregate export.
 */
export async function readAggregate(executor: Executor, label: ListLabel, args: unknown, anchors?: AnchorChooser, maintained?: MaintainedAggregates): Promise<AggregateResult> {
  const { where, groupBy, measures, first } = parseArgs(aggregateArgs, args);
  const limit = first ?? 100;
  const plan = anchors?.enabled === false ? 'scan' : 'auto';
  const read = { label, where: where ?? null, groupBy, measures: measures ?? {}, first: limit, plan } as const;
  // Compiled first: a bad key or field fails with the same error whichever path answers.
  const anchor = (await anchors?.choose(label, where)) ?? null;
  const query = compileAggregate({ ...read, anchor });
  const row = (await maintained?.answer(read)) ?? (await readGroups<GroupRow>(executor, query));
  const groups = row?.groups ?? [];
  return { groups: groups.slice(0, limit), totalCount: row?.totalCount ?? 0, truncated: groups.length > limit };
}

const aggregate = (label: ListLabel, args: unknown, ctx: Context) => readAggregate(ctx.executor, label, args, ctx.anchors, ctx.maintained);

export const aggregateResolvers: Resolvers = {
  Query: Object.fromEntries(LIST_LABELS.map((label) => [`${LIST_NAMES[label]}Aggregate`, (_r: unknown, args: unknown, ctx: Context) => aggregate(label, args, ctx)])),
};
