import { BOOKKEEPING_PROPERTIES } from '../../domain/properties';

/** Stored properties only the write paths use (curation/mergeEntity, mergeEntityInto): never a reader's facts. */
const INTERNAL_PROPERTIES: ReadonlySet<string> = new Set(['pendingCreation', 'mergedInto']);

/**
 * Whether a reader may name `name` in a `facts` condition: a property the API
 * shows as a Fact. Provenance, audit (who wrote it: token subjects) and internal
 * bookkeeping are not facts, so no condition may probe them.
 */
export function isPublicFactName(name: string): boolean {
  return !BOOKKEEPING_PROPERTIES.has(name) && !INTERNAL_PROPERTIES.has(name);
}

export interface PrivateName {
  /** Where in the input, e.g. ['facts', 0, 'name'] or ['OR', 0, 'technologies', 'some', 'facts', 1, 'name']. */
  path: (string | number)[];
  name: string;
}

/**
 * Every fact name in a `where` input that is not public, with its path, at any
 * depth (AND/OR/NOT, related entities, relationship ends: wherever a `facts`
 * list stands, it is a list of FactFilters). Reads only own keys.
 */
export function privateFactNames(where: unknown, path: (string | number)[] = []): PrivateName[] {
  if (Array.isArray(where)) return where.flatMap((item, i) => privateFactNames(item, [...path, i]));
  if (!where || typeof where !== 'object') return [];
  return Object.entries(where).flatMap(([key, value]): PrivateName[] => {
    if (key !== 'facts' || !Array.isArray(value)) return privateFactNames(value, [...path, key]);
    return value.flatMap((fact: unknown, i) => {
      const name = fact && typeof fact === 'object' ? (fact as { name?: unknown }).name : undefined;
      return typeof name === 'string' && !isPublicFactName(name) ? [{ path: [...path, key, i, 'name'], name }] : [];
    });
  });
}
