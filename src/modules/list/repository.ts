import type { CypherQuery } from '../../db/cypher';
import { cypherQuery, cypherTemplate, withConditions } from '../../db/cypher';
import type { Executor } from '../../db/executor';
import type { EntityLabel } from '../../domain/model';
import { toEntityRecord, type EntityRecord } from '../entity/records';
import type { Position } from './cursor';

/** The list filters that have their own query; other labels use list/entities. */
const FILTER_QUERIES: Partial<Record<EntityLabel, string>> = {
  Organization: 'list/organizations',
  Person: 'list/people',
  Technology: 'list/technologies',
  Agreement: 'list/agreements',
  Event: 'list/events',
};

export interface ListRequest {
  label: EntityLabel;
  /** Filter parameters of that label's query; a null or missing one means no condition. */
  params: Record<string, unknown>;
  order: 'ASC' | 'DESC';
  first: number;
  after: Position | null;
}

export interface ListPage {
  records: EntityRecord[];
  hasNextPage: boolean;
  /** Counts every match; called only when totalCount is selected. */
  totalCount: () => Promise<number>;
}

function filterQuery(label: EntityLabel): CypherQuery {
  const file = FILTER_QUERIES[label];
  return file ? cypherQuery(file) : cypherTemplate('list/entities', { label });
}

/**
 * One page of entities of a label, ordered by (name, id), starting after `after`.
 * Fetches first + 1 rows to know whether another page follows; one round trip,
 * plus one for totalCount when asked.
 */
export async function listEntities(executor: Executor, request: ListRequest): Promise<ListPage> {
  const filter = withConditions(filterQuery(request.label), request.params);
  const page: CypherQuery = {
    name: `${filter.name}+page`,
    text: `${filter.text}\n${cypherTemplate('list/page', { order: request.order }).text}`,
  };
  const rows = await executor.read<{ entity: { labels: string[]; props: Record<string, unknown> } }>(page, {
    ...request.params,
    after: request.after,
    limit: request.first + 1,
  });
  const records = rows.slice(0, request.first).map((r) => toEntityRecord(r.entity));
  const count: CypherQuery = { name: `${filter.name}+count`, text: `${filter.text}\n${cypherQuery('list/count').text}` };
  return {
    records,
    hasNextPage: rows.length > request.first,
    totalCount: async () => {
      const [row] = await executor.read<{ total: number }>(count, request.params);
      return row?.total ?? 0;
    },
  };
}
