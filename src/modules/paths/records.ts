import type { Localized } from '../../domain/language';
import type { RelationshipType } from '../../domain/model';
import type { CitationRecord, EntityRecord } from '../entity/records';

/** One hop of a path as read from Neo4j. */
export interface HopRecord {
  from: EntityRecord;
  to: EntityRecord;
  type: RelationshipType;
  direction: 'FORWARD' | 'BACKWARD';
  properties: Record<string, unknown>;
  /** The sentence in each language. */
  explanation: Localized;
  sources: CitationRecord[];
  /** The hop enters or leaves a hub (a weak link). */
  weak: boolean;
}

/** A hub a path passes through, with its size. */
export interface HubRecord {
  entity: EntityRecord;
  /** Its domain relationships. */
  degree: number;
  /** An event's participants, a modality's or an indication's users; null for other kinds. */
  members: number | null;
  /** The sentence in each language. */
  explanation: Localized;
}

export interface PathRecord {
  length: number;
  nodes: EntityRecord[];
  hops: HopRecord[];
  /** The sentence in each language. */
  explanation: Localized;
  /** See src/modules/paths/rank.ts. */
  strength: number;
  weak: boolean;
  hubs: HubRecord[];
}

export interface SubgraphRecord {
  nodes: EntityRecord[];
  edges: { id: string; type: RelationshipType; source: string; target: string; properties: Record<string, unknown> }[];
  truncated: boolean;
  /** Ids of expanded entities whose neighbours were sampled (hubs). */
  sampled: string[];
}

export interface BrokerRecord {
  entity: EntityRecord;
  reaches: number;
  score: number;
  /** Found among a sample of a hub's members. */
  sampled: boolean;
  paths: PathRecord[];
}

export interface ReasonRecord {
  shared: EntityRecord;
  weight: number;
  /** The shared neighbour is a hub whose members were sampled. */
  sampled: boolean;
  /** The sentence in each language. */
  explanation: Localized;
}

export interface SuggestionRecord {
  organization: EntityRecord;
  score: number;
  reasons: ReasonRecord[];
}
