import type { Localized } from './language';

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

export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/**
 * How readily an organization of each kind becomes a company's partner, in
 * [0, 1]; 0: never suggested as one. Fixed by reasoning, not fitted: companies,
 * pharmaceutical firms and CDMOs sign the licences, joint ventures and
 * manufacturing contracts suggestions are for (1); hospitals, research
 * institutes and universities partner for studies and technology transfer
 * (0.9); an investor puts money in rather than works together (0.8);
 * associations, foundations and science parks convene and host, and sign
 * cooperation MOUs (0.7). A regulator or a government agency approves, funds
 * and governs, a publisher reports and a venue hosts (0): never suggested
 * (unless a group asks for that kind by name), yet what they share still counts
 * as a reason ("both regulated by PMDA"). Suggestions multiply a candidate's
 * score by 1 + ACTIVITY × this (src/domain/suggestionLinks.ts), a nudge that
 * separates candidates the graph links alike. A complete Record, so a new kind
 * does not compile until it is decided here.
 */
export const PARTNER_PROPENSITY: Readonly<Record<OrganizationKind, number>> = {
  COMPANY: 1,
  PHARMA: 1,
  CDMO: 1,
  GOVERNMENT_AGENCY: 0,
  RESEARCH_INSTITUTE: 0.9,
  INDUSTRY_ASSOCIATION: 0.7,
  INVESTOR: 0.8,
  MEDIA: 0,
  VENUE: 0,
  REGULATOR: 0,
  UNIVERSITY: 0.9,
  HOSPITAL: 0.9,
  FOUNDATION: 0.7,
  SCIENCE_PARK: 0.7,
};
/** The organization kinds that can be suggested as partners (PARTNER_PROPENSITY above 0), in the model's order. */
export const PARTNER_KINDS: readonly OrganizationKind[] = ORGANIZATION_KINDS.filter((k) => PARTNER_PROPENSITY[k] > 0);

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
   * How a path explanation reads a hop, in each language: "<from> <forward> <to>."
   * walking it from its start, "<to> <backward> <from>." walking it from its end.
   * The Japanese and Chinese phrases hold "…" where the other entity goes
   * ("…のライセンサーである": 「AはBのライセンサーである」; "為…之授權方":
   * 「A為B之授權方」); English puts it after the phrase. A few types read richer
   * sentences from their properties (src/modules/paths/explain.ts).
   */
  phrase: { forward: Localized; backward: Localized };
  walkedByDefault?: false;
}

/**
 * Relationship types with the labels they may connect. `from`/`to` list the
 * allowed start and end labels; the loader refuses any other pairing.
 */
export const RELATIONSHIP_TYPES = {
  HOLDS_ROLE: { from: ['Person'], to: ['Organization'], description: 'a person holds a titled role at an organization', phrase: { forward: { en: 'holds a role at', ja: '…で役職に就いている', 'zh-Hant': '於…任職' }, backward: { en: 'counts among its people', ja: '…を役職者に持つ', 'zh-Hant': '有…任職' } } },
  SPOKE_AT: { from: ['Person'], to: ['Event'], description: 'a person spoke at an event', phrase: { forward: { en: 'spoke at', ja: '…で講演した', 'zh-Hant': '於…發表演講' }, backward: { en: 'heard a talk by', ja: '…の講演の場となった', 'zh-Hant': '有…發表演講' } } },
  DEVELOPS: { from: ['Organization'], to: ['Technology'], description: 'an organization develops or offers a technology', phrase: { forward: { en: 'develops', ja: '…を開発している', 'zh-Hant': '開發…' }, backward: { en: 'is developed by', ja: '…によって開発されている', 'zh-Hant': '由…開發' } } },
  USES_MODALITY: { from: ['Technology', 'Organization'], to: ['Modality'], description: 'a technology or organization works with a modality', phrase: { forward: { en: 'works with', ja: '…を用いている', 'zh-Hant': '運用…' }, backward: { en: 'is used by', ja: '…に用いられている', 'zh-Hant': '為…所運用' } } },
  TARGETS_INDICATION: { from: ['Technology', 'Organization', 'Trial', 'Approval'], to: ['Indication'], description: 'a technology, organization, trial or approval addresses an indication', phrase: { forward: { en: 'addresses', ja: '…を対象としている', 'zh-Hant': '針對…' }, backward: { en: 'is addressed by', ja: '…の対象となっている', 'zh-Hant': '為…之目標適應症' } } },
  ORGANIZED: { from: ['Organization'], to: ['Event'], description: 'an organization organized an event', phrase: { forward: { en: 'organized', ja: '…を主催した', 'zh-Hant': '主辦…' }, backward: { en: 'was organized by', ja: '…の主催で開催された', 'zh-Hant': '由…主辦' } } },
  CO_HOSTED: { from: ['Organization'], to: ['Event'], description: 'an organization co-hosted an event', phrase: { forward: { en: 'co-hosted', ja: '…を共催した', 'zh-Hant': '共同主辦…' }, backward: { en: 'was co-hosted by', ja: '…の共催で開催された', 'zh-Hant': '由…共同主辦' } } },
  PARTICIPATED_IN: { from: ['Organization', 'Person'], to: ['Event'], description: 'an organization or person took part in an event', phrase: { forward: { en: 'took part in', ja: '…に参加した', 'zh-Hant': '參與…' }, backward: { en: 'was attended by', ja: '…の参加を得た', 'zh-Hant': '有…參與' } } },
  HELD_AT: { from: ['Event'], to: ['Organization'], description: 'an event took place at a venue', phrase: { forward: { en: 'was held at', ja: '…で開催された', 'zh-Hant': '於…舉行' }, backward: { en: 'was the venue of', ja: '…の会場となった', 'zh-Hant': '為…之舉辦場地' } } },
  PARTY_TO: { from: ['Organization'], to: ['Agreement'], description: 'an organization is a party to an agreement, in a role', phrase: { forward: { en: 'is a party to', ja: '…の当事者である', 'zh-Hant': '為…之當事方' }, backward: { en: 'has as a party', ja: '…を当事者とする', 'zh-Hant': '以…為當事方' } } },
  FACILITATED: { from: ['Organization'], to: ['Agreement'], description: 'an organization helped bring an agreement about', phrase: { forward: { en: 'helped bring about', ja: '…の成立を支援した', 'zh-Hant': '促成…' }, backward: { en: 'was facilitated by', ja: '…の支援を受けて成立した', 'zh-Hant': '由…促成' } } },
  COVERS: { from: ['Agreement'], to: ['Technology'], description: 'an agreement covers a technology', phrase: { forward: { en: 'covers', ja: '…を対象とする', 'zh-Hant': '涵蓋…' }, backward: { en: 'is covered by', ja: '…の対象である', 'zh-Hant': '為…所涵蓋' } } },
  APPLIES_IN: { from: ['Agreement'], to: ['Country'], description: 'an agreement grants rights in a territory', phrase: { forward: { en: 'grants rights in', ja: '…における権利を付与する', 'zh-Hant': '授予於…之權利' }, backward: { en: 'is a territory of', ja: '…の対象地域である', 'zh-Hant': '為…之適用地區' } } },
  SIGNED_AT: { from: ['Agreement'], to: ['Event'], description: 'an agreement was signed at an event', phrase: { forward: { en: 'was signed at', ja: '…で締結された', 'zh-Hant': '於…簽署' }, backward: { en: 'saw the signing of', ja: '…の締結の場となった', 'zh-Hant': '為…之簽署場合' } } },
  ADMINISTERS: { from: ['Organization'], to: ['Fund', 'Policy'], description: 'an organization runs a fund or a policy', phrase: { forward: { en: 'runs', ja: '…を所管している', 'zh-Hant': '主管…' }, backward: { en: 'is run by', ja: '…によって所管されている', 'zh-Hant': '由…主管' } } },
  SUPPORTS: { from: ['Fund'], to: ['Policy'], description: 'a fund serves a policy', phrase: { forward: { en: 'serves', ja: '…に資する', 'zh-Hant': '支持…' }, backward: { en: 'is served by', ja: '…の支援を受けている', 'zh-Hant': '獲…支持' } } },
  PART_OF: { from: ['Policy', 'Organization'], to: ['Policy', 'Organization'], description: 'a pillar of a strategy, or a unit of an organization', phrase: { forward: { en: 'is part of', ja: '…の一部である', 'zh-Hant': '為…之一部分' }, backward: { en: 'includes', ja: '…を含む', 'zh-Hant': '包含…' } } },
  LOCATED_IN: {
    from: ['Organization', 'Event', 'Fund', 'Policy', 'Trial', 'Approval', 'Patent'],
    to: ['Country'],
    description: 'where an organization is based, an event held, a fund, policy, trial, approval or patent applies',
    phrase: { forward: { en: 'is located in', ja: '…に所在する', 'zh-Hant': '位於…' }, backward: { en: 'is home to', ja: '…の所在地である', 'zh-Hant': '為…之所在地' } },
    // Countries are supernodes: a path through one says nothing about a partnership.
    walkedByDefault: false,
  },
  INDICATED_FOR: { from: ['Modality'], to: ['Indication'], description: 'a modality is suited to an indication', phrase: { forward: { en: 'is suited to', ja: '…に適している', 'zh-Hant': '適用於…' }, backward: { en: 'can be treated with', ja: '…で治療し得る', 'zh-Hant': '可以…治療' } } },
  FOCUSES_ON: { from: ['Organization', 'Event', 'Policy', 'Fund'], to: ['Modality', 'Indication', 'Technology'], description: 'a declared area of focus', phrase: { forward: { en: 'focuses on', ja: '…に注力している', 'zh-Hant': '聚焦於…' }, backward: { en: 'is a focus of', ja: '…が注力する分野である', 'zh-Hant': '為…之重點領域' } } },
  MODELLED_ON: { from: ['Policy'], to: ['Policy'], description: "a policy was modelled on another (often another country's)", phrase: { forward: { en: 'was modelled on', ja: '…を手本とした', 'zh-Hant': '以…為範本' }, backward: { en: 'served as the model for', ja: '…の手本となった', 'zh-Hant': '為…之範本' } } },
  GOVERNS: { from: ['Policy'], to: ['Modality', 'Technology'], description: 'a law or regulation governs a modality or product', phrase: { forward: { en: 'governs', ja: '…を規制している', 'zh-Hant': '規範…' }, backward: { en: 'is governed by', ja: '…によって規制されている', 'zh-Hant': '受…規範' } } },
  UNDER: { from: ['Approval', 'Policy'], to: ['Policy'], description: 'an approval granted, or a subsidiary regulation issued, under a law', phrase: { forward: { en: 'comes under', ja: '…に基づく', 'zh-Hant': '依據…' }, backward: { en: 'is the legal basis of', ja: '…の法的根拠である', 'zh-Hant': '為…之法源依據' } } },
  REFERS_TO: { from: ['Policy'], to: ['Policy'], description: 'a law refers to, relies on or gives force to another instrument (nature says how)', phrase: { forward: { en: 'refers to', ja: '…に言及している', 'zh-Hant': '援引…' }, backward: { en: 'is referred to by', ja: '…から言及されている', 'zh-Hant': '為…所援引' } } },
  ADOPTED: { from: ['Organization'], to: ['Policy'], description: 'a legislature passed or a cabinet approved a law (stage says which)', phrase: { forward: { en: 'adopted', ja: '…を採択した', 'zh-Hant': '通過…' }, backward: { en: 'was adopted by', ja: '…によって採択された', 'zh-Hant': '由…通過' } } },
  ISSUED: { from: ['Organization'], to: ['Policy'], description: 'an authority issued or published (as a draft, per status) a regulation or notice', phrase: { forward: { en: 'issued', ja: '…を発出した', 'zh-Hant': '發布…' }, backward: { en: 'was issued by', ja: '…によって発出された', 'zh-Hant': '由…發布' } } },
  SPONSORS: { from: ['Organization'], to: ['Trial'], description: 'an organization sponsors a clinical trial', phrase: { forward: { en: 'sponsors', ja: '…の治験依頼者である', 'zh-Hant': '為…之試驗委託者' }, backward: { en: 'is sponsored by', ja: '…を治験依頼者とする', 'zh-Hant': '以…為試驗委託者' } } },
  CONDUCTED_AT: { from: ['Trial'], to: ['Organization'], description: 'a trial runs at a site', phrase: { forward: { en: 'runs at', ja: '…で実施されている', 'zh-Hant': '於…進行' }, backward: { en: 'is a site of', ja: '…の実施施設である', 'zh-Hant': '為…之試驗機構' } } },
  TESTS: { from: ['Trial'], to: ['Technology'], description: 'a trial tests a product', phrase: { forward: { en: 'tests', ja: '…を評価する', 'zh-Hant': '評估…' }, backward: { en: 'is tested in', ja: '…で評価されている', 'zh-Hant': '於…中接受評估' } } },
  GRANTED_BY: { from: ['Approval'], to: ['Organization'], description: 'the authority that granted an approval or designation', phrase: { forward: { en: 'was granted by', ja: '…によって付与された', 'zh-Hant': '由…核發' }, backward: { en: 'granted', ja: '…を付与した', 'zh-Hant': '核發…' } } },
  GRANTED_TO: { from: ['Approval'], to: ['Organization'], description: 'the organization an approval or designation was granted to', phrase: { forward: { en: 'was granted to', ja: '…に付与された', 'zh-Hant': '核發予…' }, backward: { en: 'received', ja: '…を受けた', 'zh-Hant': '獲得…' } } },
  APPROVES: { from: ['Approval'], to: ['Technology', 'Trial'], description: 'what an approval, designation or trial clearance is for', phrase: { forward: { en: 'is for', ja: '…を対象とする', 'zh-Hant': '針對…' }, backward: { en: 'received', ja: '…を受けた', 'zh-Hant': '獲得…' } } },
  CREATED: { from: ['Agreement'], to: ['Organization'], description: 'a joint-venture agreement created a company', phrase: { forward: { en: 'created', ja: '…を設立した', 'zh-Hant': '設立…' }, backward: { en: 'was created by', ja: '…によって設立された', 'zh-Hant': '由…設立' } } },
  MANUFACTURES: { from: ['Organization'], to: ['Technology'], description: 'an organization manufactures a product (for itself or under contract)', phrase: { forward: { en: 'manufactures', ja: '…を製造している', 'zh-Hant': '製造…' }, backward: { en: 'is manufactured by', ja: '…によって製造されている', 'zh-Hant': '由…製造' } } },
  PROTECTS: { from: ['Patent'], to: ['Technology'], description: 'a patent a page lists for a product', phrase: { forward: { en: 'protects', ja: '…を保護する', 'zh-Hant': '保護…' }, backward: { en: 'is protected by', ja: '…によって保護されている', 'zh-Hant': '受…保護' } } },
  SIGNED: { from: ['Person'], to: ['Agreement'], description: 'a person signed an agreement for one of the parties', phrase: { forward: { en: 'signed', ja: '…に署名した', 'zh-Hant': '簽署…' }, backward: { en: 'was signed by', ja: '…によって署名された', 'zh-Hant': '由…簽署' } } },
  WITNESSED: { from: ['Organization'], to: ['Agreement'], description: "an organization's officials witnessed a signing", phrase: { forward: { en: 'witnessed the signing of', ja: '…の調印に立ち会った', 'zh-Hant': '見證…之簽署' }, backward: { en: 'was witnessed by', ja: '…の立会いのもとで調印された', 'zh-Hant': '由…見證簽署' } } },
  SITED_AT: { from: ['Agreement'], to: ['Organization'], description: 'where a facility an agreement sets up is to be built (a park or campus)', phrase: { forward: { en: 'is to be sited at', ja: '…に設置される予定である', 'zh-Hant': '預定設於…' }, backward: { en: 'is the site of', ja: '…の設置予定地である', 'zh-Hant': '為…之預定設置地點' } } },
  OPERATES: { from: ['Organization'], to: ['Organization'], description: 'an organization runs or manages a facility or park', phrase: { forward: { en: 'operates', ja: '…を運営している', 'zh-Hant': '營運…' }, backward: { en: 'is operated by', ja: '…によって運営されている', 'zh-Hant': '由…營運' } } },
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
