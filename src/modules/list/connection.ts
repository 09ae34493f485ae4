import type { EntityRecord } from '../entity/records';
import { encodeCursor } from '../../translate/cursor';
import type { ListPage } from './repository';

export interface EdgeRecord {
  cursor: string;
  node: EntityRecord;
}

/** What a *Connection field resolves to; totalCount runs its query only when selected. */
export interface ConnectionRecord {
  edges: EdgeRecord[];
  nodes: EntityRecord[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: () => Promise<number>;
}

/** Builds a Relay connection from a list page. */
export function toConnection(page: ListPage, hasPrevious: boolean): ConnectionRecord {
  const edges = page.records.map((node, i) => ({ cursor: encodeCursor(page.positions[i]!), node }));
  return {
    edges,
    nodes: page.records,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: hasPrevious,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: page.totalCount,
  };
}
