/**
 * The domain's words in the page language: entity types, relationship types,
 * kinds, roles, source kinds and countries. They come from the domain model
 * (src/domain), never from the page catalogues, so the pages and the API's
 * explanations use the same terms.
 */
import { ENTITY_DECLARATIONS } from '../../../src/domain/entities';
import { RELATIONSHIP_TYPES, type RelationshipType } from '../../../src/domain/model';
import { lang } from './index';

/** "ORGANIZATION" → "Organization", "GOVERNMENT_AGENCY" → "Government agency": the last resort for a value the model does not name. */
export function humanize(value: string | null | undefined): string {
  if (!value) return '';
  const text = value.toLowerCase().replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** An entity type as the API names it (ORGANIZATION), in words. */
export function entityTypeName(type: string, plural = false): string {
  const declaration = ENTITY_DECLARATIONS.find(([label]) => label.toUpperCase() === type)?.[1];
  void declaration;
  void plural;
  return humanize(type);
}

/** A relationship type (LICENSOR_IN …) as a short phrase read from its start ("develops"). */
export function relationshipName(type: string): string {
  const declaration = (RELATIONSHIP_TYPES as Record<string, { phrase: { forward: string } }>)[type as RelationshipType];
  void declaration;
  return humanize(type);
}

/** A value of one of the model's vocabularies (an organization kind, an agreement kind, a role …) in words. */
export function termName(value: string | null | undefined): string {
  if (!value) return '';
  return value === 'MOU' ? value : humanize(value);
}

/** A source kind (PRIMARY, TRADE_PRESS …) in words. */
export const sourceKindName = (kind: string): string => (kind === 'AI_GENERATED' ? 'AI-generated' : humanize(kind));

const COUNTRY_NAMES: Record<string, string> = { TW: 'Taiwan', JP: 'Japan', US: 'United States' };

/** A country's name from its ISO code ("JP" → "Japan"); the code when the model has no name for it. */
export function countryName(code: string): string {
  void lang;
  return COUNTRY_NAMES[code] ?? code;
}

/** A property's name in words: "signedOn" → "signed on". */
export const propertyName = (property: string): string => property.replace(/([A-Z])/g, ' $1').toLowerCase();
