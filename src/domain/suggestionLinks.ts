import type { EntityLabel, RelationshipType } from './model';

/**
 * What each relationship type of the model says about whom an organization
 * should meet: the kind of reason it gives and how much it weighs, or null when
 * it says nothing (countries, territories and law-to-law links). The table is a
 * complete Record over the model's types, so a type added to the model does not
 * compile until it is placed here; the suggestions query reads it as a
 * parameter (src/modules/paths/repository.ts suggestionsStatement), never as
 * Cypher text.
 *
 * The weights are fixed by reasoning, not fitted: an agreement is the act the
 * suggestion predicts, so sharing a counterpart weighs most; a person holding a
 * role at both, or a technology developed, made or licensed by both, is how
 * introductions happen in practice; a regulator, an approval's law, a trial,
 * an event or a fund is a weaker shared context (and usually a larger one,
 * which the hub discount takes care of); a shared modality or indication only
 * says the two work in one field.
 */
export const SUGGESTION_REASON_KINDS = ['AGREEMENT', 'PEOPLE', 'TECHNOLOGY', 'APPROVAL', 'REGULATOR', 'TRIAL', 'EVENT', 'FUND', 'ORGANIZATION', 'POLICY', 'FOCUS'] as const;
export type SuggestionReasonKind = (typeof SUGGESTION_REASON_KINDS)[number];

/** A relationship type's place in suggestions. */
export interface SuggestionLink {
  kind: SuggestionReasonKind;
  /** In (0, 1]: a route's weight is the product of its relationships' weights. */
  weight: number;
}

const link = (kind: SuggestionReasonKind, weight: number): SuggestionLink => ({ kind, weight });

/**
 * Relationship types of the model with their reason kind and weight (null: not a
 * reason). A type not listed is not a reason either, so a contributor who adds a
 * relationship type to the model needs no edit here; listing it makes it count.
 */
export const SUGGESTION_LINKS: Partial<Record<RelationshipType, SuggestionLink | null>> = {
  PARTY_TO: link('AGREEMENT', 1),
  CREATED: link('AGREEMENT', 1),
  FACILITATED: link('AGREEMENT', 0.6),
  SITED_AT: link('AGREEMENT', 0.6),
  WITNESSED: link('AGREEMENT', 0.4),
  HOLDS_ROLE: link('PEOPLE', 0.9),
  SIGNED: link('PEOPLE', 0.7),
  DEVELOPS: link('TECHNOLOGY', 0.9),
  MANUFACTURES: link('TECHNOLOGY', 0.9),
  COVERS: link('TECHNOLOGY', 0.8),
  PROTECTS: link('TECHNOLOGY', 0.5),
  GRANTED_TO: link('APPROVAL', 0.8),
  APPROVES: link('APPROVAL', 0.6),
  UNDER: link('APPROVAL', 0.4),
  GRANTED_BY: link('REGULATOR', 0.7),
  SPONSORS: link('TRIAL', 0.8),
  CONDUCTED_AT: link('TRIAL', 0.8),
  TESTS: link('TRIAL', 0.6),
  ORGANIZED: link('EVENT', 0.6),
  CO_HOSTED: link('EVENT', 0.6),
  PARTICIPATED_IN: link('EVENT', 0.5),
  SPOKE_AT: link('EVENT', 0.5),
  SIGNED_AT: link('EVENT', 0.5),
  HELD_AT: link('EVENT', 0.3),
  ADMINISTERS: link('FUND', 0.6),
  SUPPORTS: link('FUND', 0.5),
  PART_OF: link('ORGANIZATION', 0.7),
  OPERATES: link('ORGANIZATION', 0.7),
  ADOPTED: link('POLICY', 0.3),
  ISSUED: link('POLICY', 0.3),
  GOVERNS: link('POLICY', 0.2),
  USES_MODALITY: link('FOCUS', 0.3),
  TARGETS_INDICATION: link('FOCUS', 0.3),
  FOCUSES_ON: link('FOCUS', 0.3),
  INDICATED_FOR: null,
  MODELLED_ON: null,
  REFERS_TO: null,
  LOCATED_IN: null,
  APPLIES_IN: null,
};

/**
 * Entities a route may pass through on its way to what two organizations share
 * (an agreement to its counterparts and technologies, an approval to its
 * regulator, a trial to its sites, a technology to its modalities, a fund to
 * the policy it serves, a person to the events they spoke at). A route through
 * a Fund or a Person is of that linker's kind whatever its last relationship.
 */
export const SUGGESTION_LINKERS: readonly EntityLabel[] = ['Agreement', 'Approval', 'Trial', 'Technology', 'Fund', 'Person'];
export const LINKER_KINDS: Partial<Record<EntityLabel, SuggestionReasonKind>> = { Fund: 'FUND', Person: 'PEOPLE' };

/** Relationship types that make two organizations partners already when both hold one to the same agreement. */
export const PARTNER_TYPES: readonly RelationshipType[] = ['PARTY_TO', 'CREATED'];

/**
 * How time and corroboration weigh (src/modules/paths/suggestionReasons.ts
 * states them in words): a dated route loses half its weight every
 * HALF_LIFE_YEARS before the reference date; an undated one counts UNDATED;
 * a route whose least-cited relationship has n sources counts 1 − CORROBORATION/(n+1)
 * (0.8 for one source, 0.87 for two, 0.9 for three). A candidate's score is
 * multiplied by 1 + ACTIVITY·(ln(1 + its relationships) + ln(1 + the pages that state it)/2): organizations that do
 * more form more partnerships, and it separates candidates sharing one forum.
 */
export const SUGGESTION_SCORING = { HALF_LIFE_YEARS: 4, UNDATED: 0.6, CORROBORATION: 0.4, ACTIVITY: 0.1 } as const;
