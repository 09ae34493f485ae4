import type { EdgeField, NodeField } from '../domain/entityTypes';
import type { EntityLabel, RelationshipType } from '../domain/model';

/**
 * The read plan: what one GraphQL selection asks of the graph, before it is
 * Cypher. src/translate/selection.ts builds it from a resolver's info;
 * src/translate/emit.ts turns it into one query. Scalar fields appear only as
 * the stored properties they need; the scalar resolvers read those.
 */

/** What to read about an entity: the properties its scalar fields need, plus these relationship fields. */
export interface EntityPlan {
  /** The labels the entity can have here (from the schema type and the model). */
  labels: readonly EntityLabel[];
  /** Stored properties to fetch (always id and name), or 'all' when a field needs every one (facts). */
  properties: readonly string[] | 'all';
  fields: FieldPlan[];
}

/** What to read of a relationship itself: the stored properties its selected fields need, or 'all' (`properties`, an unknown field). */
export interface RelationshipPlan {
  properties: readonly string[] | 'all';
}

/** What to read about a cited source beyond its properties. */
export interface CitationPlan {
  statementCount: boolean;
}

interface FieldBase {
  /** The response name (alias or field name): the compiled value is stored under it. */
  key: string;
  /** Read only when the entity has this label (a fragment's type condition); null for any. */
  onLabel: EntityLabel | null;
}

/** A field listing (or naming) the entities at the other end of a model relationship field. */
export interface NodesPlan extends FieldBase {
  kind: 'nodes';
  field: NodeField;
  entity: EntityPlan;
  /** Only relationships true on this date (see emit.ts trueOn); null for all. */
  asOf: string | null;
}

/** A field listing the relationships themselves as an edge type (Role, AgreementParty, …). */
export interface EdgesPlan extends FieldBase {
  kind: 'edges';
  field: EdgeField;
  entity: EntityPlan;
  /** The entity the field was read from, again, when the edge's own field for it selects relationship fields. */
  self: EntityPlan | null;
  relationship: RelationshipPlan;
  citations: CitationPlan | null;
  asOf: string | null;
}

/** The generic `relations(types, direction, first)` field. */
export interface RelationsPlan extends FieldBase {
  kind: 'relations';
  direction: 'OUTGOING' | 'INCOMING' | 'BOTH';
  /** Only these types; all model types when null. */
  types: RelationshipType[] | null;
  first: number;
  entity: EntityPlan;
  relationship: RelationshipPlan;
  citations: CitationPlan | null;
  asOf: string | null;
}

/** The `relationsConnection(types, direction, first, after)` field: one page of relationships with their total. */
export interface RelationsPagePlan extends FieldBase {
  kind: 'relationsPage';
  direction: 'OUTGOING' | 'INCOMING' | 'BOTH';
  types: RelationshipType[] | null;
  first: number;
  /** Start after this position: relationship type, other end's name, relationship id. */
  after: readonly (string | number | boolean)[] | null;
  withTotalCount: boolean;
  entity: EntityPlan;
  relationship: RelationshipPlan;
  citations: CitationPlan | null;
  /** Only relationships true on this date (see emit.ts trueOn); null for all. */
  asOf: string | null;
}

/** The entity's own citations (`sources`). */
export interface CitationsPlan extends FieldBase {
  kind: 'citations';
  citations: CitationPlan;
}

/** Country.organizationCount. */
export interface OrganizationCountPlan extends FieldBase {
  kind: 'organizationCount';
}

/**
 * `history(first, after)`: one page of the entity's revisions, newest first,
 * each with its change (and the change's source), one row more than the page.
 */
export interface HistoryPlan extends FieldBase {
  kind: 'history';
  first: number;
  /** Read on from below this version (the `after` cursor's); null from the newest. */
  beforeVersion: number | null;
  /** The stored properties of each revision's change its selected fields need (the large texts only when asked). */
  change: readonly string[];
  /** Each change's source: none when not selected, only its id, or its properties. */
  source: 'none' | 'id' | 'properties';
}

export type FieldPlan = NodesPlan | EdgesPlan | RelationsPlan | RelationsPagePlan | CitationsPlan | OrganizationCountPlan | HistoryPlan;
