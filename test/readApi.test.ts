import { serverAudits } from 'graphql-http';
import { startTestApp, type TestApp } from './support/harness';

type Conn = { totalCount: number; edges: { cursor: string; node: { id: string; name: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

describe('the read API over HTTP on the seeded graph', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers an analyst question about an organization with its relationships and sources', async () => {
    const { data, errors } = await app.graphql<{ entity: Record<string, any> }>(`{
      entity(id: "duogenic-stemcells") {
        name type
        ... on Organization {
          countryCode country { code }
          technologies { name modalities { id } indications { id } }
          agreements { role agreement { id exclusive licensee { id } facilitators { id } covers { id } territory { code } rightsGranted } }
          events { participation role event { id startDate } }
        }
        sources { source { publisher publishedOn } evidence }
      }
    }`);
    expect(errors).toBeUndefined();
    const org = data!.entity;
    expect(org.name).toBe('DuoGenic StemCells Corporation');
    expect(org.countryCode).toBe('TW');
    expect(org.country.code).toBe('TW');
    const aiCells = org.technologies.find((t: { name: string }) => t.name === 'AI Cells');
    expect(aiCells.modalities.map((m: { id: string }) => m.id)).toContain('modality-pbmc');
    const [party] = org.agreements;
    expect(party.role).toBe('LICENSOR');
    expect(party.agreement).toMatchObject({ exclusive: false, licensee: { id: 'a-and-i-co-ltd' }, covers: [{ id: 'ai-cells' }], territory: [{ code: 'JP' }] });
    expect(party.agreement.facilitators.map((f: { id: string }) => f.id).sort()).toEqual(['bpipo', 'firm']);
    expect(org.events).toEqual([{ participation: 'PARTICIPATED_IN', role: 'presenter', event: { id: 'forum-2025-04-23-tokyo', startDate: '2025-04-23' } }]);
    expect(org.sources[0].source).toEqual({ publisher: 'GeneOnline', publishedOn: '2025-04-29' });
    expect(org.sources[0].evidence.length).toBeGreaterThan(10);
  });

  it('answers who spoke at the forum, with titles, and who organized and co-hosted it', async () => {
    const { data, errors } = await app.graphql<{ entity: Record<string, any> }>(`{
      entity(id: "forum-2025-04-23-tokyo") { ... on Event {
        startDate city countryCode venue { id }
        organizers { id } coHosts { id }
        talks { person { name roles { title unit organization { id } } } }
        agreementsSigned { id }
      } }
    }`);
    expect(errors).toBeUndefined();
    const event = data!.entity;
    expect(event).toMatchObject({ startDate: '2025-04-23', city: 'Tokyo', countryCode: 'JP', venue: { id: 'global-life-science-hub' } });
    expect(event.organizers).toEqual([{ id: 'bpipo' }]);
    expect(event.coHosts.map((o: { id: string }) => o.id).sort()).toEqual(['dcb', 'link-j']);
    expect(event.agreementsSigned).toEqual([{ id: 'agreement-duogenic-ai-licence-2025' }]);
    const huang = event.talks.find((t: { person: { name: string } }) => t.person.name === 'Michael Huang');
    expect(huang.person.roles).toEqual([expect.objectContaining({ title: 'Director', organization: { id: 'bpipo' } })]);
  });

  it('navigates the licence from its side: parties with roles, and relations with their sources', async () => {
    const { data } = await app.graphql<{ entity: Record<string, any> }>(`{
      entity(id: "agreement-duogenic-ai-licence-2025") {
        ... on Agreement { agreementKind signedOn signedAt { id } parties { role organization { id } } licensor { id } licensee { id } }
        relations(types: [FACILITATED], direction: INCOMING) { type direction node { id } sources { source { id } evidence } }
      }
    }`);
    const agreement = data!.entity;
    expect(agreement).toMatchObject({ agreementKind: 'LICENSE', signedOn: '2025-04-23', signedAt: { id: 'forum-2025-04-23-tokyo' }, licensor: { id: 'duogenic-stemcells' }, licensee: { id: 'a-and-i-co-ltd' } });
    expect(agreement.parties).toHaveLength(2);
    expect(agreement.relations.map((r: { node: { id: string } }) => r.node.id).sort()).toEqual(['bpipo', 'firm']);
    for (const r of agreement.relations) {
      expect(r).toMatchObject({ type: 'FACILITATED', direction: 'INCOMING' });
      expect(r.sources[0].source.id).toBe('geneonline-2025-04-29-taiwan-japan-regen-forum');
    }
  });

  it('lists people, technologies, modalities, indications, funds, policies and events with their facts', async () => {
    const { data, errors } = await app.graphql<Record<string, any>>(`{
      people(where: { roles: { some: { organization: { id: { eq: "firm" } } } } }) { totalCount nodes { name roles { title unit } } }
      technologies(where: { modalities: { some: { id: { eq: "modality-exosome" } } }, developers: { some: { countryCode: { eq: "TW" } } } }) {
        totalCount nodes { id developers { id } } }
      modalities(search: "iPSC", first: 1) { nodes { id technologies { id } } }
      indications(where: { id: { in: ["indication-dry-eye-disease"] } }) { nodes { name technologies { developers { id } } } }
      funds { totalCount nodes { id countryCode administrators { id } policies { id } } }
      policies { nodes { id pillars { id } partOf { id } } }
      events(where: { countryCode: { eq: "JP" }, startDate: { gte: "2025-01-01", lte: "2025-12-31" } }) { totalCount }
      bionet: entity(id: "bionet") { facts { name value } }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.people.totalCount).toBe(2);
    expect(data!.people.nodes.map((p: { name: string }) => p.name).sort()).toEqual(['Kunihiko Suzuki', 'Masayuki Nomura']);
    const techIds = data!.technologies.nodes.map((t: { id: string }) => t.id);
    expect(techIds).toContain('ascension-exosomes');
    expect(data!.modalities.nodes[0].id).toBe('modality-ipsc');
    expect(data!.indications.nodes[0].technologies[0].developers[0].id).toBe('bionet');
    expect(data!.funds.totalCount).toBe(2);
    const strategy = data!.policies.nodes.find((p: { id: string }) => p.id === 'policy-japan-bio-economy-strategy');
    expect(strategy.pillars).toHaveLength(3);
    expect(data!.events.totalCount).toBe(1);
    expect(data!.bionet.facts).toEqual(expect.arrayContaining([{ name: 'publications', value: 61 }, { name: 'totalImpactFactor', value: 315 }]));
  });

  it('filters organizations by country, kind, modality and event participation', async () => {
    const { data } = await app.graphql<Record<string, any>>(`{
      jpPharma: organizations(where: { countryCode: { eq: "JP" }, kind: { eq: "PHARMA" } }) { totalCount edges { node { id } } }
      exosome: organizations(where: { countryCode: { eq: "TW" }, OR: [
        { modalities: { some: { id: { eq: "modality-exosome" } } } },
        { technologies: { some: { modalities: { some: { id: { eq: "modality-exosome" } } } } } }] }) { totalCount edges { node { id } } }
      licensors: organizations(where: { agreements: { some: { agreement: { kind: { eq: "LICENSE" } } } } }) { totalCount edges { node { id } } }
      attended: organizations(where: { events: { some: { event: { id: { eq: "forum-2025-04-23-tokyo" } } } }, countryCode: { eq: "JP" }, kind: { eq: "INVESTOR" } }) {
        totalCount edges { node { id } } }
    }`);
    const ids = (c: Conn) => c.edges.map((e) => e.node.id).sort();
    expect(ids(data!.jpPharma)).toEqual(['astellas-pharma', 'daiichi-sankyo', 'mochida-pharmaceutical']);
    expect(ids(data!.exosome)).toEqual(expect.arrayContaining(['ascension-biotechnology', 'hexun-bio']));
    expect(ids(data!.licensors)).toEqual(['a-and-i-co-ltd', 'duogenic-stemcells']);
    expect(ids(data!.attended)).toEqual(['eight-roads-ventures', 'nissay-capital']);
  });

  it('pages through every organization in both orders with no duplicates and no gaps', async () => {
    for (const direction of ['ASC', 'DESC']) {
      const seen: string[] = [];
      let after: string | null = null;
      let total = 0;
      for (let page = 0; page < 20; page++) {
        const res: { data?: { organizations: Conn } } = await app.graphql<{ organizations: Conn }>(
          'query($after: String, $direction: SortDirection) { organizations(first: 7, after: $after, sort: [{ field: NAME, direction: $direction }]) { totalCount edges { cursor node { id name } } pageInfo { hasNextPage endCursor } } }',
          { after, direction },
        );
        const conn: Conn = res.data!.organizations;
        total = conn.totalCount;
        seen.push(...conn.edges.map((e) => e.node.id));
        if (!conn.pageInfo.hasNextPage) break;
        after = conn.pageInfo.endCursor;
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe(total);
      expect(total).toBeGreaterThanOrEqual(39);
      const full = await app.graphql<{ organizations: Conn }>('query($d: SortDirection) { organizations(first: 100, sort: [{ field: NAME, direction: $d }]) { edges { node { id } } } }', {
        d: direction,
      });
      expect(seen).toEqual(full.data!.organizations.edges.map((e) => e.node.id));
    }
  });

  it('finds entities despite a typo, a partial word or different case', async () => {
    const { data } = await app.graphql<Record<string, any>>(`{
      typo: search(query: "Astelas Farma") { entity { id } }
      partial: search(query: "exo", types: [MODALITY]) { entity { id } }
      alias: search(query: "link-j", first: 1) { entity { id } }
      upper: search(query: "DUOGENIC", first: 1) { entity { id } }
    }`);
    expect(data!.typo[0].entity.id).toBe('astellas-pharma');
    expect(data!.partial[0].entity.id).toBe('modality-exosome');
    expect(data!.alias[0].entity.id).toBe('link-j');
    expect(data!.upper[0].entity.id).toBe('duogenic-stemcells');
  });

  it('treats Lucene syntax in search text as plain text, never as an error', async () => {
    for (const query of ['AND OR NOT', '"unterminated', 'a:b', '(((', '*', '~', '\\', 'title:[a TO z]', 'exosome^100 || x', '?', '/regex/']) {
      const res = await app.graphql<{ search: unknown[] }>('query($q: String!) { search(query: $q) { entity { id } } }', { q: query });
      expect(res.errors).toBeUndefined();
      expect(Array.isArray(res.data!.search)).toBe(true);
    }
  });

  it('refuses bad arguments with BAD_USER_INPUT naming the argument', async () => {
    const cases: [string, string][] = [
      ['{ organizations(first: 1000) { totalCount } }', 'first'],
      ['{ organizations(first: 0) { totalCount } }', 'first'],
      ['{ organizations(after: "not-a-cursor") { totalCount } }', 'after'],
      ['{ organizations(search: " ") { totalCount } }', 'search'],
      ['{ events(sort: [{ field: NAME }, { field: ID }, { field: CITY }, { field: KIND }, { field: END_DATE }, { field: START_DATE }]) { totalCount } }', 'sort'],
      ['{ search(query: "") { score } }', 'query'],
      ['{ search(query: "exosome", first: 51) { score } }', 'first'],
    ];
    for (const [query, field] of cases) {
      const res = await app.graphql(query);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(JSON.stringify(res.errors)).not.toMatch(/stacktrace|MATCH|at .*\.ts/);
    }
  });

  it('returns null for an unknown id and keeps the order of a batch lookup', async () => {
    const { data, errors } = await app.graphql<{ entity: null; entities: ({ id: string } | null)[] }>(
      '{ entity(id: "no-such-thing") { id } entities(ids: ["firm", "nope", "bpipo"]) { id } }',
    );
    expect(errors).toBeUndefined();
    expect(data!.entity).toBeNull();
    expect(data!.entities).toEqual([{ id: 'firm' }, null, { id: 'bpipo' }]);
  });

  it('serves dashboard aggregates that match the graph', async () => {
    const { data, errors } = await app.graphql<{ statistics: Record<string, any> }>(`{ statistics {
      generatedAt maxAgeSeconds
      entitiesByType { type count }
      organizationsByCountryAndKind { countryCode kind count }
      modalities { entity { id } technologyCount organizationCount }
      agreementsByKindAndTerritory { kind territory count }
      crossBorderLinks { type between count }
      relationshipsByType { type count }
    } }`);
    expect(errors).toBeUndefined();
    const s = data!.statistics;
    const orgs = s.entitiesByType.find((e: { type: string }) => e.type === 'ORGANIZATION').count;
    const byCountry = s.organizationsByCountryAndKind.reduce((sum: number, r: { count: number }) => sum + r.count, 0);
    expect(byCountry).toBe(orgs);
    expect(s.organizationsByCountryAndKind).toContainEqual({ countryCode: 'JP', kind: 'PHARMA', count: 3 });
    expect(s.agreementsByKindAndTerritory).toEqual([{ kind: 'LICENSE', territory: 'JP', count: 1 }]);
    const exosome = s.modalities.find((m: { entity: { id: string } }) => m.entity.id === 'modality-exosome');
    expect(exosome.technologyCount).toBeGreaterThanOrEqual(2);
    expect(s.crossBorderLinks).toContainEqual({ type: 'ORGANIZED', between: ['JP', 'TW'], count: 1 });
    const [dbCount] = (await app.driver.executeQuery('MATCH (:Entity)-[r:PARTICIPATED_IN]->(:Entity) RETURN count(r) AS c')).records;
    expect(s.relationshipsByType).toContainEqual({ type: 'PARTICIPATED_IN', count: dbCount!.get('c') });
  });

  it('lists the countries with how many organizations each has, and their relationships', async () => {
    const { data, errors } = await app.graphql<any>('{ countries { code organizationCount relations(first: 947) { type } } }');
    expect(errors).toBeUndefined();
    const byCode = new Map(data.countries.map((c: { code: string; organizationCount: number; relations: unknown[] }) => [c.code, c]));
    expect((byCode.get('TW') as any).organizationCount).toBeGreaterThan(10);
    expect((byCode.get('JP') as any).relations.length).toBeGreaterThan(10);
  });

  it('reads the end of an edge it came from with the fields asked of that end', async () => {
    const { data, errors } = await app.graphql<any>(`{ entity(id: "bpipo") { ... on Organization {
      people { person { name } organization { id countryCode description technologies { id } } } } } }`);
    expect(errors).toBeUndefined();
    const ends = data.entity.people.map((p: { organization: unknown }) => p.organization);
    expect(ends.length).toBeGreaterThan(0);
    for (const end of ends) expect(end).toMatchObject({ id: 'bpipo', countryCode: 'TW', description: expect.stringMatching(/\w/), technologies: [] });
  });

  it('answers a nested list, a detail, a search and the sources each with exactly one database query', async () => {
    const nested = `query($n: Int) { organizations(first: $n) { totalCount edges { node {
      name country { code } people { title person { name talks { topic } } }
      technologies { name modalities { name } indications { name } }
      events { role event { name organizers { name } } }
      agreements { role agreement { facilitators { name } covers { name } } }
      sources { source { title statementCount } }
    } } } }`;
    const queriesFor = async (query: string, variables: Record<string, unknown> = {}) => {
      app.queries.length = 0;
      const res = await app.graphql(query, variables);
      expect(res.errors).toBeUndefined();
      return app.queries.map((q) => q.name);
    };
    expect(await queriesFor(nested, { n: 5 })).toEqual(['compiled/organizations']);
    expect(await queriesFor(nested, { n: 39 })).toEqual(['compiled/organizations']);
    const detail = `{ entity(id: "duogenic-stemcells") { name ... on Organization { technologies { agreements { licensor { name } licensee { name } } } agreements { role agreement { name sources { source { title } } } } } } }`;
    expect(await queriesFor(detail)).toEqual(['compiled/entity']);
    expect(await queriesFor(`{ search(query: "Astelas") { score entity { name ... on Organization { country { name } } } } }`)).toEqual(['compiled/search']);
    expect(await queriesFor(`{ sources { title statementCount } }`)).toEqual(['compiled/sources']);
  });

  it('passes the graphql-http audit of the GraphQL-over-HTTP spec', async () => {
    const results = await Promise.all(serverAudits({ url: `${app.url}/graphql`, fetchFn: fetch }).map((audit) => audit.fn()));
    const errors = results.filter((r) => r.status === 'error').map((r) => `${r.name}: ${JSON.stringify(r)}`);
    expect(errors).toEqual([]);
    expect(results.filter((r) => r.status === 'ok').length).toBeGreaterThan(20);
  });
});
