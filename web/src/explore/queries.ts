/** The explorer's GraphQL documents and the shapes of their answers. */
import type { IdentityDecisionKind, SourceKind } from '../../../src/domain/model';
import type { GNode } from '../graph';
import { CITATION_FIELDS, CORROBORATION_FIELDS, type CitationRef, type Corroboration } from '../provenance';

export const NODE = 'id name type kind ... on Organization { countryCode } ... on Event { countryCode } ... on Fund { countryCode } ... on Policy { countryCode } ... on Country { code }';

/** The date a dated entity carries as a field of its own type (a licence's signing, a trial's start). */
const NODE_DATES = '... on Agreement { signedOn } ... on Trial { startedOn } ... on Approval { approvedOn } ... on Patent { grantedOn filedOn } ... on Event { startDate }';

export const PATHS = /* GraphQL */ `
  query Paths($from: ID!, $to: ID!, $maxHops: Int, $first: Int, $types: [RelationshipType!], $avoid: [ID!], $crossBorderOnly: Boolean) {
    partnershipPaths(from: $from, to: $to, maxHops: $maxHops, first: $first, relationshipTypes: $types, avoid: $avoid, crossBorderOnly: $crossBorderOnly) {
      length
      explanation
      strength
      weak
      hubs { entity { id name } degree members explanation }
      nodes { ${NODE} ${NODE_DATES} }
      hops { from { id } to { id } type direction weak explanation properties sources { ${CITATION_FIELDS} } }
    }
  }
`;

const TIMELINE = `timeline { date property description relationshipType disputed unverified related { id name type } sources { ${CITATION_FIELDS} } }`;
const CLAIM = `id property value asOf note unverified ${CORROBORATION_FIELDS} sources { ${CITATION_FIELDS} }`;
const IDENTITY = `identityDecisions { id decision names otherId other { id name type } reason unverified status ruling { verdict by at note } sources { ${CITATION_FIELDS} } }`;

export const ENTITY = /* GraphQL */ `
  query EntityDetails($id: ID!) {
    entity(id: $id) {
      ${NODE}
      description
      aliases
      unverified
      ${CORROBORATION_FIELDS}
      sources { ${CITATION_FIELDS} }
      ${TIMELINE}
      conflicts { property relationshipType other { id name } values { ${CLAIM} } }
      claims { ${CLAIM} }
      ${IDENTITY}
      relations(first: 200) { type direction unverified corroboration { sourceCount publisherCount publishers } node { ${NODE} } }
    }
  }
`;

/** Just enough to draw an entity and fill a picker (deep links). */
export const ENTITY_NODE = /* GraphQL */ `
  query EntityNode($id: ID!) { entity(id: $id) { ${NODE} } }
`;

export const NEIGHBORHOOD = /* GraphQL */ `
  query Neighbourhood($id: ID!, $limit: Int) {
    neighborhood(id: $id, depth: 1, limit: $limit) {
      truncated
      sampled
      nodes { ${NODE} }
      edges { type source target }
    }
  }
`;

export const BROKERS = /* GraphQL */ `
  query Brokers($between: [ID!]!) {
    brokers(between: $between, first: 5) {
      reaches
      score
      sampled
      entity { ${NODE} }
      paths { weak nodes { ${NODE} } hops { from { id } to { id } type direction weak explanation } }
    }
  }
`;

const REASON = 'kind explanation weight sampled evidence { date explanation sourceIds }';

export const SUGGESTED = /* GraphQL */ `
  query SuggestedPartners($id: ID!, $country: String) {
    suggestedPartners(id: $id, country: $country, first: 8) {
      score
      organization { id name type kind countryCode }
      reasons { ${REASON} }
    }
  }
`;

export const GROUP_REACH = /* GraphQL */ `
  query GroupReach($from: ID!, $group: EntityGroupInput!) {
    groupReach(from: $from, group: $group, first: 8) {
      explanation
      nearest { id name type kind countryCode }
      members { score explanation organization { id name type kind countryCode } introducer { id name } reasons { ${REASON} } }
    }
  }
`;

export const WHY_NOT = /* GraphQL */ `
  query WhyNot($id: ID!, $other: ID!, $country: String) {
    whyNotSuggested(id: $id, other: $other, country: $country) { explanation kinds organization { id name } }
  }
`;

export const FIND_ORGANIZATION = /* GraphQL */ `
  query FindOrganization($text: String!) {
    search(query: $text, types: [ORGANIZATION], first: 1) { entity { id name } }
  }
`;

/** A suggestion reason as the explorer shows it. */
export interface Reason {
  kind: string;
  explanation: string;
  weight: number;
  sampled: boolean;
  evidence: { date: string | null; explanation: string; sourceIds: string[] }[];
}

/** A path node, with the date of its own type when it has one. */
export interface PathNode extends GNode {
  signedOn?: string | null;
  startedOn?: string | null;
  approvedOn?: string | null;
  grantedOn?: string | null;
  filedOn?: string | null;
  startDate?: string | null;
}

export interface Hop {
  from: { id: string };
  to: { id: string };
  type: string;
  direction: 'FORWARD' | 'BACKWARD';
  explanation: string;
  /** The hop enters or leaves a hub: drawn dashed. */
  weak?: boolean;
  properties?: Record<string, unknown>;
  sources?: CitationRef[];
}

export interface Path {
  length?: number;
  explanation?: string;
  strength?: number;
  /** Passes through a hub: listed under "weak links", its hub hops dashed. */
  weak?: boolean;
  hubs?: { entity: { id: string; name: string }; degree: number; members: number | null; explanation: string }[];
  nodes: PathNode[];
  hops: Hop[];
}

export interface TimelineEntry {
  date: string;
  property: string;
  description: string;
  relationshipType: string | null;
  disputed: boolean;
  unverified: boolean;
  related: { id: string; name: string; type: string } | null;
  sources: CitationRef[];
}

export interface Claim {
  id: string;
  property: string;
  value: unknown;
  asOf: string | null;
  note: string | null;
  unverified: boolean;
  corroboration: Corroboration;
  sources: CitationRef[];
}

export interface Conflict {
  property: string;
  relationshipType: string | null;
  other: { id: string; name: string } | null;
  values: Claim[];
}

/** A decision on whether names the sources use denote this entity (Entity.identityDecisions). */
export interface IdentityDecision {
  id: string;
  decision: IdentityDecisionKind;
  names: string[];
  otherId: string | null;
  other: { id: string; name: string; type: string } | null;
  reason: string;
  unverified: boolean;
  status: 'STANDING' | 'CONFIRMED' | 'UNDONE';
  ruling: { verdict: 'CONFIRM' | 'UNDO'; by: string; at: string; note: string } | null;
  sources: CitationRef[];
}

export interface Relation {
  type: string;
  direction: string;
  unverified: boolean;
  corroboration: Corroboration;
  node: GNode;
}

export interface Details extends GNode {
  description: string;
  aliases: string[];
  unverified: boolean;
  corroboration: Corroboration & { kinds: SourceKind[] };
  sources: CitationRef[];
  timeline: TimelineEntry[];
  conflicts: Conflict[];
  claims: Claim[];
  identityDecisions: IdentityDecision[];
  relations: Relation[];
}
