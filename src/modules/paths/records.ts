import type { RelationshipType } from '../../domain/model';
import type { CitationRecord, EntityRecord } from '../entity/records';

/** One hop of a path as read from Neo4j. */
export interface HopRecord {
  from: EntityRecord;
  to: EntityRecord;
  type: RelationshipType;
  direction: 'FORWARD' | 'BACKWARD';
  properties: Record<string, unknown>;
  explanation: string;
  sources: CitationRecord[];
}

export interface PathRecord {
  length: number;
  nodes: EntityRecord[];
  hops: HopRecord[];
  explanation: string;
}

export interface SubgraphRecord {
  nodes: EntityRecord[];
  edges: { id: string; type: RelationshipType; source: string; target: string; properties: Record<string, unknown> }[];
  truncated: boolean;
}

export interface BrokerRecord {
  entity: EntityRecord;
  reaches: number;
  score: number;
  paths: PathRecord[];
}

export interface ReasonRecord {
  shared: EntityRecord;
  weight: number;
  explanation: string;
}

export interface SuggestionRecord {
  organization: EntityRecord;
  score: number;
  reasons: ReasonRecord[];
}
