import type { Localized } from '../../domain/language';
import type { RelationshipType } from '../../domain/model';
import type { SuggestionReasonKind } from '../../domain/suggestionLinks';
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
  /** With a group as the other end: the member this path reaches (its last entity). */
  member?: EntityRecord | null;
  /** With a group, when no path reaches a member: why, and that this path leads to the nearest way in instead. */
  wayIn?: Localized | null;
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

/** One side of a reason: how one of the two organizations reaches what they share, with its date and sources. */
export interface SuggestionEvidenceRecord {
  date: string | null;
  explanation: Localized;
  sourceIds: string[];
}

export interface ReasonRecord {
  shared: EntityRecord;
  kind: SuggestionReasonKind;
  /** The suggested-for organization's route, then the candidate's (empty for the scorer before #33). */
  evidence: SuggestionEvidenceRecord[];
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

/** A member of a group, ranked by how reachable it is, with who could introduce it. */
export interface GroupMemberRecord {
  organization: EntityRecord;
  score: number;
  /** The organization or person through which the strongest reason runs; null when it is a thing (a forum, a modality). */
  introducer: EntityRecord | null;
  explanation: Localized;
  reasons: ReasonRecord[];
}

/** A group's members reachable from an organization, or why none is and the nearest way in. */
export interface GroupReachRecord {
  /** The organization's partners already in the group, by name. */
  already?: EntityRecord[];
  members: GroupMemberRecord[];
  explanation: Localized;
  /** The organization's own partners in the group's country: the nearest way in. */
  nearest: EntityRecord[];
}

/** What a suggestion lacks ("why not"), with the reasons the two share. */
export interface WhyNotRecord {
  organization: EntityRecord;
  explanation: Localized;
  kinds: SuggestionReasonKind[];
  reasons: ReasonRecord[];
}
