/**
 * The domain's words in the page language: entity types, relationship types,
 * kinds, roles, source kinds, countries and dated properties. They come from
 * the domain model (src/domain: each label's displayName, each relationship
 * type's phrase, TERMS), never from the page catalogues, so the pages and the
 * API's explanations use the same terms.
 */
import { ENTITY_DECLARATIONS } from '../../../src/domain/entities';
import { localize } from '../../../src/domain/language';
import { RELATIONSHIP_TYPES, type RelationshipType } from '../../../src/domain/model';
import { TERMS, termOf, type Vocabulary } from '../../../src/domain/terms';
import { lang } from './index';

/** "ORGANIZATION" → "Organization": the last resort for a value no vocabulary names. */
function humanize(value: string): string {
  const text = value.toLowerCase().replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** An English term starts a label with a capital ("Joint venture"); Japanese and Chinese have none. */
const asLabel = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** An entity type as the API names it (ORGANIZATION), in words: the model's display name. */
export function entityTypeName(type: string, plural = false): string {
  const declaration = ENTITY_DECLARATIONS.find(([label]) => label.toUpperCase() === type)?.[1];
  if (!declaration) return humanize(type);
  return localize(plural ? declaration.displayNamePlural : declaration.displayName, lang());
}

const isRelationshipType = (type: string): type is RelationshipType => Object.hasOwn(RELATIONSHIP_TYPES, type);

/**
 * A relationship type (DEVELOPS …) as the model's phrase read from its start:
 * "develops", "…を開発している", "開發…" ("…" where the other entity goes).
 */
export function relationshipName(type: string): string {
  return isRelationshipType(type) ? RELATIONSHIP_TYPES[type].phrase.forward[lang()] : humanize(type);
}

/** The phrase of a relationship type with the other entity in its place: "is a party to X", "Xのライセンサーである". */
export function relationshipWith(type: string, other: string): string {
  const phrase = relationshipName(type);
  return phrase.includes('…') ? phrase.replace('…', other) : `${phrase} ${other}`;
}

/** The vocabularies a kind value may come from (a value names the same thing in each it appears in). */
const KIND_VOCABULARIES: readonly Vocabulary[] = ['organizationKinds', 'agreementKinds', 'technologyKinds', 'fundKinds', 'policyKinds', 'eventKinds', 'approvalKinds', 'trialPhases', 'trialStatuses', 'partyRoles'];

/** A value of one of the model's vocabularies (an organization kind, an agreement kind, a role …) as a label. */
export function termName(value: string | null | undefined): string {
  if (!value) return '';
  const vocabulary = KIND_VOCABULARIES.find((name) => Object.hasOwn(TERMS[name], value));
  return vocabulary ? asLabel(termOf(vocabulary, value, lang())) : humanize(value);
}

/** A source kind (PRIMARY, TRADE_PRESS …) as a label. */
export const sourceKindName = (kind: string): string => asLabel(termOf('sourceKinds', kind, lang()));

/**
 * A country's name from its ISO code ("JP" → "Japan", "日本"): the model's
 * name, else the browser's (Intl.DisplayNames: "IN" → "India", "インド"),
 * else the code.
 */
export function countryName(code: string): string {
  if (Object.hasOwn(TERMS.countries, code)) return termOf('countries', code, lang());
  try {
    return new Intl.DisplayNames([lang()], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

const words = (property: string): string => property.replace(/([A-Z])/g, ' $1').toLowerCase();

/** A property sources may disagree on, in words: its conflict label ("date signed", "締結日"), else its name split at capitals. */
export function propertyName(property: string): string {
  if (Object.hasOwn(TERMS.conflictLabels, property)) return termOf('conflictLabels', property, lang());
  if (Object.hasOwn(TERMS.dateKinds, property)) return termOf('dateKinds', property, lang());
  return words(property);
}

/** What happened on a date of this property ("signed", "締結"), for timelines and hops. */
export function dateKindName(property: string): string {
  if (Object.hasOwn(TERMS.dateKinds, property)) return termOf('dateKinds', property, lang());
  return propertyName(property);
}

/** Any value of the model shown as a choice: an entity type, a relationship type, or a vocabulary's value. */
export function valueName(value: string): string {
  if (ENTITY_DECLARATIONS.some(([label]) => label.toUpperCase() === value)) return entityTypeName(value);
  if (isRelationshipType(value)) return relationshipName(value);
  if (Object.hasOwn(TERMS.sourceKinds, value)) return sourceKindName(value);
  return termName(value);
}

/** A party's role in an agreement as a word in a sentence ("licensor", "ライセンサー", "授權方"). */
export const roleName = (role: string): string => (Object.hasOwn(TERMS.partyRoles, role) ? termOf('partyRoles', role, lang()) : humanize(role).toLowerCase());
