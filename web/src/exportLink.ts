/**
 * Links to the list exports (GET /export/<list>.csv, src/http/listExport.ts)
 * with the filters a page shows, so what a reader sees can be downloaded as it
 * is: the list's name comes from the model, the filter is the list's `where`.
 */
import { ENTITY_DECLARATIONS } from '../../src/domain/entities';
import { h } from './gql';

/** The model's declaration of an entity type as the API names it (POLICY). */
const declarationOf = (type: string) => ENTITY_DECLARATIONS.find(([label]) => label.toUpperCase() === type)?.[1];

/** Whether the type has a list export (a paged list; countries are a plain list). */
export const hasExport = (type: string): boolean => {
  const declaration = declarationOf(type);
  return Boolean(declaration && declaration.list.connection !== false);
};

/** Whether the type's list filters by country (`where: { countryCode }`). */
export const filtersByCountry = (type: string): boolean => Boolean(declarationOf(type)?.properties.country);

/** The address of a type's CSV export with this `where` (omitted when empty); null when the type has no export. */
export function exportHref(type: string, where: Record<string, unknown> = {}): string | null {
  const declaration = declarationOf(type);
  if (!declaration || declaration.list.connection === false) return null;
  const query = Object.keys(where).length ? `?${new URLSearchParams({ where: JSON.stringify(where) }).toString()}` : '';
  return `/export/${declaration.list.name}.csv${query}`;
}

/** A download link to a type's CSV export with its filters; null when the type has none. */
export function exportLink(type: string, where: Record<string, unknown>, text: string, id?: string): HTMLAnchorElement | null {
  const href = exportHref(type, where);
  return href ? h('a', { class: 'export-link', href, download: '', id }, text) : null;
}
