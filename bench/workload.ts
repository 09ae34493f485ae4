/**
 * The fixed benchmark workload: read operations, each with a rotating,
 * deterministic list of inputs derived from the number of synthetic
 * organizations (scripts/gen.ts ids `syn-org-NNNNNN`). Request i of every target
 * uses input i mod the list length, so ours, the floor and the peer answer the
 * same questions in the same order.
 *
 * - ours:  the GraphQL operation sent to the API (schema.graphql)
 * - floor: hand-written Cypher run by bench/floor.ts through neo4j-driver
 * - peer:  the equivalent operation for @neo4j/graphql (bench/peer.graphql) where it can express it
 */
import { buildLuceneQuery } from '../src/modules/search/lucene';

export interface Operation {
  name: string;
  /** Inputs, rotated per request. */
  inputs: Record<string, unknown>[];
  ours: string;
  peer?: string;
  /** Variables for the peer when they differ from `inputs`. */
  peerVars?: (input: Record<string, unknown>) => Record<string, unknown>;
  /** The request each target gets, when it is not the default (a POST of `ours` to /graphql, of the input to the floor's /<name>). */
  send?: (target: 'ours' | 'floor' | 'peer', input: Record<string, unknown>) => { method: 'GET' | 'POST'; path: string; body?: string; headers?: Record<string, string> };
  /** The status of a good answer (default 200; feed304: 304). */
  status?: number;
  /** Inputs per target that a request consumes, each used once over the whole run (approve: one proposal per request); then `inputs` is unused. */
  once?: Partial<Record<'ours' | 'floor', Record<string, unknown>[]>>;
  /** Only the API answers it (mentions: the floor and the peer have nothing to compare). */
  oursOnly?: true;
  /** Run before the check of each target, with its base URL (feed304 fetches the ETags it sends back). */
  prepare?: (target: 'ours' | 'floor' | 'peer', base: string) => Promise<void>;
}

const orgId = (i: number) => `syn-org-${String(i).padStart(6, '0')}`;

/** 20 organizations spread over the id range (a mix of hubs and leaves). */
export function sampleOrgs(orgs: number, n = 20): string[] {
  return Array.from({ length: n }, (_, k) => orgId((k * 7919 + 13) % orgs));
}

/**
 * `n` random organization pairs (two different organizations each), the same for
 * a given graph size every run: the paths workload and its ground truth
 * (bench/pathTruth.ts) use them.
 */
export function pathPairs(orgs: number, n = 40): { from: string; to: string }[] {
  let state = 20251127;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) % orgs;
  const pairs: { from: string; to: string }[] = [];
  while (pairs.length < n) {
    const [a, b] = [next(), next()];
    if (a !== b) pairs.push({ from: orgId(a), to: orgId(b) });
  }
  return pairs;
}

/** The partnershipPaths operation of the workload (also run one client at a time for the answer rate). */
export const PATHS_QUERY = `query Paths($from: ID!, $to: ID!, $maxHubDegree: Int) {
  partnershipPaths(from: $from, to: $to, maxHops: 4, first: 5, maxHubDegree: $maxHubDegree) {
    length weak strength explanation hops { type direction weak from { id name } to { id name } } } }`;

export function workload(orgs: number): Operation[] {
  const sample = sampleOrgs(orgs);
  const pairs = sample.map((from, k) => ({ from, to: sample[(k + 7) % sample.length]! }));
  return [
    {
      name: 'detail',
      inputs: sample.map((id) => ({ id })),
      ours: `query Detail($id: ID!) { entity(id: $id) { id name ... on Organization { countryCode kind
        people { title person { id name } }
        technologies { id name modalities { id name } indications { id name }
          agreements { id name kind licensor { id name } licensee { id name } } }
        agreements { role agreement { id name covers { id name } } }
        events { participation event { id name } } } } }`,
      peer: `query Detail($id: ID!) { organizations(where: { id: { eq: $id } }) { id name country kind
        peopleConnection { edges { properties { title } node { id name } } }
        technologies { id name modalities { id name } indications { id name }
          agreements { id name kind partiesConnection { edges { properties { role } node { id name } } } } }
        agreementsConnection { edges { properties { role } node { id name covers { id name } } } }
        events { id name } } }`,
    },
    {
      name: 'list',
      inputs: [
        { countries: ['TW', 'JP'], kinds: ['COMPANY', 'PHARMA', 'CDMO'] },
        { countries: ['JP'], kinds: ['INVESTOR'] },
        { countries: ['TW'], kinds: ['RESEARCH_INSTITUTE', 'GOVERNMENT_AGENCY'] },
        { countries: ['US', 'KR', 'SG'], kinds: ['PHARMA', 'COMPANY'] },
      ],
      ours: `query List($countries: [String!], $kinds: [String!]) {
        organizations(where: { countryCode: { in: $countries }, kind: { in: $kinds } }, first: 20) {
          totalCount edges { cursor node { id name countryCode kind } } pageInfo { hasNextPage endCursor } } }`,
      peer: `query List($countries: [String!], $kinds: [String!]) {
        organizationsConnection(where: { country: { in: $countries }, kind: { in: $kinds } }, first: 20, sort: [{ name: ASC }, { id: ASC }]) {
          totalCount edges { cursor node { id name country kind } } pageInfo { hasNextPage endCursor } } }`,
    },
    {
      // An OR of two country/kind combinations and a two-hop relationship condition, sorted by name.
      name: 'filtered',
      inputs: [
        { countries: ['TW', 'JP'], kinds: ['COMPANY', 'PHARMA'], country: 'US', kind: 'CDMO', modalities: ['syn-mod-ipsc', 'syn-mod-msc'] },
        { countries: ['JP'], kinds: ['CDMO', 'COMPANY'], country: 'TW', kind: 'RESEARCH_INSTITUTE', modalities: ['syn-mod-exosome'] },
        { countries: ['TW'], kinds: ['COMPANY'], country: 'KR', kind: 'PHARMA', modalities: ['syn-mod-car-t', 'syn-mod-nk-cell', 'syn-mod-gene-therapy'] },
        { countries: ['US', 'SG'], kinds: ['PHARMA', 'CDMO'], country: 'JP', kind: 'PHARMA', modalities: ['syn-mod-organoid', 'syn-mod-crispr'] },
      ],
      ours: `query Filtered($countries: [String!], $kinds: [String!], $country: String, $kind: String, $modalities: [String!]) {
        organizations(where: {
          OR: [{ countryCode: { in: $countries }, kind: { in: $kinds } }, { countryCode: { eq: $country }, kind: { eq: $kind } }]
          technologies: { some: { modalities: { some: { id: { in: $modalities } } } } }
        }, sort: [{ field: NAME }], first: 20) {
          totalCount edges { cursor node { id name countryCode kind } } pageInfo { hasNextPage endCursor } } }`,
      peer: `query Filtered($countries: [String!], $kinds: [String!], $country: String, $kind: String, $modalities: [ID!]) {
        organizationsConnection(where: {
          OR: [{ country: { in: $countries }, kind: { in: $kinds } }, { country: { eq: $country }, kind: { eq: $kind } }]
          technologies: { some: { modalities: { some: { id: { in: $modalities } } } } }
        }, first: 20, sort: [{ name: ASC }, { id: ASC }]) {
          totalCount edges { cursor node { id name country kind } } pageInfo { hasNextPage endCursor } } }`,
    },
    {
      // Organizations by country × modality (a key one hop away). No peer: @neo4j/graphql 7's
      // aggregate counts or takes min/max over one node set and cannot group, let alone across a hop.
      name: 'grouped',
      inputs: [{}],
      ours: `query Grouped { organizationsAggregate(groupBy: [{ field: "countryCode" }, { via: "modalities", field: "id" }], first: 100) {
        totalCount truncated groups { key count } } }`,
    },
    {
      name: 'search',
      inputs: ['kaito', 'Biocel therapeutics', 'regenerative fund', 'Sakura Tanaka', 'msc', 'Formsa', 'zhenbio', 'exosome', 'Taigen pharma', 'lin']
        .map((query) => ({ query })),
      ours: `query Search($query: String!) { search(query: $query, first: 10) { score entity { id name type } } }`,
    },
    {
      name: 'statistics',
      inputs: [{}],
      ours: `query Stats { statistics { generatedAt entitiesByType { type count } organizationsByCountryAndKind { countryCode kind count }
        modalities { entity { id name } technologyCount organizationCount } indications { entity { id name } technologyCount organizationCount }
        agreementsByKindAndTerritory { kind territory count } crossBorderLinks { type between count } relationshipsByType { type count } } }`,
    },
    {
      // Server overhead: HTTP, parse, validation, the armor rules, execution and serialisation, and no database.
      name: 'typename',
      inputs: [{}],
      ours: '{ __typename }',
    },
    {
      name: 'paths',
      inputs: pathPairs(orgs),
      ours: PATHS_QUERY,
    },
    {
      name: 'brokers',
      inputs: pairs.map(({ from, to }) => ({ between: [from, to] })),
      ours: `query Brokers($between: [ID!]!) { brokers(between: $between, first: 5) { reaches score sampled entity { id name }
        paths { length weak hops { type from { id } to { id } } } } }`,
    },
    {
      name: 'suggestions',
      inputs: sample.map((id) => ({ id, country: 'JP' })),
      ours: `query Suggest($id: ID!, $country: String) { suggestedPartners(id: $id, country: $country, first: 5) {
        score organization { id name } reasons { weight sampled explanation shared { id name } } } }`,
    },
    {
      name: 'neighborhood',
      inputs: sample.map((id) => ({ id })),
      ours: `query Hood($id: ID!) { neighborhood(id: $id, depth: 2, limit: 100) { truncated sampled nodes { id name type } edges { id type source target } } }`,
    },
  ];
}

/** The Lucene text ours builds for a search (the floor sends the same). */
export const luceneFor = (text: string) => buildLuceneQuery(text) ?? '';
