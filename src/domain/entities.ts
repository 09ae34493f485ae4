import type { EnumName } from './enums';
import type { Localized } from './language';
import { ENTITY_LABELS, RELATIONSHIP_TYPES, type EntityLabel, type RelationshipType } from './model';

/**
 * The domain model, declared once: for every entity label, its scalar
 * properties, its relationship fields, its list and its kinds, each with a
 * description. The API's repetitive schema (entity types, `where`, `sort`,
 * lists and aggregates: schema/generated.graphql, by scripts/generate-schema.ts),
 * the scalar resolvers, the read compiler's tables (entityTypes.ts) and the
 * property sets (properties.ts) are all derived from ENTITIES. CONTRIBUTING.md
 * says how to add a label or a relationship type.
 */

/** The value type of a property: text, an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), a boolean, a number, a whole number, a list of text, or one value of a model enum. */
export type PropertyType = 'string' | 'date' | 'boolean' | 'number' | 'int' | 'strings' | 'enum';

/** A scalar property of an entity or a relationship. */
export interface PropertyDeclaration {
  type: PropertyType;
  /** The enum its values come from (type 'enum'). */
  enum?: EnumName;
  /** The GraphQL field that reads it, where not the property's own name (`country` is read as `countryCode`); null: stored but not shown as a field. */
  field?: string | null;
  /** Every write validates it, so every stored entity has it: the field is non-null. */
  required?: true;
  /** Text in ISO 3166-1 alpha-2 form (validation.ts's countryCode). */
  format?: 'countryCode';
  /**
   * How the seed files and the export state it: as a field of the entity
   * ('core', the default) or among its extra properties ('fact'). Either way it
   * is a typed field of the API, not one of `Entity.facts`.
   */
  stored?: 'core' | 'fact';
  /** The stored property read when this one is absent (events from the ecosystem files are dated with startedOn and endedOn). */
  fallback?: string;
  /** Fed to the full-text index (cypher/migrations: entity_search) that `search` and a list's `search` argument query. */
  searchable?: true;
  /** Lists sorted by it first read in the order of its range index (cypher/migrations/006): it must be required and indexed on every label. */
  orderIndex?: true;
  /** One line: what it is. */
  description: string;
}

/** OUT walks (self)-[:TYPE]->(other); IN walks (self)<-[:TYPE]-(other). */
export type WalkDirection = 'OUT' | 'IN';

/** A relationship field whose value is the entity or entities at the other end. */
export interface NodesDeclaration {
  kind: 'nodes';
  types: readonly RelationshipType[];
  direction: WalkDirection;
  /** The label the other end must have; any entity when absent. */
  target?: EntityLabel;
  /** A single entity (or null) instead of a list. */
  one?: boolean;
  /** Only relationships whose property has this value (a fixed vocabulary value, e.g. PARTY_TO role). */
  where?: { property: string; equals: string };
  description: string;
}

/** A relationship field whose value is the relationships themselves, as an edge type (Role, AgreementParty, …). */
export interface EdgesDeclaration {
  kind: 'edges';
  edge: EdgeTypeName;
  types: readonly RelationshipType[];
  direction: WalkDirection;
  description: string;
}

export type RelationDeclaration = NodesDeclaration | EdgesDeclaration;

/** The node shapes the explorer can draw (each has a legend icon in web/src/graph.ts). */
export const ENTITY_SHAPES = [
  'ellipse',
  'triangle',
  'round-rectangle',
  'rectangle',
  'diamond',
  'hexagon',
  'star',
  'vee',
  'tag',
  'octagon',
  'pentagon',
  'rhomboid',
  'concave-hexagon',
  'barrel',
  'round-triangle',
  'cut-rectangle',
] as const;
export type EntityShape = (typeof ENTITY_SHAPES)[number];

/** An entity label: its description, list, kinds, properties and relationship fields. */
export interface EntityDeclaration {
  /** One line: what an entity of the label is. */
  description: string;
  /** What one is called, in each language (legends, kind labels). */
  displayName: Localized;
  /** What several are called, in each language. */
  displayNamePlural: Localized;
  /** How the explorer's graph and legend draw it; each label its own. */
  shape: EntityShape;
  /** The root list field (and `<list>Aggregate`, `/export/<list>.csv`); `connection: false` for a plain list without `where`, paging or aggregate. */
  list: { name: string; description: string; connection?: false };
  /** Its kinds: `kind` takes the enum's values; `field` names the field that reads it as the enum. */
  kind?: { enum: EnumName; field?: string; required?: true };
  /** Its own scalar properties by stored name (besides COMMON_PROPERTY_DECLARATIONS). */
  properties: Readonly<Record<string, PropertyDeclaration>>;
  /** Its relationship fields by GraphQL field name. */
  relations: Readonly<Record<string, RelationDeclaration>>;
  /** Relationship fields that list exports carry as columns: the names at the other end, each with its role or title where the edge has one. */
  exportRelations?: readonly string[];
  /** Fields computed by a hand-written resolver rather than read from a property: GraphQL output type and description. */
  computed?: Readonly<Record<string, { type: string; description: string }>>;
}

/** An object type built on one relationship type (or several, told apart by `typeField`). */
export interface EdgeDeclaration {
  description: string;
  /** The field naming the relationship's start entity, and what it is. */
  fromField: string;
  fromDescription: string;
  /** The field naming the relationship's end entity, and what it is. */
  toField: string;
  toDescription: string;
  /** The relationship's own properties shown as fields, by field name. */
  properties: Readonly<Record<string, PropertyDeclaration>>;
  /** With several relationship types: the field (an enum of those types) that says which one. */
  typeField?: { name: string; enum: EnumName; description: string };
}

/** Properties every entity has, whatever its label (Entity's own fields in the API). */
export const COMMON_PROPERTY_DECLARATIONS = {
  id: { type: 'string', required: true, orderIndex: true, description: 'Stable, human-readable id (a slug), unique across the graph.' },
  name: { type: 'string', required: true, orderIndex: true, searchable: true, description: 'Name as the sources give it.' },
  aliases: { type: 'strings', searchable: true, description: 'Other names and spellings the sources use.' },
  kind: { type: 'string', description: 'Its kind within the type (e.g. COMPANY, PLATFORM, LICENSE); null for types without kinds.' },
  description: { type: 'string', required: true, searchable: true, description: 'A short description in our own words.' },
} as const satisfies Record<string, PropertyDeclaration>;

const text = (description: string, extra: Partial<PropertyDeclaration> = {}): PropertyDeclaration => ({ type: 'string', description, ...extra });
const date = (description: string, extra: Partial<PropertyDeclaration> = {}): PropertyDeclaration => ({ type: 'date', description, ...extra });
const country = (description: string): PropertyDeclaration => ({ type: 'string', field: 'countryCode', format: 'countryCode', description });

const many = (type: RelationshipType, direction: WalkDirection, target: EntityLabel | undefined, description: string, extra: Partial<NodesDeclaration> = {}): NodesDeclaration => ({
  kind: 'nodes',
  types: [type],
  direction,
  ...(target ? { target } : {}),
  description,
  ...extra,
});
const one = (type: RelationshipType, direction: WalkDirection, target: EntityLabel | undefined, description: string, extra: Partial<NodesDeclaration> = {}) =>
  many(type, direction, target, description, { one: true, ...extra });
const edges = (edge: EdgeTypeName, types: readonly RelationshipType[], direction: WalkDirection, description: string): EdgesDeclaration => ({ kind: 'edges', edge, types, direction, description });

const PARTICIPATION = ['ORGANIZED', 'CO_HOSTED', 'PARTICIPATED_IN'] as const;

/** The edge types: relationships shown as objects with their own fields. */
export const EDGE_DECLARATIONS = {
  Role: {
    description: "A person's titled role at an organization.",
    fromField: 'person',
    fromDescription: 'The person who holds the role.',
    toField: 'organization',
    toDescription: 'The organization the role is at.',
    properties: {
      title: text('Title, e.g. Director, CEO, Chair.'),
      unit: text('Unit or committee within the organization, when stated.'),
      asOf: date('The date of the page that states the role, when it gives no start or end.'),
      startedOn: date('When the role began, as precisely as stated.'),
      endedOn: date('When the role ended, as precisely as stated.'),
    },
  },
  Talk: {
    description: 'A person speaking at an event.',
    fromField: 'person',
    fromDescription: 'The speaker.',
    toField: 'event',
    toDescription: 'The event the talk was given at.',
    properties: { topic: text('What the talk was about, paraphrased.') },
  },
  EventParticipation: {
    description: "An organization's or person's part in an event.",
    fromField: 'participant',
    fromDescription: 'The organization or person taking part.',
    toField: 'event',
    toDescription: 'The event.',
    properties: { role: text('Role stated by the source (presenter, investor, co-host …).') },
    typeField: { name: 'participation', enum: 'ParticipationKind', description: 'How it took part: organized, co-hosted or took part.' },
  },
  AgreementParty: {
    description: "An organization's part in an agreement.",
    fromField: 'organization',
    fromDescription: 'The party.',
    toField: 'agreement',
    toDescription: 'The agreement.',
    properties: {
      role: { type: 'enum', enum: 'PartyRole', required: true, description: 'Its role in the agreement.' },
      stakePercent: { type: 'number', description: 'The party\'s stake in a joint venture, in per cent, when stated.' },
      scope: text("What the party's part covers, when stated."),
    },
  },
} as const satisfies Record<string, EdgeDeclaration>;
export type EdgeTypeName = keyof typeof EDGE_DECLARATIONS;

/** Every entity label, declared. */
export const ENTITIES: Readonly<Record<EntityLabel, EntityDeclaration>> = {
  Organization: {
    description: 'An organization: company, agency, institute, association, investor, pharma, media or venue.',
    displayName: { en: 'Organization', ja: '組織', 'zh-Hant': '機構' },
    displayNamePlural: { en: 'Organizations', ja: '組織', 'zh-Hant': '機構' },
    shape: 'ellipse',
    list: {
      name: 'organizations',
      description:
        'Organizations, filtered and paginated (Relay cursor connection). Every list takes `where` (conditions combined with AND, OR and NOT, including conditions on related entities and relationships), `search` (full text over names, aliases and descriptions) and `sort` (any scalar field, or how many entities a relationship field lists; the id breaks ties), compiled with the selection into one database query. Cursors belong to the ordering they came from.',
    },
    kind: { enum: 'OrganizationKind', field: 'organizationKind', required: true },
    properties: { country: country('ISO 3166-1 alpha-2 code of the country it is based in, when known.') },
    exportRelations: ['parent', 'modalities'],
    relations: {
      country: one('LOCATED_IN', 'OUT', 'Country', 'The country it is based in, when known.'),
      people: edges('Role', ['HOLDS_ROLE'], 'IN', 'People who hold roles here, with their titles.'),
      technologies: many('DEVELOPS', 'OUT', 'Technology', 'Technologies it develops or offers.'),
      modalities: many('USES_MODALITY', 'OUT', 'Modality', 'Modalities it works with, directly (see technologies for more).'),
      indications: many('TARGETS_INDICATION', 'OUT', 'Indication', 'Indications it addresses directly.'),
      agreements: edges('AgreementParty', ['PARTY_TO'], 'OUT', 'Agreements it is a party to, with its role in each.'),
      facilitated: many('FACILITATED', 'OUT', 'Agreement', 'Agreements it helped bring about.'),
      events: edges('EventParticipation', PARTICIPATION, 'OUT', 'Events it organized, co-hosted or took part in, with how.'),
      administers: many('ADMINISTERS', 'OUT', undefined, 'Funds and policies it runs.'),
      parent: one('PART_OF', 'OUT', 'Organization', 'The organization it is a unit of.'),
      units: many('PART_OF', 'IN', 'Organization', 'Its units.'),
      focusAreas: many('FOCUSES_ON', 'OUT', undefined, 'Declared areas of focus (modalities, indications, technologies).'),
      operates: many('OPERATES', 'OUT', 'Organization', 'Organizations, parks or facilities it runs.'),
      operator: one('OPERATES', 'IN', 'Organization', 'The organization that runs it (a park, a hub).'),
      foundingAgreement: one('CREATED', 'IN', 'Agreement', 'The joint-venture agreement that created it.'),
      witnessed: many('WITNESSED', 'OUT', 'Agreement', 'Agreements whose signing its officials witnessed.'),
      sitedAgreements: many('SITED_AT', 'IN', 'Agreement', 'Agreements whose facility is to be built here.'),
      manufactures: many('MANUFACTURES', 'OUT', 'Technology', 'Products it manufactures, for itself or under contract.'),
      sponsoredTrials: many('SPONSORS', 'OUT', 'Trial', 'Clinical trials it sponsors.'),
      trialsHosted: many('CONDUCTED_AT', 'IN', 'Trial', 'Clinical trials run at it as a site.'),
      approvalsGranted: many('GRANTED_BY', 'IN', 'Approval', 'Approvals and designations it granted (as a regulator).'),
      approvalsReceived: many('GRANTED_TO', 'IN', 'Approval', 'Approvals and designations granted to it.'),
      policiesAdopted: many('ADOPTED', 'OUT', 'Policy', 'Laws it passed or approved (as a legislature or cabinet).'),
      policiesIssued: many('ISSUED', 'OUT', 'Policy', 'Regulations and notices it issued or published.'),
    },
  },
  Person: {
    description: 'A person.',
    displayName: { en: 'Person', ja: '人物', 'zh-Hant': '人物' },
    displayNamePlural: { en: 'People', ja: '人物', 'zh-Hant': '人物' },
    shape: 'triangle',
    list: { name: 'people', description: 'People, filtered and paginated.' },
    properties: {
      country: country('ISO 3166-1 alpha-2 code of the country the person is based in, when known.'),
      honorific: text('Honorific as the sources use it (Dr., Mr.).', { stored: 'fact' }),
    },
    exportRelations: ['roles'],
    relations: {
      roles: edges('Role', ['HOLDS_ROLE'], 'OUT', 'Roles held, with titles and organizations.'),
      talks: edges('Talk', ['SPOKE_AT'], 'OUT', 'Talks given at events.'),
      agreementsSigned: many('SIGNED', 'OUT', 'Agreement', 'Agreements the person signed for one of the parties.'),
    },
  },
  Technology: {
    description: 'A technology, product, therapy, device or service.',
    displayName: { en: 'Technology', ja: '技術', 'zh-Hant': '技術' },
    displayNamePlural: { en: 'Technologies', ja: '技術', 'zh-Hant': '技術' },
    shape: 'round-rectangle',
    list: { name: 'technologies', description: 'Technologies, products, therapies, devices and services, filtered and paginated.' },
    kind: { enum: 'TechnologyKind', field: 'technologyKind', required: true },
    properties: {},
    exportRelations: ['developers', 'modalities', 'indications'],
    relations: {
      developers: many('DEVELOPS', 'IN', 'Organization', 'Organizations that develop or offer it.'),
      modalities: many('USES_MODALITY', 'OUT', 'Modality', 'Modalities it uses.'),
      indications: many('TARGETS_INDICATION', 'OUT', 'Indication', 'Indications it targets.'),
      agreements: many('COVERS', 'IN', 'Agreement', 'Agreements that cover it.'),
      manufacturers: many('MANUFACTURES', 'IN', 'Organization', 'Organizations that manufacture it.'),
      trials: many('TESTS', 'IN', 'Trial', 'Clinical trials that test it.'),
      approvals: many('APPROVES', 'IN', 'Approval', 'Approvals, designations and trial clearances for it.'),
      patents: many('PROTECTS', 'IN', 'Patent', 'Patents a source lists for it.'),
      governedBy: many('GOVERNS', 'IN', 'Policy', 'Laws and regulations that govern it.'),
    },
  },
  Modality: {
    description: 'A therapeutic modality or field of technology, e.g. exosome, iPSC, MSC, PBMC.',
    displayName: { en: 'Modality', ja: 'モダリティ', 'zh-Hant': '治療模式' },
    displayNamePlural: { en: 'Modalities', ja: 'モダリティ', 'zh-Hant': '治療模式' },
    shape: 'diamond',
    list: { name: 'modalities', description: 'Modalities (exosome, iPSC, MSC …), paginated.' },
    properties: {},
    relations: {
      technologies: many('USES_MODALITY', 'IN', 'Technology', 'Technologies that use it.'),
      organizations: many('USES_MODALITY', 'IN', 'Organization', 'Organizations that work with it directly.'),
      governedBy: many('GOVERNS', 'IN', 'Policy', 'Laws and regulations that govern it.'),
    },
  },
  Indication: {
    description: 'An indication or therapy area.',
    displayName: { en: 'Indication', ja: '適応症', 'zh-Hant': '適應症' },
    displayNamePlural: { en: 'Indications', ja: '適応症', 'zh-Hant': '適應症' },
    shape: 'hexagon',
    list: { name: 'indications', description: 'Indications and therapy areas, paginated.' },
    properties: {},
    relations: {
      technologies: many('TARGETS_INDICATION', 'IN', 'Technology', 'Technologies that target it.'),
      organizations: many('TARGETS_INDICATION', 'IN', 'Organization', 'Organizations that address it directly.'),
      trials: many('TARGETS_INDICATION', 'IN', 'Trial', 'Clinical trials for it.'),
      approvals: many('TARGETS_INDICATION', 'IN', 'Approval', 'Approvals and designations for it.'),
    },
  },
  Fund: {
    description: 'A public or venture fund.',
    displayName: { en: 'Fund', ja: 'ファンド', 'zh-Hant': '基金' },
    displayNamePlural: { en: 'Funds', ja: 'ファンド', 'zh-Hant': '基金' },
    shape: 'star',
    list: { name: 'funds', description: 'Public and venture funds, paginated.' },
    kind: { enum: 'FundKind' },
    properties: { country: country('ISO 3166-1 alpha-2 code of the country whose fund it is, when known.') },
    exportRelations: ['administrators', 'policies'],
    relations: {
      administrators: many('ADMINISTERS', 'IN', 'Organization', 'Organizations that run it.'),
      policies: many('SUPPORTS', 'OUT', 'Policy', 'Policies it serves.'),
    },
  },
  Policy: {
    description: 'A national strategy or one of its pillars.',
    displayName: { en: 'Policy', ja: '政策', 'zh-Hant': '政策' },
    displayNamePlural: { en: 'Policies', ja: '政策', 'zh-Hant': '政策' },
    shape: 'vee',
    list: { name: 'policies', description: 'National strategies and their pillars, paginated.' },
    kind: { enum: 'PolicyKind' },
    properties: { country: country('ISO 3166-1 alpha-2 code of the country whose policy it is, when known.') },
    exportRelations: ['issuedBy', 'adoptedBy', 'administrators', 'partOf'],
    relations: {
      partOf: one('PART_OF', 'OUT', 'Policy', 'The strategy this is a pillar of.'),
      pillars: many('PART_OF', 'IN', 'Policy', 'Its pillars.'),
      funds: many('SUPPORTS', 'IN', 'Fund', 'Funds that serve it.'),
      administrators: many('ADMINISTERS', 'IN', 'Organization', 'Organizations that run it.'),
      governs: many('GOVERNS', 'OUT', undefined, 'Modalities and products it governs.'),
      modelledOn: many('MODELLED_ON', 'OUT', 'Policy', "Policies (often another country's) it was modelled on."),
      modelFor: many('MODELLED_ON', 'IN', 'Policy', 'Policies modelled on it.'),
      basis: many('UNDER', 'OUT', 'Policy', 'The law it is issued under.'),
      instruments: many('UNDER', 'IN', undefined, 'Regulations issued, and approvals granted, under it.'),
      refersTo: many('REFERS_TO', 'OUT', 'Policy', 'Instruments it refers to, relies on or gives force to.'),
      referredToBy: many('REFERS_TO', 'IN', 'Policy', 'Instruments that refer to it.'),
      adoptedBy: many('ADOPTED', 'IN', 'Organization', 'The legislature or cabinet that passed or approved it.'),
      issuedBy: many('ISSUED', 'IN', 'Organization', 'The authority that issued it.'),
    },
  },
  Event: {
    description: 'An event such as an investment forum.',
    displayName: { en: 'Event', ja: 'イベント', 'zh-Hant': '活動' },
    displayNamePlural: { en: 'Events', ja: 'イベント', 'zh-Hant': '活動' },
    shape: 'rectangle',
    list: { name: 'events', description: 'Events such as investment forums, filtered and paginated.' },
    kind: { enum: 'EventKind' },
    properties: {
      startDate: date('When it started (null when no source gives a date).', { fallback: 'startedOn' }),
      endDate: date('When it ended, for an event of several days.', { fallback: 'endedOn' }),
      city: text('The city it was held in.'),
      country: country('ISO 3166-1 alpha-2 code of the country it was held in, when known.'),
    },
    exportRelations: ['venue', 'organizers', 'coHosts'],
    relations: {
      venue: one('HELD_AT', 'OUT', undefined, 'The venue organization.'),
      organizers: many('ORGANIZED', 'IN', 'Organization', 'Organizations that organized it.'),
      coHosts: many('CO_HOSTED', 'IN', 'Organization', 'Organizations that co-hosted it.'),
      participants: edges('EventParticipation', PARTICIPATION, 'IN', 'Every organization or person that took part, with how.'),
      talks: edges('Talk', ['SPOKE_AT'], 'IN', 'Talks given there.'),
      agreementsSigned: many('SIGNED_AT', 'IN', 'Agreement', 'Agreements signed there.'),
    },
  },
  Agreement: {
    description: 'An agreement between organizations, such as a licence.',
    displayName: { en: 'Agreement', ja: '契約', 'zh-Hant': '協議' },
    displayNamePlural: { en: 'Agreements', ja: '契約', 'zh-Hant': '協議' },
    shape: 'tag',
    list: { name: 'agreements', description: 'Agreements (licences and others), filtered and paginated.' },
    kind: { enum: 'AgreementKind', field: 'agreementKind', required: true },
    properties: {
      exclusive: { type: 'boolean', description: 'Whether the rights are exclusive; null when no source says.' },
      territory: { type: 'strings', format: 'countryCode', field: null, description: 'Codes of the countries where rights are granted, as written; the API shows the APPLIES_IN relationships (`territory`).' },
      rightsGranted: { type: 'strings', description: 'Rights granted, e.g. marketing, sales.' },
      signedOn: date('When it was signed, as precisely as stated.'),
      announcedOn: date('When it was announced, as precisely as stated; pages that give no signing date often give this.'),
      effectiveOn: date('When it took or takes effect, as precisely as stated.'),
    },
    exportRelations: ['parties', 'territory', 'covers', 'signedAt', 'facilitators'],
    relations: {
      territory: many('APPLIES_IN', 'OUT', 'Country', 'Countries where rights are granted.'),
      signedAt: one('SIGNED_AT', 'OUT', 'Event', 'The event where it was signed.'),
      parties: edges('AgreementParty', ['PARTY_TO'], 'IN', 'Parties, with their roles.'),
      licensor: one('PARTY_TO', 'IN', 'Organization', 'The party that grants the licence.', { where: { property: 'role', equals: 'LICENSOR' } }),
      licensee: one('PARTY_TO', 'IN', 'Organization', 'The party that receives the licence.', { where: { property: 'role', equals: 'LICENSEE' } }),
      facilitators: many('FACILITATED', 'IN', 'Organization', 'Organizations that helped bring it about.'),
      covers: many('COVERS', 'OUT', 'Technology', 'Technologies it covers.'),
      createdCompanies: many('CREATED', 'OUT', 'Organization', 'Companies a joint-venture agreement created.'),
      signatories: many('SIGNED', 'IN', 'Person', 'People who signed it for the parties.'),
      witnesses: many('WITNESSED', 'IN', 'Organization', 'Organizations whose officials witnessed the signing.'),
      site: one('SITED_AT', 'OUT', 'Organization', 'Where the facility it sets up is to be built.'),
    },
  },
  Country: {
    description: 'A country.',
    displayName: { en: 'Country', ja: '国・地域', 'zh-Hant': '國家或地區' },
    displayNamePlural: { en: 'Countries', ja: '国・地域', 'zh-Hant': '國家或地區' },
    shape: 'octagon',
    list: { name: 'countries', description: 'Countries in the graph.', connection: false },
    properties: { code: { type: 'string', format: 'countryCode', required: true, description: 'ISO 3166-1 alpha-2 code.' } },
    relations: {},
    computed: { organizationCount: { type: 'Int!', description: 'How many organizations are based here.' } },
  },
  Trial: {
    description: 'A clinical trial.',
    displayName: { en: 'Clinical trial', ja: '臨床試験', 'zh-Hant': '臨床試驗' },
    displayNamePlural: { en: 'Clinical trials', ja: '臨床試験', 'zh-Hant': '臨床試驗' },
    shape: 'pentagon',
    list: { name: 'trials', description: 'Clinical trials, filtered and paginated.' },
    properties: {
      country: country('ISO 3166-1 alpha-2 code of the country it runs in, when known.'),
      phase: { type: 'enum', enum: 'TrialPhase', description: 'Its phase, when stated.' },
      status: { type: 'enum', enum: 'TrialStatus', description: 'Where it stands, when stated.' },
      registryId: text('Registry number (ClinicalTrials.gov, jRCT …), when stated.'),
      startedOn: date('When it started, as precisely as stated.', { stored: 'fact' }),
    },
    exportRelations: ['sponsors', 'sites', 'products', 'indications'],
    relations: {
      country: one('LOCATED_IN', 'OUT', 'Country', 'The country it runs in.'),
      sponsors: many('SPONSORS', 'IN', 'Organization', 'Organizations that sponsor it.'),
      sites: many('CONDUCTED_AT', 'OUT', 'Organization', 'Hospitals and institutes it runs at.'),
      products: many('TESTS', 'OUT', 'Technology', 'Products it tests.'),
      indications: many('TARGETS_INDICATION', 'OUT', 'Indication', 'Indications it addresses.'),
      approvals: many('APPROVES', 'IN', 'Approval', 'Clearances that let it start.'),
    },
  },
  Approval: {
    description: 'An approval, designation or trial clearance a regulator granted.',
    displayName: { en: 'Approval', ja: '承認', 'zh-Hant': '核准' },
    displayNamePlural: { en: 'Approvals', ja: '承認', 'zh-Hant': '核准' },
    shape: 'rhomboid',
    list: { name: 'approvals', description: 'Approvals, designations and trial clearances, filtered and paginated.' },
    kind: { enum: 'ApprovalKind', field: 'approvalKind', required: true },
    properties: {
      country: country('ISO 3166-1 alpha-2 code of the country whose regulator granted it, when known.'),
      approvedOn: date('When it was granted, as precisely as stated; null when sources disagree on the date (see conflicts).', { stored: 'fact' }),
      filedOn: date('When it was applied for, as precisely as stated.', { stored: 'fact' }),
    },
    exportRelations: ['grantedBy', 'grantedTo', 'approves'],
    relations: {
      country: one('LOCATED_IN', 'OUT', 'Country', 'The country whose regulator granted it.'),
      grantedBy: one('GRANTED_BY', 'OUT', 'Organization', 'The regulator or authority that granted it.'),
      grantedTo: one('GRANTED_TO', 'OUT', 'Organization', 'The organization it was granted to.'),
      approves: many('APPROVES', 'OUT', undefined, 'The product or trial it is for.'),
      indications: many('TARGETS_INDICATION', 'OUT', 'Indication', 'The indications it covers.'),
      basis: many('UNDER', 'OUT', 'Policy', 'The law it was granted under.'),
    },
  },
  Patent: {
    description: 'A patent a source lists.',
    displayName: { en: 'Patent', ja: '特許', 'zh-Hant': '專利' },
    displayNamePlural: { en: 'Patents', ja: '特許', 'zh-Hant': '專利' },
    shape: 'concave-hexagon',
    list: { name: 'patents', description: 'Patents, filtered and paginated.' },
    properties: {
      country: country('ISO 3166-1 alpha-2 code of the country that granted it, when known.'),
      number: text('The patent number as stated.', { required: true }),
      filedOn: date('When it was filed, as precisely as stated.', { stored: 'fact' }),
      grantedOn: date('When it was granted, as precisely as stated.', { stored: 'fact' }),
    },
    relations: {
      country: one('LOCATED_IN', 'OUT', 'Country', 'The country that granted it.'),
      protects: many('PROTECTS', 'OUT', 'Technology', 'Products a source lists it for.'),
    },
  },
};

/** The GraphQL field name of a property: its `field`, or its stored name. Null when it has no field. */
export function fieldNameOf(property: string, declaration: PropertyDeclaration): string | null {
  return declaration.field === undefined ? property : declaration.field;
}

/** The labels an entity at the other end of `field` can have (from the relationship types' endpoints). */
export function targetLabels(field: RelationDeclaration | { kind: 'nodes' | 'edges'; types: readonly RelationshipType[]; direction: WalkDirection; target?: EntityLabel }): readonly EntityLabel[] {
  if (field.kind === 'nodes' && field.target) return [field.target];
  const end = field.direction === 'OUT' ? 'to' : 'from';
  return [...new Set(field.types.flatMap((type) => RELATIONSHIP_TYPES[type][end] as readonly EntityLabel[]))];
}

/** Every label in model order with its declaration. */
export const ENTITY_DECLARATIONS: readonly (readonly [EntityLabel, EntityDeclaration])[] = ENTITY_LABELS.map((label) => [label, ENTITIES[label]] as const);

/** One value per label, computed from its declaration. */
export function byLabel<T>(value: (entity: EntityDeclaration, label: EntityLabel) => T): Record<EntityLabel, T> {
  return Object.fromEntries(ENTITY_DECLARATIONS.map(([label, entity]) => [label, value(entity, label)])) as Record<EntityLabel, T>;
}
