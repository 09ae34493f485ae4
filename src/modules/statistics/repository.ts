import type { ManagedTransaction } from 'neo4j-driver';
import { cypherQuery, cypherTemplate, type CypherQuery } from '../../db/cypher';
import { run, type Executor } from '../../db/executor';
import { RELATIONSHIP_TYPE_NAMES, type EntityLabel, type RelationshipType } from '../../domain/model';
import { compileAggregate, type GroupKey } from '../../translate/aggregate';
import { toEntityRecord, type EntityRecord } from '../entity/records';

export interface UsageRecord {
  entity: EntityRecord;
  technologyCount: number;
  organizationCount: number;
}

export interface StatisticsRecord {
  generatedAt: string;
  entitiesByType: { label: EntityLabel; count: number }[];
  organizationsByCountryAndKind: { countryCode: string | null; kind: string; count: number }[];
  modalities: UsageRecord[];
  indications: UsageRecord[];
  agreementsByKindAndTerritory: { kind: string; territory: string; count: number }[];
  crossBorderLinks: { type: RelationshipType; between: string[]; count: number }[];
  relationshipsByType: { type: RelationshipType; count: number }[];
}

function rows<T>(tx: ManagedTransaction, query: CypherQuery, params: Record<string, unknown> = {}): Promise<T[]> {
  return run(tx, query, params) as Promise<T[]>;
}

/** No cut: the dashboard shows every group (kinds are a fixed vocabulary, so there are few). */
const EVERY_GROUP = Number.MAX_SAFE_INTEGER - 1;

type GroupCount = { key: (string | null)[]; count: number };

/**
 * Entities of `label` counted per value of each key, largest group first (ties
 * by key), as the grouped aggregate (`organizationsAggregate` and the others) counts them.
 */
async function groupCounts(tx: ManagedTransaction, label: EntityLabel, groupBy: GroupKey[]): Promise<GroupCount[]> {
  const query = compileAggregate({ label, where: null, groupBy, measures: {}, first: EVERY_GROUP });
  const [row] = await rows<{ groups: GroupCount[] }>(tx, query, query.params);
  return row?.groups ?? [];
}

type UsageRow = { entity: { labels: string[]; props: Record<string, unknown> }; technologyCount: number; organizationCount: number };
const toUsage = (r: UsageRow): UsageRecord => ({ ...r, entity: toEntityRecord(r.entity) });

/** Computes every dashboard aggregate in one read transaction (one consistent view of the graph). */
export function computeStatistics(executor: Executor): Promise<StatisticsRecord> {
  const types = RELATIONSHIP_TYPE_NAMES;
  return executor.readTransaction('statistics/all', async (tx) => ({
    generatedAt: new Date().toISOString(),
    entitiesByType: await rows(tx, cypherQuery('statistics/entitiesByType')),
    organizationsByCountryAndKind: (await groupCounts(tx, 'Organization', [{ field: 'countryCode' }, { field: 'kind' }])).map(
      ({ key: [countryCode, kind], count }) => ({ countryCode: countryCode ?? null, kind: kind!, count }),
    ),
    modalities: (await rows<UsageRow>(tx, cypherTemplate('statistics/usage', { label: 'Modality', type: 'USES_MODALITY' }))).map(toUsage),
    indications: (await rows<UsageRow>(tx, cypherTemplate('statistics/usage', { label: 'Indication', type: 'TARGETS_INDICATION' }))).map(
      toUsage,
    ),
    // One count per country an agreement APPLIES_IN; an agreement with no territory is left out.
    agreementsByKindAndTerritory: (await groupCounts(tx, 'Agreement', [{ field: 'kind' }, { via: 'territory', field: 'code' }]))
      .filter(({ key: [, territory] }) => territory !== null)
      .map(({ key: [kind, territory], count }) => ({ kind: kind!, territory: territory!, count })),
    crossBorderLinks: await rows(tx, cypherQuery('statistics/crossBorderLinks'), { types }),
    relationshipsByType: await rows(tx, cypherQuery('statistics/relationshipsByType'), { types }),
  }));
}
