import { NAME_LANGUAGE_PROPERTIES } from './names';
import type { Language } from './language';
import {
  byLabel,
  COMMON_PROPERTY_DECLARATIONS,
  EDGE_DECLARATIONS,
  ENTITY_DECLARATIONS,
  fieldNameOf,
  targetLabels,
  type EdgesDeclaration,
  type EdgeTypeName,
  type EntityDeclaration,
  type NodesDeclaration,
  type PropertyDeclaration,
  type RelationDeclaration,
} from './entities';
import type { EntityLabel } from './model';

/**
 * The entity types as the read compiler (src/translate) and the resolvers see
 * them: relationship fields, filterable scalars, the stored property each field
 * reads. Everything here is derived from the declaration in entities.ts.
 */

/** The most relationships one relationship field returns per entity; hubs are cut here. */
export const RELATED_CAP = 1000;

export type { WalkDirection } from './entities';

/** A field whose value is the entity or entities at the other end. */
export type NodeField = NodesDeclaration;
/** A field whose value is the relationships themselves, as an edge type (Role, AgreementParty, …). */
export type EdgeField = EdgesDeclaration;
export type RelationField = RelationDeclaration;
export type { EdgeTypeName };

/**
 * Object types built on one relationship: `fromField` names the relationship's
 * start entity, `toField` its end, `properties` maps each field to the stored
 * property it reads. A field walking OUT sees itself at the start.
 */
export const EDGE_TYPES = Object.fromEntries(
  Object.entries(EDGE_DECLARATIONS).map(([name, edge]) => [
    name,
    { fromField: edge.fromField, toField: edge.toField, properties: Object.fromEntries(Object.keys(edge.properties).map((field) => [field, field])) },
  ]),
) as Record<EdgeTypeName, { fromField: string; toField: string; properties: Readonly<Record<string, string>> }>;

/** Every relationship field of every entity type, by label then GraphQL field name. */
export const RELATION_FIELDS: Record<EntityLabel, Readonly<Record<string, RelationField>>> = byLabel((entity) => entity.relations);

/**
 * The stored property a scalar field reads when its own is absent (an event's
 * startDate falls back to the startedOn the ecosystem seed stores), by field name.
 */
export const FIELD_FALLBACKS: Record<string, string> = Object.fromEntries(
  ENTITY_DECLARATIONS.flatMap(([, entity]) =>
    Object.entries(entity.properties).flatMap(([property, declaration]) => {
      const field = fieldNameOf(property, declaration);
      return field !== null && declaration.fallback ? [[field, declaration.fallback] as const] : [];
    }),
  ),
);

/**
 * The stored property a scalar field of an entity type reads, where it is not the
 * property of the same name; null for a field computed from labels alone, and
 * ALL_PROPERTIES for one that needs every property (facts lists whatever is not
 * a typed field). Reads fetch only the properties their selection needs.
 */
export const ALL_PROPERTIES = '*';
export const FIELD_PROPERTIES: Record<string, string | null> = fieldProperties();

/**
 * Stored properties a field reads besides its own, for a reader of `language`.
 * `name` shows the first of the name and aliases tagged in the reader's
 * language, else in English (localizedName), so it reads the aliases and those
 * two lists only; `names` lists every tagged name. Each list read costs a
 * property lookup and its bytes on every node of a read.
 */
export function fieldAlsoReads(field: string, language: Language): readonly string[] {
  return ALSO_READS[language][field] ?? [];
}

const alsoReads = (language: Language): Readonly<Record<string, readonly string[]>> => ({
  name: ['aliases', ...new Set([NAME_LANGUAGE_PROPERTIES[language], NAME_LANGUAGE_PROPERTIES.en])],
  names: ['name', 'aliases', ...Object.values(NAME_LANGUAGE_PROPERTIES)],
});
const ALSO_READS: Readonly<Record<Language, Readonly<Record<string, readonly string[]>>>> = { en: alsoReads('en'), ja: alsoReads('ja'), 'zh-Hant': alsoReads('zh-Hant') };

function fieldProperties(): Record<string, string | null> {
  const fields: Record<string, string | null> = { type: null, facts: ALL_PROPERTIES, history: null, canonicalName: 'name', names: null };
  const add = (field: string, property: string) => {
    if (field in fields && fields[field] !== property) throw new Error(`field ${field} reads ${fields[field]} on one label and ${property} on another`);
    fields[field] = property;
  };
  for (const [, entity] of ENTITY_DECLARATIONS) {
    if (entity.kind?.field) add(entity.kind.field, 'kind');
    for (const [property, declaration] of Object.entries(entity.properties)) {
      const field = fieldNameOf(property, declaration);
      if (field !== null && field !== property) add(field, property);
    }
  }
  return fields;
}

/**
 * The stored relationship properties a field of a relationship's object type
 * (Relation, Role, Talk, …) reads, beside the edge type's own fields in
 * EDGE_TYPES: none for a field answered from the pattern, the other end or a
 * compiled subquery; ALL_PROPERTIES for `properties`. A field in neither table
 * makes the read fetch every property, so a new field is never read empty.
 */
export const RELATIONSHIP_FIELD_PROPERTIES: Record<string, readonly string[] | typeof ALL_PROPERTIES> = {
  id: [],
  type: [],
  direction: [],
  node: [],
  participation: [],
  sources: [],
  claims: [],
  unverified: ['unverified'],
  corroboration: ['sourceIds', 'evidence'],
  properties: ALL_PROPERTIES,
  version: ['version'],
  history: [],
};

/** How a scalar field filters and sorts: as text, as an ISO date (compared as text), or as a boolean. */
export type ScalarKind = 'string' | 'date' | 'boolean';

/** A scalar field analysts filter and sort on, and the stored property it reads. */
export interface ScalarField {
  property: string;
  kind: ScalarKind;
  /**
   * Every stored entity of the type has the property: every write path (seed,
   * import, curation) validates it. A list sorted by it first can then be read
   * in the order of the property's range index (cypher/migrations/006).
   */
  required?: true;
}

/** How a property of this type filters and sorts; null when it does not (lists, numbers). */
export function scalarKindOf(declaration: PropertyDeclaration): ScalarKind | null {
  switch (declaration.type) {
    case 'string':
    case 'enum':
      return 'string';
    case 'date':
      return 'date';
    case 'boolean':
      return 'boolean';
    default:
      return null;
  }
}

/** The filterable, sortable scalar fields of one declared entity: common ones first, then its own, by GraphQL field name. */
export function scalarFieldsOf(entity: EntityDeclaration): Record<string, ScalarField> {
  const fields: Record<string, ScalarField> = {};
  for (const [property, declaration] of [...Object.entries(COMMON_PROPERTY_DECLARATIONS), ...Object.entries(entity.properties)] as [string, PropertyDeclaration][]) {
    const field = fieldNameOf(property, declaration);
    const kind = scalarKindOf(declaration);
    if (field === null || kind === null) continue;
    fields[field] = { property, kind, ...(declaration.orderIndex && declaration.required ? { required: true as const } : {}) };
  }
  return fields;
}

/** The filterable, sortable scalar fields of each entity type (the `where` and `sort` inputs of its list). */
export const SCALAR_FIELDS: Record<EntityLabel, Record<string, ScalarField>> = byLabel(scalarFieldsOf);

/** The root list field of each label (and `<list>Aggregate`, `/export/<list>.csv`). */
export const LIST_NAMES: Record<EntityLabel, string> = byLabel((entity) => entity.list.name);

/** The labels whose list is a paged connection with `where`, `sort`, `search` and an aggregate, in model order. */
export const CONNECTION_LABELS: readonly EntityLabel[] = ENTITY_DECLARATIONS.filter(([, entity]) => entity.list.connection !== false).map(([label]) => label);

/** Properties every read entity carries: resolvers and cursors key on them. */
export const IDENTITY_PROPERTIES = ['id', 'name'] as const;

export { targetLabels };
