import { byLabel, COMMON_PROPERTY_DECLARATIONS, ENTITY_DECLARATIONS } from './entities';
import { ENTITY_LABELS, type EntityLabel } from './model';

/**
 * Which stored properties are what. A node or relationship carries its domain
 * properties next to provenance (sourceIds, evidence) and audit bookkeeping; the
 * API, the export and the curation writes all split them with these sets.
 */

/** Who wrote a record and when; exported with it and restored on import. */
export const AUDIT_PROPERTIES = ['createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'retractedAt', 'retractedBy', 'retractionReason'] as const;

/** The stored search key a searchable name is indexed by (its Han variants folded, see searchKeyProperties); other searchable properties are indexed as they are. */
export const SEARCH_KEY_OF: Readonly<Record<string, string>> = { name: 'searchName', aliases: 'searchAliases' };

/** The stored lookup keys of a name field, which the likely-duplicate check queries (lookupKeys in src/domain/nameKeys.ts). */
export const LOOKUP_KEYS_OF: Readonly<Record<string, string>> = { name: 'nameKeys', aliases: 'aliasKeys' };

/** Every property derived from the names for the full-text index (searchKeyProperties in src/domain/nameKeys.ts): never a fact, never a field of a revision. */
export const NAME_INDEX_PROPERTIES: readonly string[] = [...Object.values(SEARCH_KEY_OF), ...Object.values(LOOKUP_KEYS_OF)];

/** Properties that are provenance or audit bookkeeping, not facts about the entity or relationship. */
/**
 * `unverified` is derived from the kinds of the citing sources (see UNVERIFYING_SOURCE_KINDS); `version` counts
 * tracked changes (src/modules/changes/versions.ts); `searchName`, `searchAliases`, `nameKeys` and `aliasKeys` are
 * derived from the names (NAME_INDEX_PROPERTIES); `namesEn`, `namesJa`, `namesZhHant` from the names' language tags
 * (NAME_LANGUAGE_PROPERTIES), which the export writes back as tags.
 */
export const BOOKKEEPING_PROPERTIES: ReadonlySet<string> = new Set(['id', ...AUDIT_PROPERTIES, 'retracted', 'sourceIds', 'evidence', 'unverified', 'version', ...NAME_INDEX_PROPERTIES, 'namesEn', 'namesJa', 'namesZhHant']);

/** Properties every entity has, whatever its label (besides `kind`, which is a label property where the label has kinds). */
export const COMMON_PROPERTIES: readonly string[] = Object.keys(COMMON_PROPERTY_DECLARATIONS).filter((p) => p !== 'kind');

/**
 * Each label's own typed properties as the seed files and the export state them
 * (fields of the entity, `stored: 'core'`); any other property is an extra Fact.
 */
export const LABEL_PROPERTIES: Record<EntityLabel, readonly string[]> = byLabel((entity) => [
  ...(entity.kind ? ['kind'] : []),
  ...Object.entries(entity.properties)
    .filter(([, d]) => d.stored !== 'fact')
    .map(([property]) => property),
]);

/** Every typed (non-Fact) property name of any label. */
export const TYPED_PROPERTIES: ReadonlySet<string> = new Set([
  ...Object.keys(COMMON_PROPERTY_DECLARATIONS),
  ...ENTITY_DECLARATIONS.flatMap(([, entity]) => Object.keys(entity.properties)),
]);

/** Each label's typed property names (common ones included): what its `Entity.facts` leaves out, so a property typed on one label stays a fact on another. */
export const TYPED_PROPERTIES_OF: Record<EntityLabel, ReadonlySet<string>> = byLabel(
  (entity) => new Set([...Object.keys(COMMON_PROPERTY_DECLARATIONS), ...Object.keys(entity.properties)]),
);

/** Properties search reads on every entity label. */
export const SEARCHABLE_PROPERTIES: readonly string[] = Object.entries(COMMON_PROPERTY_DECLARATIONS)
  .filter(([, d]) => 'searchable' in d && d.searchable)
  .map(([property]) => property);

/** Properties the full-text index (entity_search) covers on every entity label: the searchable ones, names by their search keys, and the names' lookup keys. */
export const INDEXED_SEARCH_PROPERTIES: readonly string[] = [...SEARCHABLE_PROPERTIES.map((p) => SEARCH_KEY_OF[p] ?? p), ...Object.values(LOOKUP_KEYS_OF)];

/**
 * The stable id of a relationship: `from--TYPE--to`, plus `--key` when two
 * relationships of one type join the same pair (e.g. two roles).
 */
export function relationshipId(rel: { from: string; type: string; to: string; key?: string | null }): string {
  const id = `${rel.from}--${rel.type}--${rel.to}`;
  return rel.key ? `${id}--${rel.key}` : id;
}

/** Picks the entity label among a node's labels (every entity also has :Entity). Throws when there is none. */
export function entityLabelOf(labels: readonly string[]): EntityLabel {
  const label = labels.find((l): l is EntityLabel => (ENTITY_LABELS as readonly string[]).includes(l));
  if (!label) throw new Error(`node has no entity label: ${labels.join(':')}`);
  return label;
}

/** A stored value as JSON shows it: driver temporals (Date, DateTime) become ISO strings, anything else is unchanged. */
export function plainValue(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value) && 'toString' in value && ('year' in value || 'epochSeconds' in value)) {
    return String(value);
  }
  return value;
}
