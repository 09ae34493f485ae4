import type { ManagedTransaction } from 'neo4j-driver';
import { cypherQuery, cypherTemplate, type CypherQuery } from '../../db/cypher';
import { run, type Executor } from '../../db/executor';
import { RELATIONSHIP_TYPE_NAMES, type EntityLabel, type RelationshipType } from '../../domain/model';
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

type UsageRow = { entity: { labels: string[]; props: Record<string, unknown> }; technologyCount: number; organizationCount: number };
const toUsage = (r: UsageRow): UsageRecord => ({ ...r, entity: toEntityRecord(r.entity) });

/** Computes every dashboard aggregate in one read transaction (one consistent view of the graph). */
export function computeStatistics(executor: Executor): Promise<StatisticsRecord> {
  const types = RELATIONSHIP_TYPE_NAMES;
  return executor.readTransaction('statistics/all', async (tx) => ({
    generatedAt: new Date().toISOString(),
    entitiesByType: await rows(tx, cypherQuery('statistics/entitiesByType')),
    organizationsByCountryAndKind: await rows(tx, cypherQuery('statistics/organizationsByCountryAndKind')),
    modalities: (await rows<UsageRow>(tx, cypherTemplate('statistics/usage', { label: 'Modality', type: 'USES_MODALITY' }))).map(toUsage),
    indications: (await rows<UsageRow>(tx, cypherTemplate('statistics/usage', { label: 'Indication', type: 'TARGETS_INDICATION' }))).map(
      toUsage,
    ),
    agreementsByKindAndTerritory: await rows(tx, cypherQuery('statistics/agreementsByKindAndTerritory')),
    crossBorderLinks: await rows(tx, cypherQuery('statistics/crossBorderLinks'), { types }),
    relationshipsByType: await rows(tx, cypherQuery('statistics/relationshipsByType'), { types }),
  }));
}
