import {
  AGREEMENT_KINDS,
  APPROVAL_KINDS,
  EVENT_KINDS,
  FUND_KINDS,
  IDENTITY_DECISION_KINDS,
  IDENTITY_STATUSES,
  IDENTITY_VERDICTS,
  ORGANIZATION_KINDS,
  PARTY_ROLES,
  POLICY_KINDS,
  SOURCE_KINDS,
  TECHNOLOGY_KINDS,
  TRIAL_PHASES,
  TRIAL_STATUSES,
} from './model';

/**
 * The closed vocabularies of the model as the API shows them: each enum's
 * values (the tuples of model.ts, which the write validators use) with a
 * description of the enum and of every value. The typing makes a value
 * without a description a compile error.
 */
export interface EnumDeclaration<V extends string = string> {
  description: string;
  values: Readonly<Record<V, string>>;
}

const declare = <V extends string>(_values: readonly V[], description: string, values: Record<V, string>): EnumDeclaration<V> => ({ description, values });

/** Every model enum, by its GraphQL name. EntityType and RelationshipType are derived from the entity and relationship declarations. */
export const ENUMS = {
  OrganizationKind: declare(ORGANIZATION_KINDS, 'Kinds of organization.', {
    COMPANY: 'A company that develops, sells or serves (a start-up, a biotech).',
    PHARMA: 'A pharmaceutical company.',
    CDMO: 'A contract development and manufacturing organization.',
    GOVERNMENT_AGENCY: 'A ministry, agency or public body other than a regulator.',
    RESEARCH_INSTITUTE: 'A research institute or centre.',
    INDUSTRY_ASSOCIATION: 'An industry association, alliance or consortium.',
    INVESTOR: 'A venture capital firm or other investor.',
    MEDIA: 'A publisher or news outlet.',
    VENUE: 'A place where events are held.',
    REGULATOR: 'A regulatory authority (PMDA, TFDA …).',
    UNIVERSITY: 'A university or one of its schools.',
    HOSPITAL: 'A hospital or clinic.',
    FOUNDATION: 'A foundation or non-profit.',
    SCIENCE_PARK: 'A science park, campus or innovation hub.',
  }),
  TechnologyKind: declare(TECHNOLOGY_KINDS, 'Kinds of technology.', {
    PLATFORM: 'A platform or enabling technology.',
    PRODUCT: 'A product (a cell product, a kit, a reagent).',
    THERAPY: 'A therapy or treatment.',
    DEVICE: 'A device or instrument.',
    SERVICE: 'A service (manufacturing, testing, banking).',
  }),
  FundKind: declare(FUND_KINDS, 'Kinds of fund.', {
    PUBLIC_FUND: 'A fund run by a government or public body.',
    VENTURE_FUND: 'A venture capital fund.',
  }),
  PolicyKind: declare(POLICY_KINDS, 'Kinds of policy.', {
    NATIONAL_STRATEGY: 'A national strategy.',
    PILLAR: 'One pillar of a strategy.',
    LAW: 'A law passed by a legislature.',
    REGULATION: 'A regulation, ordinance or enforcement rule under a law.',
    GUIDELINE: 'A guideline or notice without force of law.',
    REGULATORY_FRAMEWORK: "Several instruments taken together (Taiwan's dual acts, Japan's dual-track system).",
    PROGRAMME: 'A funding or support programme.',
  }),
  EventKind: declare(EVENT_KINDS, 'Kinds of event.', {
    INVESTMENT_FORUM: 'An investment or partnering forum.',
    CONFERENCE: 'A conference, symposium or trade show.',
    NETWORKING_EVENT: 'A networking event or reception.',
    DELEGATION_VISIT: "A group's trip to the other country (visits to institutions, site tours).",
  }),
  AgreementKind: declare(AGREEMENT_KINDS, 'Kinds of agreement.', {
    LICENSE: 'A licence of rights to a technology.',
    CO_DEVELOPMENT: 'Joint development of a product.',
    DISTRIBUTION: 'Distribution or sales of a product.',
    INVESTMENT: 'An investment in a party.',
    MOU: 'A memorandum of understanding.',
    JOINT_VENTURE: 'A joint venture creating a company.',
    CONTRACT_MANUFACTURING: 'Manufacturing under contract.',
    COLLABORATION: 'Any other collaboration.',
  }),
  PartyRole: declare(PARTY_ROLES, 'Roles a party can have in an agreement.', {
    LICENSOR: 'Grants the licence.',
    LICENSEE: 'Receives the licence.',
    PARTNER: 'A partner without a more specific role.',
    INVESTOR: 'Invests.',
    INVESTEE: 'Receives the investment.',
    SHAREHOLDER: 'Holds shares in a joint venture.',
    MANUFACTURER: 'Manufactures under the agreement.',
    CLIENT: 'Has products manufactured or services provided.',
    SIGNATORY: 'Signed it without a more specific role.',
  }),
  ApprovalKind: declare(APPROVAL_KINDS, 'What an approval records.', {
    CONDITIONAL_APPROVAL: 'A conditional, time-limited marketing approval.',
    FULL_APPROVAL: 'A full marketing approval.',
    ORPHAN_DESIGNATION: 'An orphan-drug or orphan regenerative-medicine designation.',
    TECHNIQUE_APPROVAL: "Taiwan's approval of a hospital's cell-therapy technique plan.",
    TRIAL_CLEARANCE: 'A regulator let a trial start (an IND cleared, a trial notification reviewed).',
    MANUFACTURER_ACCREDITATION: "A regulator accredited a manufacturing site, e.g. Japan's accreditation of a foreign maker of regenerative medical products.",
  }),
  TrialPhase: declare(TRIAL_PHASES, 'Phases of a clinical trial.', {
    PHASE_1: 'Phase 1: safety.',
    PHASE_1_2: 'Phase 1/2: safety and first efficacy, combined.',
    PHASE_2: 'Phase 2: efficacy and dosing.',
    PHASE_3: 'Phase 3: confirmation in a larger population.',
  }),
  TrialStatus: declare(TRIAL_STATUSES, 'Where a clinical trial stands.', {
    PLANNED: 'Announced or registered, not yet recruiting.',
    RECRUITING: 'Recruiting participants.',
    ONGOING: 'Running, no longer recruiting.',
    COMPLETED: 'Finished.',
  }),
  SourceKind: declare(SOURCE_KINDS, 'How far a page can be trusted on its own.', {
    PRIMARY: "A party's own page (a company's release, a university's news).",
    OFFICIAL: 'A government, regulator or official database.',
    TRADE_PRESS: 'News reporting.',
    SECONDARY: 'Summaries, law-firm notes, blogs, catalogues, sponsored content.',
    AI_GENERATED: 'Generated by AI: it never verifies a fact on its own.',
  }),
  IdentityDecisionKind: declare(IDENTITY_DECISION_KINDS, 'What an identity decision says about names the sources use.', {
    SAME: 'The names denote one entity and are merged into it (its name and aliases).',
    PROBABLY_SAME: 'Two entities of one type are kept apart: no single page gives both names, though the evidence suggests they are one.',
  }),
  IdentityStatus: declare(IDENTITY_STATUSES, 'Where a curator left an identity decision.', {
    STANDING: 'As the seed files state it; no reviewer has ruled on it yet.',
    CONFIRMED: 'A reviewer confirmed it (for PROBABLY_SAME: the two entities were merged into one).',
    UNDONE: 'A reviewer undid it (for PROBABLY_SAME: the two are judged distinct; for SAME: see decideIdentity for what stays merged).',
  }),
  IdentityVerdict: declare(IDENTITY_VERDICTS, "A reviewer's ruling on a standing identity decision.", {
    CONFIRM: 'The decision holds: for PROBABLY_SAME the two entities are merged (as mergeEntities merges).',
    UNDO: 'The decision does not hold: it is marked UNDONE.',
  }),
  ParticipationKind: declare(['ORGANIZED', 'CO_HOSTED', 'PARTICIPATED_IN'] as const, 'How an organization took part in an event.', {
    ORGANIZED: 'Organized it.',
    CO_HOSTED: 'Co-hosted it.',
    PARTICIPATED_IN: 'Took part (attended, presented, exhibited).',
  }),
} as const;

export type EnumName = keyof typeof ENUMS;

/** The values of a model enum, in declaration order. */
export function enumValues(name: EnumName): readonly string[] {
  return Object.keys(ENUMS[name].values);
}
