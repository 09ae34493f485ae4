import DataLoader from 'dataloader';
import type { Executor } from '../../db/executor';
import { RELATIONSHIP_TYPE_NAMES, type RelationshipType } from '../../domain/model';
import type { ClaimRecord, DatedFactsRow } from '../provenance/records';
import { findClaims, findDatedFacts } from '../provenance/repository';
import type { CitationRecord, EntityRecord, RelatedRecord, SourceRecord } from './records';
import { countOrganizationsByCountry, countStatements, findCitations, findEntities, findRelated, findSources, type RelationshipSide } from './repository';

export type RelationDirection = 'OUTGOING' | 'INCOMING' | 'BOTH';

/**
 * The DataLoaders of one request. Each batches the keys asked for in one tick into
 * one database round trip and caches answers for the rest of the request.
 * `related(id, types, direction)` goes through one loader whose batch holds
 * every relationship field asked for in a tick, whatever the entity and the
 * types: all relationship fields of one level of a query cost one round trip.
 */
export interface EntityLoaders {
  entity: DataLoader<string, EntityRecord | null>;
  citations: DataLoader<string, CitationRecord[]>;
  source: DataLoader<string, SourceRecord | null>;
  statementCount: DataLoader<string, number>;
  /** Organizations based in a country, by ISO code. */
  organizationCount: DataLoader<string, number>;
  /** Claims about an entity (and about relationships it starts). */
  claims: DataLoader<string, ClaimRecord[]>;
  /** An entity's properties and its relationships that carry dates (for its timeline). */
  datedFacts: DataLoader<string, DatedFactsRow | null>;
  /** The entity's relationships of some types (all when empty) in one direction or both. */
  related(id: string, types: readonly RelationshipType[], direction: RelationDirection): Promise<RelatedRecord[]>;
  /**
   * Forgets everything cached. Call it after every write: a document with two
   * mutation fields shares one context, and a later field must read what the
   * earlier one committed (dataloader's README: clear after a mutation).
   */
  clearAll(): void;
}

interface RelatedKey {
  id: string;
  types: readonly RelationshipType[];
  direction: RelationDirection;
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
  const relations = new DataLoader<RelatedKey, RelatedRecord[], string>(
    observed('relations', async (keys: readonly RelatedKey[]) => {
      const ids = [...new Set(keys.map((k) => k.id))];
      const sides = new Map<string, RelationshipSide>();
      for (const key of keys) {
        const types = key.types.length ? key.types : RELATIONSHIP_TYPE_NAMES;
        for (const type of types) {
          if (key.direction !== 'INCOMING') sides.set(`${type}>`, { type, outgoing: true });
          if (key.direction !== 'OUTGOING') sides.set(`${type}<`, { type, outgoing: false });
        }
      }
      const lists = await findRelated(executor, ids, [...sides.values()]);
      const byId = new Map(ids.map((id, i) => [id, lists[i]!]));
      for (const list of lists) for (const r of list) entity.prime(r.node.id, r.node);
      return keys.map((key) =>
        (byId.get(key.id) ?? []).filter(
          (r) => (key.types.length === 0 || key.types.includes(r.type)) && (key.direction === 'BOTH' || r.direction === key.direction),
        ),
      );
    }),
    { maxBatchSize: 500, cacheKeyFn: (k) => `${k.id}|${k.direction}|${[...k.types].sort().join(',')}` },
  );
  const citations = new DataLoader(observed('citations', (ids: readonly string[]) => findCitations(executor, ids)), { maxBatchSize: 1000 });
  const source = new DataLoader(observed('source', (ids: readonly string[]) => findSources(executor, ids)));
  const statementCount = new DataLoader(observed('statementCount', (ids: readonly string[]) => countStatements(executor, ids)));
  const organizationCount = new DataLoader(observed('organizationCount', (codes: readonly string[]) => countOrganizationsByCountry(executor, codes)));
  const claims = new DataLoader(observed('claims', (ids: readonly string[]) => findClaims(executor, ids)), { maxBatchSize: 1000 });
  const datedFacts = new DataLoader(observed('datedFacts', (ids: readonly string[]) => findDatedFacts(executor, ids)), { maxBatchSize: 500 });
  return {
    entity,
    citations,
    source,
    statementCount,
    organizationCount,
    claims,
    datedFacts,
    related: (id, types, direction) => relations.load({ id, types, direction }),
    clearAll: () => {
      for (const loader of [entity, relations, citations, source, statementCount, organizationCount, claims, datedFacts] as { clearAll(): unknown }[]) loader.clearAll();
    },
  };
}
