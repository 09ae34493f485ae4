import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context';
import type { Language } from '../../domain/language';
import type { EntityLabel } from '../../domain/model';
import type { Resolvers } from '../../generated/graphql';
import { entityPlan, selectionContext, selects, subfields } from '../../translate/selection';
import { parseArgs } from '../../validation';
import { buildLuceneQuery } from '../search/lucene';
import { toConnection, type ConnectionRecord } from './connection';
import { decodeCursor } from '../../translate/cursor';
import { LIST_LABELS, listArgs, type ListLabel } from './inputs';
import { LIST_NAMES } from '../../domain/entityTypes';
import { readListPage } from './repository';

/** The entity plan of a connection: what `edges { node }` and `nodes` select, merged, for a reader of `reader.language`. */
export function connectionPlan(label: EntityLabel, info: GraphQLResolveInfo, reader: { language?: Language }) {
  const ctx = selectionContext(info, reader);
  const nodes = [...subfields(subfields(info.fieldNodes, 'edges', ctx), 'node', ctx), ...subfields(info.fieldNodes, 'nodes', ctx)];
  return { plan: entityPlan(nodes, [label], ctx), withTotalCount: selects(info.fieldNodes, 'totalCount', ctx) };
}

async function list(label: ListLabel, args: unknown, ctx: Context, info: GraphQLResolveInfo): Promise<ConnectionRecord> {
  const parsed = parseArgs(listArgs, args);
  const sort = parsed.sort?.length ? parsed.sort : [{ field: 'NAME' }];
  const after = parsed.after ? decodeCursor(parsed.after, sort.length) : null;
  const lucene = parsed.search ? buildLuceneQuery(parsed.search) : null;
  if (parsed.search && !lucene) return toConnection({ records: [], positions: [], hasNextPage: false, totalCount: async () => 0 }, after !== null);
  const first = parsed.first ?? 20;
  const page = await readListPage(ctx.executor, {
    label,
    where: parsed.where ?? null,
    anchor: (await ctx.anchors?.choose(label, parsed.where)) ?? null,
    lucene,
    sort,
    after,
    limit: first + 1,
    ...connectionPlan(label, info, ctx),
  });
  return toConnection(page, after !== null);
}

const connectionFields = {
  totalCount: (c: ConnectionRecord) => c.totalCount(),
};

export const listResolvers: Resolvers = {
  Query: Object.fromEntries(
    LIST_LABELS.map((label) => [LIST_NAMES[label], (_r: unknown, args: Record<string, unknown>, ctx: Context, info: GraphQLResolveInfo) => list(label, args, ctx, info)]),
  ),
  ...Object.fromEntries(LIST_LABELS.map((label) => [`${label}Connection`, connectionFields])),
};
