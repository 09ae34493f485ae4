import { RELATIONSHIP_TYPES, type EntityLabel, type RelationshipType } from './model';

/**
 * The entity types as the API shows them: for each label, the fields that follow
 * relationships. This table is the one place that says which relationship a
 * field walks, in which direction and to which label. The read compiler
 * (src/translate), the resolvers and the schema check (test/domainModel.test.ts)
 * are all derived from it; schema.graphql states the same fields by hand as the
 * public contract.
 */

/** The most relationships one relationship field returns per entity; hubs are cut here. */
export const RELATED_CAP = 1000;

/** OUT walks (self)-[:TYPE]->(other); IN walks (self)<-[:TYPE]-(other). */
export type WalkDirection = 'OUT' | 'IN';

/** A field whose value is the entity or entities at the other end. */
export interface NodeField {
  kind: 'nodes';
  types: readonly RelationshipType[];
  direction: WalkDirection;
  /** The label the other end must have; any entity when absent. */
  target?: EntityLabel;
  /** A single entity (or null) instead of a list. */
  one?: boolean;
  /** Only relationships whose property has this value (a fixed vocabulary value, e.g. PARTY_TO role). */
  where?: { property: string; equals: string };
}

/** A field whose value is the relationships themselves, as an edge type (Role, AgreementParty, …). */
export interface EdgeField {
  kind: 'edges';
  edge: EdgeTypeName;
  types: readonly RelationshipType[];
  direction: WalkDirection;
}

export type RelationField = NodeField | EdgeField;

/**
 * Object types built on one relationship: `fromField` names the relationship's
 * start entity, `toField` its end. A field walking OUT sees itself at the start.
 */
export const EDGE_TYPES = {
  Role: { fromField: 'person', toField: 'organization', properties: { title: 'title', unit: 'unit', asOf: 'asOf', startedOn: 'startedOn', endedOn: 'endedOn' } },
  Talk: { fromField: 'person', toField: 'event', properties: { topic: 'topic' } },
  EventParticipation: { fromField: 'participant', toField: 'event', properties: { role: 'role' } },
  AgreementParty: { fromField: 'organization', toField: 'agreement', properties: { role: 'role', stakePercent: 'stakePercent', scope: 'scope' } },
} as const;
export type EdgeTypeName = keyof typeof EDGE_TYPES;

const PARTICIPATION = ['ORGANIZED', 'CO_HOSTED', 'PARTICIPATED_IN'] as const;

const nodes = (type: RelationshipType, direction: WalkDirection, extra: Partial<NodeField> = {}): NodeField => ({
  kind: 'nodes',
  types: [type],
  direction,
  ...extra,
});
const edges = (edge: EdgeTypeName, types: readonly RelationshipType[], direction: WalkDirection): EdgeField => ({ kind: 'edges', edge, types, direction });

/** Every relationship field of every entity type, by label then GraphQL field name. */
export const RELATION_FIELDS: Record<EntityLabel, Record<string, RelationField>> = {
  Organization: {
    country: nodes('LOCATED_IN', 'OUT', { target: 'Country', one: true }),
    people: edges('Role', ['HOLDS_ROLE'], 'IN'),
    technologies: nodes('DEVELOPS', 'OUT', { target: 'Technology' }),
    modalities: nodes('USES_MODALITY', 'OUT', { target: 'Modality' }),
    indications: nodes('TARGETS_INDICATION', 'OUT', { target: 'Indication' }),
    agreements: edges('AgreementParty', ['PARTY_TO'], 'OUT'),
    facilitated: nodes('FACILITATED', 'OUT', { target: 'Agreement' }),
    events: edges('EventParticipation', PARTICIPATION, 'OUT'),
    administers: nodes('ADMINISTERS', 'OUT'),
    parent: nodes('PART_OF', 'OUT', { target: 'Organization', one: true }),
    units: nodes('PART_OF', 'IN', { target: 'Organization' }),
    focusAreas: nodes('FOCUSES_ON', 'OUT'),
    operates: nodes('OPERATES', 'OUT', { target: 'Organization' }),
    operator: nodes('OPERATES', 'IN', { target: 'Organization', one: true }),
    foundingAgreement: nodes('CREATED', 'IN', { target: 'Agreement', one: true }),
    witnessed: nodes('WITNESSED', 'OUT', { target: 'Agreement' }),
    sitedAgreements: nodes('SITED_AT', 'IN', { target: 'Agreement' }),
    manufactures: nodes('MANUFACTURES', 'OUT', { target: 'Technology' }),
    sponsoredTrials: nodes('SPONSORS', 'OUT', { target: 'Trial' }),
    trialsHosted: nodes('CONDUCTED_AT', 'IN', { target: 'Trial' }),
    approvalsGranted: nodes('GRANTED_BY', 'IN', { target: 'Approval' }),
    approvalsReceived: nodes('GRANTED_TO', 'IN', { target: 'Approval' }),
    policiesAdopted: nodes('ADOPTED', 'OUT', { target: 'Policy' }),
    policiesIssued: nodes('ISSUED', 'OUT', { target: 'Policy' }),
  },
  Person: {
    roles: edges('Role', ['HOLDS_ROLE'], 'OUT'),
    talks: edges('Talk', ['SPOKE_AT'], 'OUT'),
    agreementsSigned: nodes('SIGNED', 'OUT', { target: 'Agreement' }),
  },
  Technology: {
    developers: nodes('DEVELOPS', 'IN', { target: 'Organization' }),
    modalities: nodes('USES_MODALITY', 'OUT', { target: 'Modality' }),
    indications: nodes('TARGETS_INDICATION', 'OUT', { target: 'Indication' }),
    agreements: nodes('COVERS', 'IN', { target: 'Agreement' }),
    manufacturers: nodes('MANUFACTURES', 'IN', { target: 'Organization' }),
    trials: nodes('TESTS', 'IN', { target: 'Trial' }),
    approvals: nodes('APPROVES', 'IN', { target: 'Approval' }),
    patents: nodes('PROTECTS', 'IN', { target: 'Patent' }),
    governedBy: nodes('GOVERNS', 'IN', { target: 'Policy' }),
  },
  Modality: {
    technologies: nodes('USES_MODALITY', 'IN', { target: 'Technology' }),
    organizations: nodes('USES_MODALITY', 'IN', { target: 'Organization' }),
    governedBy: nodes('GOVERNS', 'IN', { target: 'Policy' }),
  },
  Indication: {
    technologies: nodes('TARGETS_INDICATION', 'IN', { target: 'Technology' }),
    organizations: nodes('TARGETS_INDICATION', 'IN', { target: 'Organization' }),
    trials: nodes('TARGETS_INDICATION', 'IN', { target: 'Trial' }),
    approvals: nodes('TARGETS_INDICATION', 'IN', { target: 'Approval' }),
  },
  Fund: {
    administrators: nodes('ADMINISTERS', 'IN', { target: 'Organization' }),
    policies: nodes('SUPPORTS', 'OUT', { target: 'Policy' }),
  },
  Policy: {
    partOf: nodes('PART_OF', 'OUT', { target: 'Policy', one: true }),
    pillars: nodes('PART_OF', 'IN', { target: 'Policy' }),
    funds: nodes('SUPPORTS', 'IN', { target: 'Fund' }),
    administrators: nodes('ADMINISTERS', 'IN', { target: 'Organization' }),
    governs: nodes('GOVERNS', 'OUT'),
    modelledOn: nodes('MODELLED_ON', 'OUT', { target: 'Policy' }),
    modelFor: nodes('MODELLED_ON', 'IN', { target: 'Policy' }),
    basis: nodes('UNDER', 'OUT', { target: 'Policy' }),
    instruments: nodes('UNDER', 'IN'),
    refersTo: nodes('REFERS_TO', 'OUT', { target: 'Policy' }),
    referredToBy: nodes('REFERS_TO', 'IN', { target: 'Policy' }),
    adoptedBy: nodes('ADOPTED', 'IN', { target: 'Organization' }),
    issuedBy: nodes('ISSUED', 'IN', { target: 'Organization' }),
  },
  Event: {
    venue: nodes('HELD_AT', 'OUT', { one: true }),
    organizers: nodes('ORGANIZED', 'IN', { target: 'Organization' }),
    coHosts: nodes('CO_HOSTED', 'IN', { target: 'Organization' }),
    participants: edges('EventParticipation', PARTICIPATION, 'IN'),
    talks: edges('Talk', ['SPOKE_AT'], 'IN'),
    agreementsSigned: nodes('SIGNED_AT', 'IN', { target: 'Agreement' }),
  },
  Agreement: {
    territory: nodes('APPLIES_IN', 'OUT', { target: 'Country' }),
    signedAt: nodes('SIGNED_AT', 'OUT', { target: 'Event', one: true }),
    parties: edges('AgreementParty', ['PARTY_TO'], 'IN'),
    licensor: nodes('PARTY_TO', 'IN', { target: 'Organization', one: true, where: { property: 'role', equals: 'LICENSOR' } }),
    licensee: nodes('PARTY_TO', 'IN', { target: 'Organization', one: true, where: { property: 'role', equals: 'LICENSEE' } }),
    facilitators: nodes('FACILITATED', 'IN', { target: 'Organization' }),
    covers: nodes('COVERS', 'OUT', { target: 'Technology' }),
    createdCompanies: nodes('CREATED', 'OUT', { target: 'Organization' }),
    signatories: nodes('SIGNED', 'IN', { target: 'Person' }),
    witnesses: nodes('WITNESSED', 'IN', { target: 'Organization' }),
    site: nodes('SITED_AT', 'OUT', { target: 'Organization', one: true }),
  },
  Country: {},
  Trial: {
    country: nodes('LOCATED_IN', 'OUT', { target: 'Country', one: true }),
    sponsors: nodes('SPONSORS', 'IN', { target: 'Organization' }),
    sites: nodes('CONDUCTED_AT', 'OUT', { target: 'Organization' }),
    products: nodes('TESTS', 'OUT', { target: 'Technology' }),
    indications: nodes('TARGETS_INDICATION', 'OUT', { target: 'Indication' }),
    approvals: nodes('APPROVES', 'IN', { target: 'Approval' }),
  },
  Approval: {
    country: nodes('LOCATED_IN', 'OUT', { target: 'Country', one: true }),
    grantedBy: nodes('GRANTED_BY', 'OUT', { target: 'Organization', one: true }),
    grantedTo: nodes('GRANTED_TO', 'OUT', { target: 'Organization', one: true }),
    approves: nodes('APPROVES', 'OUT'),
    indications: nodes('TARGETS_INDICATION', 'OUT', { target: 'Indication' }),
    basis: nodes('UNDER', 'OUT', { target: 'Policy' }),
  },
  Patent: {
    country: nodes('LOCATED_IN', 'OUT', { target: 'Country', one: true }),
    protects: nodes('PROTECTS', 'OUT', { target: 'Technology' }),
  },
};

/**
 * The stored property a scalar field of an entity type reads, where it is not the
 * property of the same name; null for a field computed from labels alone, and
 * ALL_PROPERTIES for one that needs every property (facts lists whatever is not
 * a typed field). Reads fetch only the properties their selection needs.
 */
export const ALL_PROPERTIES = '*';
export const FIELD_PROPERTIES: Record<string, string | null> = {
  type: null,
  countryCode: 'country',
  organizationKind: 'kind',
  technologyKind: 'kind',
  agreementKind: 'kind',
  approvalKind: 'kind',
  facts: ALL_PROPERTIES,
};

/**
 * The stored relationship properties a field of a relationship's object type
 * (Relation, Role, Talk, …) reads, beside the edge type's own fields in
 * EDGE_TYPES: none for a field answered from the pattern, the other end or a
 * compiled subquery; ALL_PROPERTIES for `properties`. A field in neither table
 * makes the read fetch every property, so a new field is never read empty.
 */
export const RELATIONSHIP_FIELD_PROPERTIES: Record<string, readonly string[] | typeof ALL_PROPERTIES> = {
  id: [],
  type: [],
  direction: [],
  node: [],
  participation: [],
  sources: [],
  claims: [],
  unverified: ['unverified'],
  corroboration: ['sourceIds', 'evidence'],
  properties: ALL_PROPERTIES,
};

/** How a scalar field filters and sorts: as text, as an ISO date (compared as text), or as a boolean. */
export type ScalarKind = 'string' | 'date' | 'boolean';

/** A scalar field analysts filter and sort on, and the stored property it reads. */
export interface ScalarField {
  property: string;
  kind: ScalarKind;
  /**
   * Every stored entity of the type has the property: every write path (seed,
   * import, curation) validates it. A list sorted by it first can then be read
   * in the order of the property's range index (cypher/migrations/006).
   */
  required?: true;
}

const text = (property: string): ScalarField => ({ property, kind: 'string' });
const date = (property: string): ScalarField => ({ property, kind: 'date' });
const COMMON_SCALARS = { id: { ...text('id'), required: true }, name: { ...text('name'), required: true }, kind: text('kind'), description: text('description') } as const satisfies Record<string, ScalarField>;
const COUNTRY = { countryCode: text('country') };

/** The filterable, sortable scalar fields of each entity type (the `where` and `sort` inputs of its list). */
export const SCALAR_FIELDS: Record<EntityLabel, Record<string, ScalarField>> = {
  Organization: { ...COMMON_SCALARS, ...COUNTRY },
  Person: { ...COMMON_SCALARS, honorific: text('honorific') },
  Technology: COMMON_SCALARS,
  Modality: COMMON_SCALARS,
  Indication: COMMON_SCALARS,
  Fund: { ...COMMON_SCALARS, ...COUNTRY },
  Policy: { ...COMMON_SCALARS, ...COUNTRY },
  Event: { ...COMMON_SCALARS, ...COUNTRY, city: text('city'), startDate: date('startDate'), endDate: date('endDate') },
  Agreement: { ...COMMON_SCALARS, signedOn: date('signedOn'), exclusive: { property: 'exclusive', kind: 'boolean' } },
  Country: { ...COMMON_SCALARS, code: text('code') },
  Trial: { ...COMMON_SCALARS, ...COUNTRY, phase: text('phase'), status: text('status'), registryId: text('registryId'), startedOn: date('startedOn') },
  Approval: { ...COMMON_SCALARS, ...COUNTRY, approvedOn: date('approvedOn'), filedOn: date('filedOn') },
  Patent: { ...COMMON_SCALARS, ...COUNTRY, number: text('number'), filedOn: date('filedOn'), grantedOn: date('grantedOn') },
};

/** The root list field of each label (and `<list>Aggregate`, `/export/<list>.csv`). */
export const LIST_NAMES: Record<EntityLabel, string> = {
  Organization: 'organizations',
  Person: 'people',
  Technology: 'technologies',
  Modality: 'modalities',
  Indication: 'indications',
  Fund: 'funds',
  Policy: 'policies',
  Event: 'events',
  Agreement: 'agreements',
  Country: 'countries',
  Trial: 'trials',
  Approval: 'approvals',
  Patent: 'patents',
};

/** Properties every read entity carries: resolvers and cursors key on them. */
export const IDENTITY_PROPERTIES = ['id', 'name'] as const;

/** The labels an entity at the other end of `field` can have (from the relationship types' endpoints). */
export function targetLabels(field: RelationField): readonly EntityLabel[] {
  if (field.kind === 'nodes' && field.target) return [field.target];
  const end = field.direction === 'OUT' ? 'to' : 'from';
  return [...new Set(field.types.flatMap((type) => RELATIONSHIP_TYPES[type][end] as readonly EntityLabel[]))];
}
