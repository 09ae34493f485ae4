import DataLoader from 'dataloader';
import type { Executor } from '../../db/executor';
import type { RelationshipType } from '../../domain/model';
import type { CitationRecord, EntityRecord, RelatedRecord, SourceRecord } from './records';
import { countOrganizationsByCountry, countStatements, findCitations, findEntities, findRelated, findSources } from './repository';

export type RelationDirection = 'OUTGOING' | 'INCOMING' | 'BOTH';

/**
 * The DataLoaders of one request. Each batches the keys asked for in one tick into
 * one database round trip and caches answers for the rest of the request.
 * `related(id, types, direction)` reads from one loader that fetches every
 * relationship of an entity at once, so all relationship fields of one level of
 * a query cost a single round trip together.
 */
export interface EntityLoaders {
  entity: DataLoader<string, EntityRecord | null>;
  citations: DataLoader<string, CitationRecord[]>;
  source: DataLoader<string, SourceRecord | null>;
  statementCount: DataLoader<string, number>;
  /** Organizations based in a country, by ISO code. */
  organizationCount: DataLoader<string, number>;
  /** Every relationship of an entity, sorted by type then the other end's name. */
  relations: DataLoader<string, RelatedRecord[]>;
  /** The entity's relationships of some types (all when empty) in one direction or both. */
  related(id: string, types: readonly RelationshipType[], direction: RelationDirection): Promise<RelatedRecord[]>;
}

/** Called with each batch's size, for metrics. */
export type BatchObserver = (loader: string, size: number) => void;

export function createEntityLoaders(executor: Executor, onBatch: BatchObserver = () => undefined): EntityLoaders {
  const observed =
    <K, V>(name: string, load: (keys: readonly K[]) => Promise<V[]>) =>
    (keys: readonly K[]) => {
      onBatch(name, keys.length);
      return load(keys);
    };
  const entity = new DataLoader<string, EntityRecord | null>(observed('entity', (ids) => findEntities(executor, ids)), { maxBatchSize: 1000 });
  const relations = new DataLoader<string, RelatedRecord[]>(
    observed('relations', async (ids: readonly string[]) => {
      const lists = await findRelated(executor, ids);
      for (const list of lists) for (const r of list) entity.prime(r.node.id, r.node);
      return lists;
    }),
    { maxBatchSize: 500 },
  );
  return {
    entity,
    relations,
    citations: new DataLoader(observed('citations', (ids: readonly string[]) => findCitations(executor, ids)), { maxBatchSize: 1000 }),
    source: new DataLoader(observed('source', (ids: readonly string[]) => findSources(executor, ids))),
    statementCount: new DataLoader(observed('statementCount', (ids: readonly string[]) => countStatements(executor, ids))),
    organizationCount: new DataLoader(observed('organizationCount', (codes: readonly string[]) => countOrganizationsByCountry(executor, codes))),
    async related(id, types, direction) {
      const all = await relations.load(id);
      return all.filter((r) => (types.length === 0 || types.includes(r.type)) && (direction === 'BOTH' || r.direction === direction));
    },
  };
}
