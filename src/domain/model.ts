/**
 * The fixed vocabulary of the graph: node labels, kinds and relationship types.
 * Cypher text only ever interpolates names from these lists (never request text),
 * so a label or type that is not here cannot reach the database.
 */

export const ENTITY_LABELS = [
  'Organization',
  'Person',
  'Technology',
  'Modality',
  'Indication',
  'Fund',
  'Policy',
  'Event',
  'Agreement',
  'Country',
] as const;
export type EntityLabel = (typeof ENTITY_LABELS)[number];

export const ORGANIZATION_KINDS = [
  'COMPANY',
  'PHARMA',
  'CDMO',
  'GOVERNMENT_AGENCY',
  'RESEARCH_INSTITUTE',
  'INDUSTRY_ASSOCIATION',
  'INVESTOR',
  'MEDIA',
  'VENUE',
] as const;

export const TECHNOLOGY_KINDS = ['PLATFORM', 'PRODUCT', 'THERAPY', 'DEVICE', 'SERVICE'] as const;
export const FUND_KINDS = ['PUBLIC_FUND', 'VENTURE_FUND'] as const;
export const POLICY_KINDS = ['NATIONAL_STRATEGY', 'PILLAR'] as const;
export const EVENT_KINDS = ['INVESTMENT_FORUM', 'CONFERENCE', 'NETWORKING_EVENT'] as const;
export const AGREEMENT_KINDS = ['LICENSE', 'CO_DEVELOPMENT', 'DISTRIBUTION', 'INVESTMENT', 'MOU'] as const;
export const PARTY_ROLES = ['LICENSOR', 'LICENSEE', 'PARTNER', 'INVESTOR', 'INVESTEE'] as const;

/**
 * Relationship types with the labels they may connect. `from`/`to` list the
 * allowed start and end labels; the loader refuses any other pairing.
 */
export const RELATIONSHIP_TYPES = {
  HOLDS_ROLE: { from: ['Person'], to: ['Organization'], description: 'a person holds a titled role at an organization' },
  SPOKE_AT: { from: ['Person'], to: ['Event'], description: 'a person spoke at an event' },
  DEVELOPS: { from: ['Organization'], to: ['Technology'], description: 'an organization develops or offers a technology' },
  USES_MODALITY: { from: ['Technology', 'Organization'], to: ['Modality'], description: 'a technology or organization works with a modality' },
  TARGETS_INDICATION: { from: ['Technology', 'Organization'], to: ['Indication'], description: 'a technology or organization addresses an indication' },
  ORGANIZED: { from: ['Organization'], to: ['Event'], description: 'an organization organized an event' },
  CO_HOSTED: { from: ['Organization'], to: ['Event'], description: 'an organization co-hosted an event' },
  PARTICIPATED_IN: { from: ['Organization', 'Person'], to: ['Event'], description: 'an organization or person took part in an event' },
  HELD_AT: { from: ['Event'], to: ['Organization'], description: 'an event took place at a venue' },
  PARTY_TO: { from: ['Organization'], to: ['Agreement'], description: 'an organization is a party to an agreement, in a role' },
  FACILITATED: { from: ['Organization'], to: ['Agreement'], description: 'an organization helped bring an agreement about' },
  COVERS: { from: ['Agreement'], to: ['Technology'], description: 'an agreement covers a technology' },
  APPLIES_IN: { from: ['Agreement'], to: ['Country'], description: 'an agreement grants rights in a territory' },
  SIGNED_AT: { from: ['Agreement'], to: ['Event'], description: 'an agreement was signed at an event' },
  ADMINISTERS: { from: ['Organization'], to: ['Fund', 'Policy'], description: 'an organization runs a fund or a policy' },
  SUPPORTS: { from: ['Fund'], to: ['Policy'], description: 'a fund serves a policy' },
  PART_OF: { from: ['Policy', 'Organization'], to: ['Policy', 'Organization'], description: 'a pillar of a strategy, or a unit of an organization' },
  LOCATED_IN: { from: ['Organization', 'Event', 'Fund', 'Policy'], to: ['Country'], description: 'where an organization is based, an event held, or a fund or policy applies' },
  INDICATED_FOR: { from: ['Modality'], to: ['Indication'], description: 'a modality is suited to an indication' },
  FOCUSES_ON: { from: ['Organization', 'Event', 'Policy', 'Fund'], to: ['Modality', 'Indication', 'Technology'], description: 'a declared area of focus' },
} as const satisfies Record<string, { from: readonly EntityLabel[]; to: readonly EntityLabel[]; description: string }>;

export type RelationshipType = keyof typeof RELATIONSHIP_TYPES;
export const RELATIONSHIP_TYPE_NAMES = Object.keys(RELATIONSHIP_TYPES) as RelationshipType[];

/** Relationship types that describe provenance rather than the domain; never walked by path queries. */
export const PROVENANCE_RELATIONSHIP = 'STATED_IN';
