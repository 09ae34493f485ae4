import {
  AGREEMENT_KINDS,
  ENTITY_LABELS,
  EVENT_KINDS,
  FUND_KINDS,
  ORGANIZATION_KINDS,
  PARTY_ROLES,
  POLICY_KINDS,
  RELATIONSHIP_TYPES,
  TECHNOLOGY_KINDS,
  type EntityLabel,
} from './model';

/**
 * The vocabulary the ecosystem seed files (format 2, seed/ecosystem/) add to the
 * graph's model. It only extends src/domain/model.ts: every list starts with the
 * existing values unchanged, so the forum seed stays valid under it.
 */

/** Labels the ecosystem sources need beyond the existing ones. */
export const NEW_ENTITY_LABELS = ['Trial', 'Approval', 'Patent'] as const;
export const ECOSYSTEM_LABELS = [...ENTITY_LABELS, ...NEW_ENTITY_LABELS] as const;
export type EcosystemLabel = (typeof ECOSYSTEM_LABELS)[number];

export const NEW_ORGANIZATION_KINDS = ['REGULATOR', 'UNIVERSITY', 'HOSPITAL', 'FOUNDATION', 'SCIENCE_PARK'] as const;
export const ECOSYSTEM_ORGANIZATION_KINDS = [...ORGANIZATION_KINDS, ...NEW_ORGANIZATION_KINDS] as const;

/** REGULATORY_FRAMEWORK: several instruments taken together (Taiwan's dual acts, Japan's dual-track system). */
export const NEW_POLICY_KINDS = ['LAW', 'REGULATION', 'GUIDELINE', 'REGULATORY_FRAMEWORK', 'PROGRAMME'] as const;
export const ECOSYSTEM_POLICY_KINDS = [...POLICY_KINDS, ...NEW_POLICY_KINDS] as const;

export const NEW_AGREEMENT_KINDS = ['JOINT_VENTURE', 'CONTRACT_MANUFACTURING', 'COLLABORATION'] as const;
export const ECOSYSTEM_AGREEMENT_KINDS = [...AGREEMENT_KINDS, ...NEW_AGREEMENT_KINDS] as const;

export const NEW_PARTY_ROLES = ['SHAREHOLDER', 'MANUFACTURER', 'CLIENT', 'SIGNATORY'] as const;
export const ECOSYSTEM_PARTY_ROLES = [...PARTY_ROLES, ...NEW_PARTY_ROLES] as const;

/** DELEGATION_VISIT: a group's trip to the other country (visits to institutions, site tours). */
export const NEW_EVENT_KINDS = ['DELEGATION_VISIT'] as const;
export const ECOSYSTEM_EVENT_KINDS = [...EVENT_KINDS, ...NEW_EVENT_KINDS] as const;

export const ECOSYSTEM_TECHNOLOGY_KINDS = TECHNOLOGY_KINDS;
export const ECOSYSTEM_FUND_KINDS = FUND_KINDS;

/**
 * What an Approval node records. TRIAL_CLEARANCE covers a regulator letting a
 * trial start (a US IND cleared, a Japanese clinical trial notification reviewed);
 * TECHNIQUE_APPROVAL is Taiwan's approval of a hospital's cell-therapy technique plan.
 */
export const APPROVAL_KINDS = ['CONDITIONAL_APPROVAL', 'FULL_APPROVAL', 'ORPHAN_DESIGNATION', 'TECHNIQUE_APPROVAL', 'TRIAL_CLEARANCE'] as const;

export const TRIAL_PHASES = ['PHASE_1', 'PHASE_1_2', 'PHASE_2', 'PHASE_3'] as const;
export const TRIAL_STATUSES = ['PLANNED', 'RECRUITING', 'ONGOING', 'COMPLETED'] as const;

/** How far a page can be trusted on its own; AI_GENERATED pages never verify a fact. */
export const SOURCE_KINDS = ['PRIMARY', 'OFFICIAL', 'TRADE_PRESS', 'SECONDARY', 'AI_GENERATED'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export const UNVERIFYING_SOURCE_KINDS: readonly SourceKind[] = ['AI_GENERATED'];

/**
 * Property names that hold a date, on nodes and relationships alike. Values are
 * YYYY, YYYY-MM or YYYY-MM-DD, as precise as the page is. `asOf` is the date of
 * the page that states a role or a count.
 */
export const DATE_PROPERTIES = [
  'signedOn',
  'announcedOn',
  'effectiveOn',
  'approvedOn',
  'startedOn',
  'endedOn',
  'passedOn',
  'promulgatedOn',
  'asOf',
  'filedOn',
  'grantedOn',
  'resultsAnnouncedOn',
] as const;
export type DateProperty = (typeof DATE_PROPERTIES)[number];

/** Every property a relationship in an ecosystem file may carry (dates included). */
export const EDGE_PROPERTIES = [
  ...DATE_PROPERTIES,
  'role',
  'title',
  'unit',
  'topic',
  'stakePercent',
  'stage',
  'nature',
  'status',
  'scope',
] as const;

type Rule = { from: readonly EcosystemLabel[]; to: readonly EcosystemLabel[]; description: string };

/** Relationship types that are new with the ecosystem sources. */
export const NEW_RELATIONSHIP_TYPES = {
  MODELLED_ON: { from: ['Policy'], to: ['Policy'], description: "a policy was modelled on another (often another country's)" },
  GOVERNS: { from: ['Policy'], to: ['Modality', 'Technology'], description: 'a law or regulation governs a modality or product' },
  UNDER: { from: ['Approval', 'Policy'], to: ['Policy'], description: 'an approval granted, or a subsidiary regulation issued, under a law' },
  REFERS_TO: { from: ['Policy'], to: ['Policy'], description: 'a law refers to, relies on or gives force to another instrument (properties.nature says how)' },
  ADOPTED: { from: ['Organization'], to: ['Policy'], description: 'a legislature passed or a cabinet approved a law (properties.stage)' },
  ISSUED: { from: ['Organization'], to: ['Policy'], description: 'an authority issued or published (as a draft, per properties.status) a regulation or notice' },
  SPONSORS: { from: ['Organization'], to: ['Trial'], description: 'an organization sponsors a clinical trial' },
  CONDUCTED_AT: { from: ['Trial'], to: ['Organization'], description: 'a trial runs at a site' },
  TESTS: { from: ['Trial'], to: ['Technology'], description: 'a trial tests a product' },
  GRANTED_BY: { from: ['Approval'], to: ['Organization'], description: 'the authority that granted an approval or designation' },
  GRANTED_TO: { from: ['Approval'], to: ['Organization'], description: 'the organization an approval or designation was granted to' },
  APPROVES: { from: ['Approval'], to: ['Technology', 'Trial'], description: 'what an approval, designation or trial clearance is for' },
  CREATED: { from: ['Agreement'], to: ['Organization'], description: 'a joint-venture agreement created a company' },
  MANUFACTURES: { from: ['Organization'], to: ['Technology'], description: 'an organization manufactures a product (for itself or under contract)' },
  PROTECTS: { from: ['Patent'], to: ['Technology'], description: 'a patent a page lists for a product' },
  SIGNED: { from: ['Person'], to: ['Agreement'], description: 'a person signed an agreement for one of the parties' },
  WITNESSED: { from: ['Organization'], to: ['Agreement'], description: "an organization's officials witnessed a signing" },
  SITED_AT: { from: ['Agreement'], to: ['Organization'], description: "where a facility an agreement sets up is to be built (a park or campus)" },
  OPERATES: { from: ['Organization'], to: ['Organization'], description: 'an organization runs or manages a facility or park' },
} as const satisfies Record<string, Rule>;

/**
 * Existing types whose endpoints the ecosystem sources widen. Each entry lists the
 * full endpoint sets (existing ones plus the additions).
 */
export const WIDENED_RELATIONSHIP_TYPES = {
  TARGETS_INDICATION: { ...RELATIONSHIP_TYPES.TARGETS_INDICATION, from: ['Technology', 'Organization', 'Trial', 'Approval'] },
  LOCATED_IN: { ...RELATIONSHIP_TYPES.LOCATED_IN, from: ['Organization', 'Event', 'Fund', 'Policy', 'Trial', 'Approval', 'Patent'] },
} as const satisfies Record<string, Rule>;

/** The relationship types an ecosystem file may use, with their allowed endpoints. */
export const ECOSYSTEM_RELATIONSHIP_TYPES: Record<string, Rule> = {
  ...(RELATIONSHIP_TYPES as Record<string, { from: readonly EntityLabel[]; to: readonly EntityLabel[]; description: string }>),
  ...WIDENED_RELATIONSHIP_TYPES,
  ...NEW_RELATIONSHIP_TYPES,
};
export const ECOSYSTEM_RELATIONSHIP_TYPE_NAMES = Object.keys(ECOSYSTEM_RELATIONSHIP_TYPES);
