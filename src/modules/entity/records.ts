import { ENTITY_LABELS, type EntityLabel, type RelationshipType } from '../../domain/model';

/** An entity as read from Neo4j: its label and all its properties. Resolvers read fields from `props`. */
export interface EntityRecord {
  id: string;
  label: EntityLabel;
  props: Record<string, unknown>;
}

export type Direction = 'OUTGOING' | 'INCOMING';

/** A relationship seen from one end (`selfId`), with the entity at the other end. */
export interface RelatedRecord {
  id: string;
  type: RelationshipType;
  direction: Direction;
  selfId: string;
  /** The entity it was read from, when the reader attached it (edge types need both ends). */
  self?: EntityRecord;
  props: Record<string, unknown>;
  node: EntityRecord;
}

export interface CitationRecord {
  sourceId: string;
  evidence: string;
}

export interface SourceRecord {
  id: string;
  props: Record<string, unknown>;
}

/** Properties that are provenance or audit bookkeeping, not facts about the entity or relationship. */
export const BOOKKEEPING = new Set([
  'id',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
  'retracted',
  'retractedAt',
  'retractedBy',
  'retractionReason',
  'sourceIds',
  'evidence',
]);

/** Core fields of each label; anything else on the node is a Fact. */
export const CORE_FIELDS = new Set(['name', 'aliases', 'description', 'kind', 'country', 'code', 'startDate', 'endDate', 'city', 'exclusive', 'territory', 'rightsGranted', 'signedOn']);

/** Picks the entity label among a node's labels (every entity also has :Entity). */
export function entityLabelOf(labels: string[]): EntityLabel {
  const label = labels.find((l): l is EntityLabel => (ENTITY_LABELS as readonly string[]).includes(l));
  if (!label) throw new Error(`node has no entity label: ${labels.join(':')}`);
  return label;
}

/** Turns the `{labels, props}` map the Cypher queries return into an EntityRecord. */
export function toEntityRecord(row: { labels: string[]; props: Record<string, unknown> }): EntityRecord {
  return { id: String(row.props.id), label: entityLabelOf(row.labels), props: row.props };
}

/** Converts driver temporal values (DateTime, Date) to ISO strings, leaving everything else. */
export function plain(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value) && 'toString' in value && ('year' in value || 'epochSeconds' in value)) {
    return String(value);
  }
  return value;
}

/** Relationship properties as the API shows them: bookkeeping removed, temporals as strings. */
export function publicProperties(props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(props).filter(([k]) => !BOOKKEEPING.has(k)).map(([k, v]) => [k, plain(v)]));
}

/** Citations stored on a relationship as the parallel lists sourceIds / evidence. */
export function relationshipCitations(props: Record<string, unknown>): CitationRecord[] {
  const ids = (props.sourceIds as string[] | undefined) ?? [];
  const notes = (props.evidence as string[] | undefined) ?? [];
  return ids.map((sourceId, i) => ({ sourceId, evidence: notes[i] ?? '' }));
}
