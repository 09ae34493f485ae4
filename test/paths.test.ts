import { startTestApp, type TestApp } from './support/harness';

/**
 * Partnership paths, neighbourhoods, brokers and partner suggestions over real
 * HTTP against the real database loaded with the seed (the 2025-04-23 Tokyo
 * forum article). Expected answers are read off the seed file.
 */

const SOURCE = 'geneonline-2025-04-29-taiwan-japan-regen-forum';
const FORUM = 'forum-2025-04-23-tokyo';
const FORUM_NAME = 'Taiwan-Japan Investment and Industry Networking Event';
const LICENCE = 'agreement-duogenic-ai-licence-2025';
const LICENCE_NAME = 'DuoGenic StemCells - A&I Co., Ltd. AI Cells licensing agreement';

const ENTITY = `
  fragment E on Entity {
    id name type
    ... on Organization { countryCode }
    ... on Event { countryCode }
    ... on Fund { countryCode }
    ... on Policy { countryCode }
    ... on Country { code }
  }`;

const PATH = `
  fragment P on PartnershipPath {
    length explanation
    nodes { ...E }
    hops { from { id } to { id } type direction properties explanation sources { source { id } evidence } }
  }`;

const PATHS = `
  query Paths($from: ID!, $to: ID!, $maxHops: Int, $first: Int, $types: [RelationshipType!], $avoid: [ID!], $crossBorderOnly: Boolean, $maxHubDegree: Int) {
    partnershipPaths(from: $from, to: $to, maxHops: $maxHops, first: $first, relationshipTypes: $types, avoid: $avoid, crossBorderOnly: $crossBorderOnly, maxHubDegree: $maxHubDegree) { ...P }
  }
  ${PATH} ${ENTITY}`;

const NEIGHBORHOOD = `
  query N($id: ID!, $depth: Int, $limit: Int, $types: [RelationshipType!]) {
    neighborhood(id: $id, depth: $depth, limit: $limit, relationshipTypes: $types) {
      truncated nodes { ...E } edges { id type source target properties }
    }
  }
  ${ENTITY}`;

const BROKERS = `
  query B($between: [ID!]!, $first: Int) {
    brokers(between: $between, first: $first) { entity { ...E } reaches score paths { ...P } }
  }
  ${PATH} ${ENTITY}`;

const SUGGESTIONS = `
  query S($id: ID!, $country: String, $first: Int) {
    suggestedPartners(id: $id, country: $country, first: $first) {
      organization { ...E } score reasons { shared { ...E } kind weight explanation }
    }
  }
  ${ENTITY}`;

interface Node {
  id: string;
  name: string;
  type: string;
  countryCode?: string | null;
  code?: string;
}
interface Hop {
  from: { id: string };
  to: { id: string };
  type: string;
  direction: 'FORWARD' | 'BACKWARD';
  properties: Record<string, unknown>;
  explanation: string;
  sources: { source: { id: string }; evidence: string }[];
}
interface Path {
  length: number;
  explanation: string;
  nodes: Node[];
  hops: Hop[];
}

const ids = (path: Path): string[] => path.nodes.map((n) => n.id);
const countryOf = (n: Node): string | null => n.countryCode ?? n.code ?? null;

/** The path's shape holds together: hop ends chain along the nodes, no node twice, lengths agree. */
function expectWellFormed(path: Path): void {
  expect(path.length).toBe(path.hops.length);
  expect(path.nodes).toHaveLength(path.length + 1);
  expect(new Set(ids(path)).size).toBe(path.nodes.length);
  path.hops.forEach((hop, i) => {
    expect(hop.from.id).toBe(path.nodes[i]!.id);
    expect(hop.to.id).toBe(path.nodes[i + 1]!.id);
    expect(hop.explanation).toMatch(/^\S.*\.$/);
    expect(hop.sources.map((s) => s.source.id)).toContain(SOURCE);
  });
  expect(path.explanation).toBe(path.hops.map((h) => h.explanation).join(' '));
}

describe('partnership paths, neighbourhoods, brokers and partner suggestions', () => {
  let app: TestApp;

  async function paths(variables: Record<string, unknown>): Promise<Path[]> {
    const response = await app.graphql<{ partnershipPaths: Path[] }>(PATHS, variables);
    expect(response.errors).toBeUndefined();
    for (const path of response.data!.partnershipPaths) expectWellFormed(path);
    return response.data!.partnershipPaths;
  }

  async function errorOf(query: string, variables: Record<string, unknown>) {
    const response = await app.graphql(query, variables);
    expect(response.data ?? null).toBeNull();
    expect(response.errors).toHaveLength(1);
    return response.errors![0]!;
  }

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  describe('partnershipPaths', () => {
    it('links a Taiwanese exosome company to a Japanese pharma through the Tokyo forum, hop by hop in plain words', async () => {
      const [first] = await paths({ from: 'ascension-biotechnology', to: 'astellas-pharma' });
      expect(first).toBeDefined();
      expect(ids(first!)).toEqual(['ascension-biotechnology', FORUM, 'astellas-pharma']);
      expect(first!.nodes.map(countryOf)).toEqual(['TW', 'JP', 'JP']);
      expect(first!.hops.map((h) => [h.type, h.direction, h.properties.role])).toEqual([
        ['PARTICIPATED_IN', 'FORWARD', 'presenter'],
        ['PARTICIPATED_IN', 'BACKWARD', 'participant'],
      ]);
      expect(first!.hops.map((h) => h.explanation)).toEqual([
        `Ascension Biotechnology took part in ${FORUM_NAME} as presenter.`,
        `${FORUM_NAME} was attended by Astellas Pharma Inc. as participant.`,
      ]);
      expect(first!.hops[0]!.sources[0]!.evidence).not.toBe('');
    });

    it('explains the licence between DuoGenic StemCells, the licensor, and A&I, the licensee', async () => {
      const result = await paths({ from: 'duogenic-stemcells', to: 'a-and-i-co-ltd', types: ['PARTY_TO'] });
      expect(result).toHaveLength(1);
      const [licence] = result;
      expect(ids(licence!)).toEqual(['duogenic-stemcells', LICENCE, 'a-and-i-co-ltd']);
      expect(licence!.hops.map((h) => [h.direction, h.properties])).toEqual([
        ['FORWARD', { role: 'LICENSOR' }],
        ['BACKWARD', { role: 'LICENSEE' }],
      ]);
      expect(licence!.explanation).toBe(
        `DuoGenic StemCells Corporation is the licensor in ${LICENCE_NAME} (non-exclusive, JP). ` +
          `${LICENCE_NAME} (non-exclusive, JP) has A&I Co., Ltd. as its licensee.`,
      );
    });

    it('connects DuoGenic StemCells to METI only through the Tokyo forum, so avoiding the forum leaves no path', async () => {
      const all = await paths({ from: 'duogenic-stemcells', to: 'meti', maxHops: 6, first: 10 });
      expect(all).toHaveLength(10);
      expect(ids(all[0]!)).toEqual(['duogenic-stemcells', FORUM, 'meti']);
      for (const path of all) expect(ids(path)).toContain(FORUM);

      const avoiding = await paths({ from: 'duogenic-stemcells', to: 'meti', maxHops: 6, first: 10, avoid: [FORUM] });
      expect(avoiding).toEqual([]);
    });

    it('finds the licence instead of shared attendance between DuoGenic StemCells and A&I when the forum is avoided', async () => {
      const all = await paths({ from: 'duogenic-stemcells', to: 'a-and-i-co-ltd', first: 5 });
      expect(all.some((p) => ids(p).includes(FORUM))).toBe(true);

      const avoiding = await paths({ from: 'duogenic-stemcells', to: 'a-and-i-co-ltd', first: 5, avoid: [FORUM] });
      expect(avoiding.length).toBeGreaterThan(0);
      for (const path of avoiding) expect(ids(path)).not.toContain(FORUM);
      expect(ids(avoiding[0]!)).toEqual(['duogenic-stemcells', LICENCE, 'a-and-i-co-ltd']);
      expect(avoiding.map(ids)).not.toEqual(all.map(ids));
    });

    it('returns the k shortest paths sorted by length, none visiting a node twice', async () => {
      const result = await paths({ from: 'duogenic-stemcells', to: 'bpipo', maxHops: 5, first: 10 });
      expect(result).toHaveLength(10);
      const lengths = result.map((p) => p.length);
      expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
      expect(lengths[0]).toBe(2);
      expect(lengths[lengths.length - 1]).toBeGreaterThan(2);
      // Three 2-hop paths: BPIPO facilitated DuoGenic's licence, and both organized and attended
      // the forum DuoGenic attended (two relationships over the same nodes are two paths).
      expect(result.filter((p) => p.length === 2).map((p) => `${p.nodes[1]!.id} ${p.hops[1]!.type}`).sort()).toEqual([
        `${LICENCE} FACILITATED`,
        `${FORUM} ORGANIZED`,
        `${FORUM} PARTICIPATED_IN`,
      ]);
      for (const path of result) expect(new Set(ids(path)).size).toBe(path.nodes.length);
    });

    it('keeps only paths that cross a border when crossBorderOnly is set', async () => {
      const all = await paths({ from: 'lumistar', to: 'maria-von-med-biotechnology', first: 5 });
      const viaModality = ['lumistar', 'modality-regenerative-medicine', 'maria-von-med-biotechnology'];
      expect(all.map(ids)).toContainEqual(viaModality);

      const crossing = await paths({ from: 'lumistar', to: 'maria-von-med-biotechnology', first: 5, crossBorderOnly: true });
      expect(crossing.length).toBeGreaterThan(0);
      expect(crossing.map(ids)).not.toContainEqual(viaModality);
      for (const path of crossing) {
        const crosses = path.nodes.slice(1).some((node, i) => {
          const [a, b] = [countryOf(path.nodes[i]!), countryOf(node)];
          return a !== null && b !== null && a !== b;
        });
        expect(crosses).toBe(true);
      }
    });

    it('walks only the relationship types asked for, and never LOCATED_IN unless asked', async () => {
      const located = await paths({ from: 'bpipo', to: 'dcb', first: 10, maxHops: 2 });
      for (const path of located) expect(path.hops.map((h) => h.type)).not.toContain('LOCATED_IN');

      const viaCountry = await paths({ from: 'bpipo', to: 'dcb', types: ['LOCATED_IN'] });
      expect(viaCountry.map(ids)).toEqual([['bpipo', 'country-tw', 'dcb']]);
      expect(viaCountry[0]!.explanation).toBe(
        'Biotechnology and Pharmaceutical Industries Promotion Office is based in Taiwan. Taiwan is home to Development Center for Biotechnology.',
      );
    });

    it('answers in one read transaction, whatever the number of paths asked for', async () => {
      app.queries.length = 0;
      const found = await paths({ from: 'hexun-bio', to: 'mochida-pharmaceutical', maxHops: 6, first: 10 });
      expect(found.length).toBeGreaterThan(1);
      expect(new Set(found.map((p) => p.length)).size).toBeGreaterThan(1);
      expect(app.queries.filter((q) => q.name.startsWith('paths/')).map((q) => q.name)).toEqual(['paths/search']);
    });

    it('does not walk through a hub with more relationships than maxHubDegree, but may end at one', async () => {
      const throughForum = await paths({ from: 'duogenic-stemcells', to: 'meti', maxHubDegree: 1000 });
      expect(throughForum.length).toBeGreaterThan(0);
      const capped = await paths({ from: 'duogenic-stemcells', to: 'meti', maxHubDegree: 30 });
      expect(capped).toEqual([]);
      const toTheHub = await paths({ from: 'duogenic-stemcells', to: 'forum-2025-04-23-tokyo', maxHubDegree: 30, first: 1 });
      expect(toTheHub[0]?.length).toBe(1);
      expect((await errorOf(PATHS, { from: 'bpipo', to: 'meti', maxHubDegree: 0 })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'maxHubDegree' });
    });

    it('rejects maxHops 7 with BAD_USER_INPUT naming the field maxHops', async () => {
      const error = await errorOf(PATHS, { from: 'duogenic-stemcells', to: 'meti', maxHops: 7 });
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'maxHops' });
    });

    it('rejects more than 10 paths, and a path from an entity to itself', async () => {
      expect((await errorOf(PATHS, { from: 'bpipo', to: 'meti', first: 11 })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      expect((await errorOf(PATHS, { from: 'bpipo', to: 'bpipo' })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    });

    it('answers NOT_FOUND naming an unknown endpoint', async () => {
      const error = await errorOf(PATHS, { from: 'bpipo', to: 'no-such-company' });
      expect(error.extensions).toMatchObject({ code: 'NOT_FOUND', id: 'no-such-company' });
      expect((await errorOf(PATHS, { from: 'nobody', to: 'bpipo' })).extensions).toMatchObject({ code: 'NOT_FOUND', id: 'nobody' });
    });

    it('never walks a retracted relationship', async () => {
      const retract = (value: boolean | null) =>
        app.driver.executeQuery(
          'MATCH (:Entity {id: $org})-[r:PARTY_TO]->(:Agreement {id: $agreement}) SET r.retracted = $value',
          { org: 'a-and-i-co-ltd', agreement: LICENCE, value },
          { database: process.env.TEST_NEO4J_DATABASE ?? 'neo4j' },
        );
      await retract(true);
      try {
        expect(await paths({ from: 'duogenic-stemcells', to: 'a-and-i-co-ltd', types: ['PARTY_TO'] })).toEqual([]);
      } finally {
        await retract(null);
      }
      expect(await paths({ from: 'duogenic-stemcells', to: 'a-and-i-co-ltd', types: ['PARTY_TO'] })).toHaveLength(1);
    });
  });

  describe('neighborhood', () => {
    it('cuts the forum neighbourhood at 10 nodes, root included, and says it was truncated', async () => {
      const response = await app.graphql<{ neighborhood: { truncated: boolean; nodes: Node[]; edges: { source: string; target: string }[] } }>(
        NEIGHBORHOOD,
        { id: FORUM, limit: 10 },
      );
      expect(response.errors).toBeUndefined();
      const { truncated, nodes, edges } = response.data!.neighborhood;
      expect(truncated).toBe(true);
      expect(nodes).toHaveLength(10);
      expect(nodes[0]!.id).toBe(FORUM);
      expect(new Set(nodes.map((n) => n.id)).size).toBe(10);
      const kept = new Set(nodes.map((n) => n.id));
      expect(edges.length).toBeGreaterThan(0);
      for (const edge of edges) {
        expect(kept.has(edge.source)).toBe(true);
        expect(kept.has(edge.target)).toBe(true);
      }
    });

    it('returns the whole neighbourhood of Hexun Bio with its edges when it fits', async () => {
      const response = await app.graphql<{ neighborhood: { truncated: boolean; nodes: Node[]; edges: { type: string; source: string; target: string }[] } }>(
        NEIGHBORHOOD,
        { id: 'hexun-bio' },
      );
      expect(response.errors).toBeUndefined();
      const { truncated, nodes, edges } = response.data!.neighborhood;
      expect(truncated).toBe(false);
      expect(nodes.map((n) => n.id).sort()).toEqual(
        ['hexun-bio', 'hexun-msc-cell-bank', 'hexun-automated-3d-culture-systems', 'hexun-cdmo-services', FORUM].sort(),
      );
      expect(edges.map((e) => `${e.source} ${e.type} ${e.target}`).sort()).toEqual([
        `hexun-bio DEVELOPS hexun-automated-3d-culture-systems`,
        `hexun-bio DEVELOPS hexun-cdmo-services`,
        `hexun-bio DEVELOPS hexun-msc-cell-bank`,
        `hexun-bio PARTICIPATED_IN ${FORUM}`,
      ]);

      const deeper = await app.graphql<{ neighborhood: { truncated: boolean; nodes: Node[] } }>(NEIGHBORHOOD, { id: 'hexun-bio', depth: 2, limit: 500 });
      expect(deeper.data!.neighborhood.truncated).toBe(false);
      expect(deeper.data!.neighborhood.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(['modality-exosome', 'modality-msc', 'astellas-pharma']));
    });

    it('gives the same nodes and edges whether or not the selection asks for their properties, and the properties when it does', async () => {
      type Hood = { neighborhood: { nodes: { id: string; type: string; countryCode?: string | null }[]; edges: { id: string; type: string; properties?: Record<string, unknown> }[] } };
      const bare = await app.graphql<Hood>(`{ neighborhood(id: "hexun-bio", depth: 2, limit: 50) { nodes { id type } edges { id type } } }`);
      const full = await app.graphql<Hood>(`{ neighborhood(id: "hexun-bio", depth: 2, limit: 50) { nodes { id type ... on Organization { countryCode } } edges { id type properties } } }`);
      expect(bare.errors).toBeUndefined();
      expect(full.errors).toBeUndefined();
      expect(full.data!.neighborhood.nodes.map((n) => n.id)).toEqual(bare.data!.neighborhood.nodes.map((n) => n.id));
      expect(full.data!.neighborhood.edges.map((e) => e.id)).toEqual(bare.data!.neighborhood.edges.map((e) => e.id));
      expect(full.data!.neighborhood.nodes.find((n) => n.id === 'hexun-bio')).toMatchObject({ type: 'ORGANIZATION', countryCode: 'TW' });
      expect(full.data!.neighborhood.edges.some((e) => e.type === 'PARTICIPATED_IN' && Object.keys(e.properties ?? {}).length > 0)).toBe(true);
    });

    it('answers NOT_FOUND for an unknown id and BAD_USER_INPUT for depth 4', async () => {
      expect((await errorOf(NEIGHBORHOOD, { id: 'no-such-entity' })).extensions).toMatchObject({ code: 'NOT_FOUND' });
      expect((await errorOf(NEIGHBORHOOD, { id: FORUM, depth: 4 })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'depth' });
    });
  });

  describe('brokers', () => {
    interface BrokerAnswer {
      entity: Node;
      reaches: number;
      score: number;
      paths: Path[];
    }

    it('names BPIPO and FIRM, who facilitated the licence, as the brokers between DuoGenic StemCells and A&I', async () => {
      const response = await app.graphql<{ brokers: BrokerAnswer[] }>(BROKERS, { between: ['duogenic-stemcells', 'a-and-i-co-ltd'], first: 5 });
      expect(response.errors).toBeUndefined();
      const brokers = response.data!.brokers;
      expect(brokers).toHaveLength(5);
      expect(brokers.slice(0, 2).map((b) => b.entity.id).sort()).toEqual(['bpipo', 'firm']);
      for (const broker of brokers) {
        expect(['ORGANIZATION', 'PERSON']).toContain(broker.entity.type);
        expect(broker.reaches).toBe(2);
        expect(broker.paths.map((p) => p.nodes[p.nodes.length - 1]!.id)).toEqual(['duogenic-stemcells', 'a-and-i-co-ltd']);
        for (const path of broker.paths) {
          expectWellFormed(path);
          expect(path.nodes[0]!.id).toBe(broker.entity.id);
        }
      }
      const bpipo = brokers.find((b) => b.entity.id === 'bpipo')!;
      expect(bpipo.paths.map(ids)).toEqual([
        ['bpipo', LICENCE, 'duogenic-stemcells'],
        ['bpipo', LICENCE, 'a-and-i-co-ltd'],
      ]);
      expect(bpipo.paths[0]!.hops[0]!.explanation).toBe(
        `Biotechnology and Pharmaceutical Industries Promotion Office helped bring about ${LICENCE_NAME} (non-exclusive, JP).`,
      );
      // Brokers that only share the forum (a hub) rank below those behind the agreement.
      expect(brokers[2]!.score).toBeLessThan(brokers[1]!.score);
      expect(brokers[2]!.paths.every((p) => ids(p).includes(FORUM))).toBe(true);
      expect(brokers.map((b) => b.score)).toEqual([...brokers.map((b) => b.score)].sort((a, b) => b - a));
    });

    it('rejects a single id, and answers NOT_FOUND for an unknown one', async () => {
      expect((await errorOf(BROKERS, { between: ['bpipo'] })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'between' });
      expect((await errorOf(BROKERS, { between: ['bpipo', 'bpipo'] })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'between' });
      expect((await errorOf(BROKERS, { between: ['bpipo', 'ghost-co'] })).extensions).toMatchObject({ code: 'NOT_FOUND', id: 'ghost-co' });
    });
  });

  describe('suggestedPartners', () => {
    interface Suggestion {
      organization: Node;
      score: number;
      reasons: { shared: Node; kind: string; weight: number; explanation: string }[];
    }
    async function suggestions(variables: Record<string, unknown>): Promise<Suggestion[]> {
      const response = await app.graphql<{ suggestedPartners: Suggestion[] }>(SUGGESTIONS, variables);
      expect(response.errors).toBeUndefined();
      const list = response.data!.suggestedPartners;
      for (const s of list) {
        expect(s.reasons.length).toBeGreaterThan(0);
        // the reasons' sum, times the candidate's activity factor (at least 1)
        expect(s.score).toBeGreaterThanOrEqual(s.reasons.reduce((sum, r) => sum + r.weight, 0) - 1e-9);
        const weights = s.reasons.map((r) => r.weight);
        expect(weights).toEqual([...weights].sort((a, b) => b - a));
      }
      expect(list.map((s) => s.score)).toEqual([...list.map((s) => s.score)].sort((a, b) => b - a));
      return list;
    }

    it('suggests Japanese organizations to a Taiwanese exosome company, with the forum as the reason', async () => {
      const list = await suggestions({ id: 'hexun-bio', country: 'JP', first: 5 });
      expect(list).toHaveLength(5);
      for (const s of list) {
        expect(s.organization.type).toBe('ORGANIZATION');
        expect(s.organization.countryCode).toBe('JP');
        const forum = s.reasons.find((r) => r.shared.id === FORUM)!;
        expect(forum).toMatchObject({ kind: 'EVENT', explanation: expect.stringContaining(`Hexun Bio both took part in ${FORUM_NAME}`) });
        expect(forum.weight).toBeGreaterThan(0);
      }
    });

    it('ranks the other exosome companies first for Hexun Bio when no country is given', async () => {
      const list = await suggestions({ id: 'hexun-bio', first: 5 });
      const exosome = list.filter((s) => s.reasons.some((r) => r.shared.id === 'modality-exosome'));
      expect(exosome.map((s) => s.organization.id)).toEqual(expect.arrayContaining(['ascension-biotechnology', 'gold-nano-tech']));
      expect(exosome[0]!.reasons.find((r) => r.shared.id === 'modality-exosome')).toMatchObject({ kind: 'FOCUS', explanation: expect.stringContaining('Hexun Bio both work on exosome') });
      expect(list[0]!.score).toBeGreaterThan(list[3]!.score);
      expect(list.map((s) => s.organization.id)).not.toContain('hexun-bio');
    });

    it('leaves METI, a government agency, out of Lumistar’s Japanese suggestions; for the first, the forum (an event) weighs more than a field', async () => {
      const list = await suggestions({ id: 'lumistar', country: 'JP' });
      expect(list.map((s) => s.organization.id)).not.toContain('meti');
      const [first, second] = list;
      const forum = first!.reasons.find((r) => r.shared.id === FORUM)!;
      expect(forum).toMatchObject({ kind: 'EVENT', explanation: expect.stringContaining(`Lumistar both took part in ${FORUM_NAME}`) });
      for (const r of first!.reasons.filter((x) => x.kind === 'FOCUS')) expect(forum.weight).toBeGreaterThan(r.weight);
      if (second) expect(first!.score).toBeGreaterThan(second.score);
    });

    it('leaves out organizations already linked, such as the other party to a licence', async () => {
      const list = await suggestions({ id: 'duogenic-stemcells', country: 'JP', first: 20 });
      expect(list.length).toBeGreaterThan(0);
      expect(list.map((s) => s.organization.id)).not.toContain('a-and-i-co-ltd');
    });

    it('rejects a country that is not an ISO code, answers NOT_FOUND for an unknown id and BAD_USER_INPUT for a non-organization', async () => {
      expect((await errorOf(SUGGESTIONS, { id: 'hexun-bio', country: 'Japan' })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'country' });
      expect((await errorOf(SUGGESTIONS, { id: 'ghost-co' })).extensions).toMatchObject({ code: 'NOT_FOUND', id: 'ghost-co' });
      expect((await errorOf(SUGGESTIONS, { id: 'modality-exosome' })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    });
  });
});
