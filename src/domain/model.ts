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
  'Trial',
  'Approval',
  'Patent',
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
  'REGULATOR',
  'UNIVERSITY',
  'HOSPITAL',
  'FOUNDATION',
  'SCIENCE_PARK',
] as const;

export const TECHNOLOGY_KINDS = ['PLATFORM', 'PRODUCT', 'THERAPY', 'DEVICE', 'SERVICE'] as const;
export const FUND_KINDS = ['PUBLIC_FUND', 'VENTURE_FUND'] as const;
/** REGULATORY_FRAMEWORK: several instruments taken together (Taiwan's dual acts, Japan's dual-track system). */
export const POLICY_KINDS = ['NATIONAL_STRATEGY', 'PILLAR', 'LAW', 'REGULATION', 'GUIDELINE', 'REGULATORY_FRAMEWORK', 'PROGRAMME'] as const;
/** DELEGATION_VISIT: a group's trip to the other country (visits to institutions, site tours). */
export const EVENT_KINDS = ['INVESTMENT_FORUM', 'CONFERENCE', 'NETWORKING_EVENT', 'DELEGATION_VISIT'] as const;
export const AGREEMENT_KINDS = ['LICENSE', 'CO_DEVELOPMENT', 'DISTRIBUTION', 'INVESTMENT', 'MOU', 'JOINT_VENTURE', 'CONTRACT_MANUFACTURING', 'COLLABORATION'] as const;
export const PARTY_ROLES = ['LICENSOR', 'LICENSEE', 'PARTNER', 'INVESTOR', 'INVESTEE', 'SHAREHOLDER', 'MANUFACTURER', 'CLIENT', 'SIGNATORY'] as const;

/**
 * What an Approval records. TRIAL_CLEARANCE: a regulator let a trial start (a US
 * IND cleared, a Japanese trial notification reviewed); TECHNIQUE_APPROVAL: Taiwan's
 * approval of a hospital's cell-therapy technique plan; MANUFACTURER_ACCREDITATION: a
 * regulator accredited a (foreign) manufacturing site, as Japan does for makers of
 * regenerative medical products abroad.
 */
export const APPROVAL_KINDS = ['CONDITIONAL_APPROVAL', 'FULL_APPROVAL', 'ORPHAN_DESIGNATION', 'TECHNIQUE_APPROVAL', 'TRIAL_CLEARANCE', 'MANUFACTURER_ACCREDITATION'] as const;
export const TRIAL_PHASES = ['PHASE_1', 'PHASE_1_2', 'PHASE_2', 'PHASE_3'] as const;
export const TRIAL_STATUSES = ['PLANNED', 'RECRUITING', 'ONGOING', 'COMPLETED'] as const;

/** How far a page can be trusted on its own; AI_GENERATED pages never verify a fact. */
export const SOURCE_KINDS = ['PRIMARY', 'OFFICIAL', 'TRADE_PRESS', 'SECONDARY', 'AI_GENERATED'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
/** A fact every one of whose sources is of these kinds is unverified. */
export const UNVERIFYING_SOURCE_KINDS: readonly SourceKind[] = ['AI_GENERATED'];

/**
 * Identity decisions (seed files' `identities`): whether names the pages use
 * denote one entity. SAME: the names are merged into one entity; PROBABLY_SAME:
 * two entities of one label are kept apart though the evidence suggests one.
 */
export const IDENTITY_DECISION_KINDS = ['SAME', 'PROBABLY_SAME'] as const;
export type IdentityDecisionKind = (typeof IDENTITY_DECISION_KINDS)[number];
/** Where a curator left a decision: as the seed states it, confirmed, or undone. */
export const IDENTITY_STATUSES = ['STANDING', 'CONFIRMED', 'UNDONE'] as const;
export type IdentityStatus = (typeof IDENTITY_STATUSES)[number];
/** What a reviewer can say about a standing decision. */
export const IDENTITY_VERDICTS = ['CONFIRM', 'UNDO'] as const;
export type IdentityVerdict = (typeof IDENTITY_VERDICTS)[number];

/**
 * Property names that hold a date, on nodes, relationships and claims alike:
 * YYYY, YYYY-MM or YYYY-MM-DD, as precise as the page. `asOf` is the date of the
 * page that states a role or a count.
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

/** Every property a relationship may carry besides its bookkeeping (dates included). */
export const EDGE_PROPERTIES = [...DATE_PROPERTIES, 'role', 'title', 'unit', 'topic', 'stakePercent', 'stage', 'nature', 'status', 'scope'] as const;

/** What the model says of a relationship type. */
export interface RelationshipTypeDeclaration {
  /** The labels it may start at. */
  from: readonly EntityLabel[];
  /** The labels it may end at. */
  to: readonly EntityLabel[];
  /** A phrase for the API's RelationshipType enum ("a grant was awarded to an organization"). */
  description: string;
  /**
   * How a path explanation reads a hop: "<from> <forward> <to>." walking it from
   * its start, "<to> <backward> <from>." walking it from its end. A few types
   * read richer sentences from their properties (src/modules/paths/explain.ts).
   */
  phrase: { forward: string; backward: string };
  walkedByDefault?: false;
}

/**
 * Relationship types with the labels they may connect. `from`/`to` list the
 * allowed start and end labels; the loader refuses any other pairing.
 */
export const RELATIONSHIP_TYPES = {
  HOLDS_ROLE: { from: ['Person'], to: ['Organization'], description: 'a person holds a titled role at an organization', phrase: { forward: 'holds a role at', backward: 'counts among its people' } },
  SPOKE_AT: { from: ['Person'], to: ['Event'], description: 'a person spoke at an event', phrase: { forward: 'spoke at', backward: 'heard a talk by' } },
  DEVELOPS: { from: ['Organization'], to: ['Technology'], description: 'an organization develops or offers a technology', phrase: { forward: 'develops', backward: 'is developed by' } },
  USES_MODALITY: { from: ['Technology', 'Organization'], to: ['Modality'], description: 'a technology or organization works with a modality', phrase: { forward: 'works with', backward: 'is used by' } },
  TARGETS_INDICATION: { from: ['Technology', 'Organization', 'Trial', 'Approval'], to: ['Indication'], description: 'a technology, organization, trial or approval addresses an indication', phrase: { forward: 'addresses', backward: 'is addressed by' } },
  ORGANIZED: { from: ['Organization'], to: ['Event'], description: 'an organization organized an event', phrase: { forward: 'organized', backward: 'was organized by' } },
  CO_HOSTED: { from: ['Organization'], to: ['Event'], description: 'an organization co-hosted an event', phrase: { forward: 'co-hosted', backward: 'was co-hosted by' } },
  PARTICIPATED_IN: { from: ['Organization', 'Person'], to: ['Event'], description: 'an organization or person took part in an event', phrase: { forward: 'took part in', backward: 'was attended by' } },
  HELD_AT: { from: ['Event'], to: ['Organization'], description: 'an event took place at a venue', phrase: { forward: 'was held at', backward: 'was the venue of' } },
  PARTY_TO: { from: ['Organization'], to: ['Agreement'], description: 'an organization is a party to an agreement, in a role', phrase: { forward: 'is a party to', backward: 'has as a party' } },
  FACILITATED: { from: ['Organization'], to: ['Agreement'], description: 'an organization helped bring an agreement about', phrase: { forward: 'helped bring about', backward: 'was facilitated by' } },
  COVERS: { from: ['Agreement'], to: ['Technology'], description: 'an agreement covers a technology', phrase: { forward: 'covers', backward: 'is covered by' } },
  APPLIES_IN: { from: ['Agreement'], to: ['Country'], description: 'an agreement grants rights in a territory', phrase: { forward: 'grants rights in', backward: 'is a territory of' } },
  SIGNED_AT: { from: ['Agreement'], to: ['Event'], description: 'an agreement was signed at an event', phrase: { forward: 'was signed at', backward: 'saw the signing of' } },
  ADMINISTERS: { from: ['Organization'], to: ['Fund', 'Policy'], description: 'an organization runs a fund or a policy', phrase: { forward: 'runs', backward: 'is run by' } },
  SUPPORTS: { from: ['Fund'], to: ['Policy'], description: 'a fund serves a policy', phrase: { forward: 'serves', backward: 'is served by' } },
  PART_OF: { from: ['Policy', 'Organization'], to: ['Policy', 'Organization'], description: 'a pillar of a strategy, or a unit of an organization', phrase: { forward: 'is part of', backward: 'includes' } },
  LOCATED_IN: {
    from: ['Organization', 'Event', 'Fund', 'Policy', 'Trial', 'Approval', 'Patent'],
    to: ['Country'],
    description: 'where an organization is based, an event held, a fund, policy, trial, approval or patent applies',
    phrase: { forward: 'is located in', backward: 'is home to' },
    // Countries are supernodes: a path through one says nothing about a partnership.
    walkedByDefault: false,
  },
  INDICATED_FOR: { from: ['Modality'], to: ['Indication'], description: 'a modality is suited to an indication', phrase: { forward: 'is suited to', backward: 'can be treated with' } },
  FOCUSES_ON: { from: ['Organization', 'Event', 'Policy', 'Fund'], to: ['Modality', 'Indication', 'Technology'], description: 'a declared area of focus', phrase: { forward: 'focuses on', backward: 'is a focus of' } },
  MODELLED_ON: { from: ['Policy'], to: ['Policy'], description: "a policy was modelled on another (often another country's)", phrase: { forward: 'was modelled on', backward: 'served as the model for' } },
  GOVERNS: { from: ['Policy'], to: ['Modality', 'Technology'], description: 'a law or regulation governs a modality or product', phrase: { forward: 'governs', backward: 'is governed by' } },
  UNDER: { from: ['Approval', 'Policy'], to: ['Policy'], description: 'an approval granted, or a subsidiary regulation issued, under a law', phrase: { forward: 'comes under', backward: 'is the legal basis of' } },
  REFERS_TO: { from: ['Policy'], to: ['Policy'], description: 'a law refers to, relies on or gives force to another instrument (nature says how)', phrase: { forward: 'refers to', backward: 'is referred to by' } },
  ADOPTED: { from: ['Organization'], to: ['Policy'], description: 'a legislature passed or a cabinet approved a law (stage says which)', phrase: { forward: 'adopted', backward: 'was adopted by' } },
  ISSUED: { from: ['Organization'], to: ['Policy'], description: 'an authority issued or published (as a draft, per status) a regulation or notice', phrase: { forward: 'issued', backward: 'was issued by' } },
  SPONSORS: { from: ['Organization'], to: ['Trial'], description: 'an organization sponsors a clinical trial', phrase: { forward: 'sponsors', backward: 'is sponsored by' } },
  CONDUCTED_AT: { from: ['Trial'], to: ['Organization'], description: 'a trial runs at a site', phrase: { forward: 'runs at', backward: 'is a site of' } },
  TESTS: { from: ['Trial'], to: ['Technology'], description: 'a trial tests a product', phrase: { forward: 'tests', backward: 'is tested in' } },
  GRANTED_BY: { from: ['Approval'], to: ['Organization'], description: 'the authority that granted an approval or designation', phrase: { forward: 'was granted by', backward: 'granted' } },
  GRANTED_TO: { from: ['Approval'], to: ['Organization'], description: 'the organization an approval or designation was granted to', phrase: { forward: 'was granted to', backward: 'received' } },
  APPROVES: { from: ['Approval'], to: ['Technology', 'Trial'], description: 'what an approval, designation or trial clearance is for', phrase: { forward: 'is for', backward: 'received' } },
  CREATED: { from: ['Agreement'], to: ['Organization'], description: 'a joint-venture agreement created a company', phrase: { forward: 'created', backward: 'was created by' } },
  MANUFACTURES: { from: ['Organization'], to: ['Technology'], description: 'an organization manufactures a product (for itself or under contract)', phrase: { forward: 'manufactures', backward: 'is manufactured by' } },
  PROTECTS: { from: ['Patent'], to: ['Technology'], description: 'a patent a page lists for a product', phrase: { forward: 'protects', backward: 'is protected by' } },
  SIGNED: { from: ['Person'], to: ['Agreement'], description: 'a person signed an agreement for one of the parties', phrase: { forward: 'signed', backward: 'was signed by' } },
  WITNESSED: { from: ['Organization'], to: ['Agreement'], description: "an organization's officials witnessed a signing", phrase: { forward: 'witnessed the signing of', backward: 'was witnessed by' } },
  SITED_AT: { from: ['Agreement'], to: ['Organization'], description: 'where a facility an agreement sets up is to be built (a park or campus)', phrase: { forward: 'is to be sited at', backward: 'is the site of' } },
  OPERATES: { from: ['Organization'], to: ['Organization'], description: 'an organization runs or manages a facility or park', phrase: { forward: 'operates', backward: 'is operated by' } },
} as const satisfies Record<string, RelationshipTypeDeclaration>;

export type RelationshipType = keyof typeof RELATIONSHIP_TYPES;
export const RELATIONSHIP_TYPE_NAMES = Object.keys(RELATIONSHIP_TYPES) as RelationshipType[];

/**
 * The types path queries, the neighbourhood and the explorer walk unless the
 * caller names others: every type not marked `walkedByDefault: false`.
 */
export const DEFAULT_WALK_TYPES: readonly RelationshipType[] = RELATIONSHIP_TYPE_NAMES.filter((t) => !('walkedByDefault' in RELATIONSHIP_TYPES[t]));

/** Relationship types that describe provenance rather than the domain; never walked by path queries. */
export const PROVENANCE_RELATIONSHIP = 'STATED_IN';
