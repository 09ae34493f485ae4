import DataLoader from 'dataloader';
import type { Executor } from '../../db/executor';
import type { EntityPlan } from '../../translate/plan';
import type { ClaimRecord, DatedFactsRow, IdentityDecisionRecord } from '../provenance/records';
import { findClaims, findDatedFacts, findIdentityDecisions } from '../provenance/repository';
import type { CitationRecord, EntityRecord, SourceRecord } from './records';
import { countStatements, findCitations, findEntities, findSources, readEntitiesByIds } from './repository';

/**
 * The DataLoaders of one request. Each batches the keys asked for in one tick into
 * one database round trip and caches answers for the rest of the request.
 * They serve what is computed outside the read compiler: provenance (claims,
 * timelines, corroboration) and the entities and sources it names. Entities
 * reached through root fields are read by their root's compiled query instead.
 */
export interface EntityLoaders {
  /** An entity's stored properties (for names in sentences; not for answering a selection). */
  entity: DataLoader<string, EntityRecord | null>;
  /**
   * Entities read as `plan` selects them (one compiled query per plan and
   * tick): the entities provenance names (a claim's value, a conflict's
   * subject, a timeline entry's related entity), whose ids are known only once
   * the claims are computed.
   */
  selected(plan: EntityPlan): DataLoader<string, EntityRecord | null>;
  citations: DataLoader<string, CitationRecord[]>;
  /** Sources of citations read without them (a path's hops, claims, timelines). */
  source: DataLoader<string, SourceRecord | null>;
  statementCount: DataLoader<string, number>;
  /** Claims about an entity (and about relationships it starts). */
  claims: DataLoader<string, ClaimRecord[]>;
  /** An entity's properties and its relationships that carry dates (for its timeline). */
  datedFacts: DataLoader<string, DatedFactsRow | null>;
  /** Identity decisions about an entity (and about ids merged into it). */
  identityDecisions: DataLoader<string, IdentityDecisionRecord[]>;
  /**
   * Forgets everything cached. Call it after every write: a document with two
   * mutation fields shares one context, and a later field must read what the
   * earlier one committed (dataloader's README: clear after a mutation).
   */
  clearAll(): void;
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
  const byPlan = new Map<EntityPlan, DataLoader<string, EntityRecord | null>>();
  const selected = (plan: EntityPlan) => {
    let loader = byPlan.get(plan);
    if (!loader) {
      loader = new DataLoader(observed('selected', (ids: readonly string[]) => readEntitiesByIds(executor, plan, ids)), { maxBatchSize: 1000 });
      byPlan.set(plan, loader);
    }
    return loader;
  };
  const citations = new DataLoader(observed('citations', (ids: readonly string[]) => findCitations(executor, ids)), { maxBatchSize: 1000 });
  const source = new DataLoader(observed('source', (ids: readonly string[]) => findSources(executor, ids)));
  const statementCount = new DataLoader(observed('statementCount', (ids: readonly string[]) => countStatements(executor, ids)));
  const claims = new DataLoader(observed('claims', (ids: readonly string[]) => findClaims(executor, ids)), { maxBatchSize: 1000 });
  const datedFacts = new DataLoader(observed('datedFacts', (ids: readonly string[]) => findDatedFacts(executor, ids)), { maxBatchSize: 500 });
  const identityDecisions = new DataLoader(observed('identityDecisions', (ids: readonly string[]) => findIdentityDecisions(executor, ids)), { maxBatchSize: 1000 });
  return {
    entity,
    selected,
    citations,
    source,
    statementCount,
    claims,
    datedFacts,
    identityDecisions,
    clearAll: () => {
      byPlan.clear();
      for (const loader of [entity, citations, source, statementCount, claims, datedFacts, identityDecisions] as { clearAll(): unknown }[]) loader.clearAll();
    },
  };
}
