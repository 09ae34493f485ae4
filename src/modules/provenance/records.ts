import type { Language, Localized } from '../../domain/language';
import type { IdentityDecisionKind, IdentityStatus, IdentityVerdict, RelationshipType, SourceKind } from '../../domain/model';
import type { CitationRecord, NodeRow } from '../entity/records';

/** One value sources give for a property of an entity or of a relationship (then about its start entity). */
export interface ClaimRecord {
  id: string;
  property: string;
  /** As stored: a scalar, or JSON text for a structured value. */
  value: unknown;
  valueEntity: string | null;
  asOf: string | null;
  note: string | null;
  unverified: boolean;
  /** The entity the claim is about (for a relationship's claim: its start). */
  subjectId: string;
  subjectRelationshipId: string | null;
  relationshipType: RelationshipType | null;
  otherId: string | null;
  citations: CitationRecord[];
}

/** A property on which sources disagree, with every value. */
export interface ConflictRecord {
  subjectId: string;
  relationshipId: string | null;
  relationshipType: RelationshipType | null;
  otherId: string | null;
  property: string;
  values: ClaimRecord[];
}

/** One dated fact on an entity's timeline. */
export interface TimelineRecord {
  /** The entity whose timeline it is on. */
  subjectId: string;
  /**
   * True when the fact is the entity's own: its date properties, its claims and
   * the relationships it starts (false for a dated entity it links, and for a
   * relationship another entity starts), so a timeline across entities lists
   * each fact once.
   */
  own: boolean;
  date: string;
  property: string;
  /** What happened, in each language. */
  description: Localized;
  relationshipType: RelationshipType | null;
  relatedId: string | null;
  disputed: boolean;
  unverified: boolean;
  citations: CitationRecord[];
  /** The language a query asked for (`timeline(lang:)`), the default of its description. */
  lang?: Language;
}

/** How many pages and publishers state a fact. */
export interface CorroborationRecord {
  sourceCount: number;
  publisherCount: number;
  publishers: string[];
  kinds: SourceKind[];
}

/** A relationship of an entity that carries a date, as provenance/datedFacts returns it. */
export interface DatedRelationshipRow {
  id: string;
  type: RelationshipType;
  outgoing: boolean;
  props: Record<string, unknown>;
  node: NodeRow;
  /** The other end's citations, when its own dates are on the timeline (DATED_LABELS). */
  nodeCitations: CitationRecord[];
}

/** An entity with its own properties and its dated relationships. */
export interface DatedFactsRow {
  entity: NodeRow;
  relationships: DatedRelationshipRow[];
}

/** A reviewer's ruling on an identity decision. */
export interface IdentityRulingRecord {
  verdict: IdentityVerdict;
  by: string;
  at: string;
  note: string;
  sourceId: string | null;
}

/** An identity decision seen from one entity it is about (provenance/identityDecisionsAbout). */
export interface IdentityDecisionRecord {
  id: string;
  decision: IdentityDecisionKind;
  /** The ids the decision names, in the seed file's order. */
  entityIds: string[];
  names: string[];
  reason: string;
  unverified: boolean;
  status: IdentityStatus;
  /** The id it is seen from: the entity asked about, or an id merged into it. */
  subjectId: string;
  /** The name of the entity asked about. */
  subjectName: string;
  /** PROBABLY_SAME: the other id the decision names, and that entity's name (null when none is stored). */
  otherId: string | null;
  otherName: string | null;
  ruling: IdentityRulingRecord | null;
  citations: CitationRecord[];
}
