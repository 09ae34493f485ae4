import { cypherQuery } from '../../db/cypher';
import type { Executor } from '../../db/executor';
import { RELATIONSHIP_TYPE_NAMES, type EntityLabel } from '../../domain/model';
import { DATED_LABELS, NODE_DATE_PROPERTIES } from './facts';
import type { ClaimRecord, DatedFactsRow, IdentityDecisionRecord } from './records';

/** The claims about each entity in `ids`, in the order of `ids`. One round trip. */
export async function findClaims(executor: Executor, ids: readonly string[]): Promise<ClaimRecord[][]> {
  const rows = await executor.read<{ id: string; claims: ClaimRecord[] }>(cypherQuery('provenance/claimsAbout'), { ids });
  const byId = new Map(rows.map((r) => [r.id, r.claims]));
  return ids.map((id) => byId.get(id) ?? []);
}

/** Dates the sources give on each entity and its relationships (null for an unknown id). One round trip. */
export async function findDatedFacts(executor: Executor, ids: readonly string[]): Promise<(DatedFactsRow | null)[]> {
  const rows = await executor.read<DatedFactsRow & { id: string }>(cypherQuery('provenance/datedFacts'), {
    ids,
    types: RELATIONSHIP_TYPE_NAMES,
    dateProperties: NODE_DATE_PROPERTIES,
    datedLabels: DATED_LABELS,
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** Ids of the entities (of these labels, or any) that claims are about, in name order. */
export async function findClaimedSubjects(executor: Executor, labels: readonly EntityLabel[] | null): Promise<string[]> {
  const [row] = await executor.read<{ ids: string[] }>(cypherQuery('provenance/claimedSubjects'), { labels });
  return row?.ids ?? [];
}

/** The identity decisions about each entity in `ids` (and about ids merged into it), in the order of `ids`. One round trip. */
export async function findIdentityDecisions(executor: Executor, ids: readonly string[]): Promise<IdentityDecisionRecord[][]> {
  const rows = await executor.read<{ id: string; decisions: IdentityDecisionRecord[] }>(cypherQuery('provenance/identityDecisionsAbout'), { ids });
  const byId = new Map(rows.map((r) => [r.id, r.decisions]));
  return ids.map((id) => byId.get(id) ?? []);
}

/**
 * Ids of the live entities (of these labels and countries, or any) that may
 * have dated facts of their own, at most `limit`: the subjects of the timeline
 * across entities. One round trip.
 */
export async function findTimelineSubjects(executor: Executor, filter: { labels: readonly EntityLabel[] | null; countries: readonly string[] | null; limit: number }): Promise<string[]> {
  const [row] = await executor.read<{ ids: string[] }>(cypherQuery('provenance/timelineSubjects'), {
    labels: filter.labels,
    countries: filter.countries,
    dateProperties: NODE_DATE_PROPERTIES,
    types: RELATIONSHIP_TYPE_NAMES,
    limit: filter.limit,
  });
  return row?.ids ?? [];
}
