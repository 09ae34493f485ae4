import type { Executor } from '../../db/executor';
import { compileListPage, type ListRead, type Position } from '../../translate/roots';
import { toEntityRecord, type EntityRecord, type NodeRow } from '../entity/records';

export interface ListPage {
  records: EntityRecord[];
  /** Each record's position (sort key values, then id): what its cursor encodes. */
  positions: Position[];
  hasNextPage: boolean;
  /** Counts every match; read in the same query when the selection asked for it. */
  totalCount: () => Promise<number>;
}

/**
 * One page of entities of a label, ordered by (name, id), starting after
 * `read.after`, with the selection's relationship fields and, when asked, the
 * total count: one query. Fetches one row more than a page to know whether
 * another page follows, so `read.limit` is the page size plus one.
 */
export async function readListPage(executor: Executor, read: ListRead): Promise<ListPage> {
  const query = compileListPage(read);
  const [row] = await executor.read<{ page: { sort: Position; entity: NodeRow }[]; totalCount?: number }>(query, query.params);
  const rows = (row?.page ?? []).slice(0, read.limit - 1);
  const pageSize = read.limit - 1;
  const total = row?.totalCount;
  return {
    records: rows.map((r) => toEntityRecord(r.entity)),
    positions: rows.map((r) => [...r.sort, String(r.entity.props.id)]),
    hasNextPage: (row?.page.length ?? 0) > pageSize,
    totalCount: async () => {
      if (total === undefined) throw new Error('totalCount was not part of the compiled list read');
      return total;
    },
  };
}
