import type { EntityLabel, RelationshipType } from '../../domain/model';
import { BOOKKEEPING_PROPERTIES, entityLabelOf, plainValue } from '../../domain/properties';

/**
 * An entity as Cypher returns it: its labels and all its properties, plus, when
 * the read was compiled (src/translate), the relationship fields the query
 * selected, keyed by response name.
 */
export interface NodeRow {
  /** Absent when the reader knows the label from the model (a relationship field with one possible target). */
  labels?: string[];
  props: Record<string, unknown>;
  fields?: Record<string, unknown>;
}

/** An entity as resolvers see it. Scalar fields read `props`; relationship fields read `fields` when compiled. */
export interface EntityRecord {
  id: string;
  label: EntityLabel;
  props: Record<string, unknown>;
  /** Compiled relationship fields by response name; absent when the record was loaded without a compiled selection. */
  fields?: Record<string, unknown>;
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
  /** Citations with their sources, when the read was compiled. */
  citations?: CitationRecord[];
}

/** A page of an entity's relationships (relationsConnection). */
export interface RelationPage {
  edges: RelationPageEdge[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

export interface RelationPageEdge {
  cursor: string;
  node: RelatedRecord;
}

export interface CitationRecord {
  sourceId: string;
  evidence: string;
  /** The cited source, when the read was compiled; otherwise resolved by id. */
  source?: SourceRecord;
}

export interface SourceRecord {
  id: string;
  props: Record<string, unknown>;
  /** Statements citing it, when the read was compiled and asked for it. */
  statementCount?: number;
}

/** Core fields of each label; anything else on the node is a Fact. */
export { TYPED_PROPERTIES_OF as CORE_FIELDS_OF, BOOKKEEPING_PROPERTIES as BOOKKEEPING } from '../../domain/properties';

/** Turns the `{labels, props, fields?}` map the Cypher queries return into an EntityRecord. */
export function toEntityRecord(row: NodeRow): EntityRecord {
  return toEntityRecordAs(row);
}

/**
 * As toEntityRecord, for a row read through a relationship field, which leaves
 * out a label the model fixes: `modelLabel` is that label.
 */
export function toEntityRecordAs(row: NodeRow, modelLabel?: EntityLabel): EntityRecord {
  const record: EntityRecord = { id: String(row.props.id), label: row.labels ? entityLabelOf(row.labels) : (modelLabel ?? entityLabelOf([])), props: row.props };
  if (row.fields) record.fields = row.fields;
  return record;
}

/** Relationship properties as the API shows them: bookkeeping removed, temporals as strings. */
export function publicProperties(props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(props).filter(([k]) => !BOOKKEEPING_PROPERTIES.has(k)).map(([k, v]) => [k, plainValue(v)]));
}

/** Citations stored on a relationship as the parallel lists sourceIds / evidence. */
export function relationshipCitations(props: Record<string, unknown>): CitationRecord[] {
  const ids = (props.sourceIds as string[] | undefined) ?? [];
  const notes = (props.evidence as string[] | undefined) ?? [];
  return ids.map((sourceId, i) => ({ sourceId, evidence: notes[i] ?? '' }));
}
