import fc from 'fast-check';
import { startTestApp, type TestApp } from './support/harness';

// The analyst query language over HTTP on the seeded graph: where (AND/OR/NOT,
// text, dates, relationship some/none/all/count), sort with keyset cursors, and
// grouped aggregates. Each answer is checked against the graph itself.

interface Org {
  id: string;
  name: string;
  kind: string;
  countryCode: string | null;
  modalities: { id: string }[];
  technologies: { id: string; modalities: { id: string }[] }[];
  events: { event: { id: string } }[];
}

const ORG_FIELDS = 'id name kind countryCode modalities { id } technologies { id modalities { id } } events { event { id } }';

describe('the analyst query language on the seeded graph', () => {
  let app: TestApp;
  let orgs: Org[];

  const ids = async (where: unknown, extra = ''): Promise<string[]> => {
    const { data, errors } = await app.graphql<any>(`query($where: OrganizationWhere) { organizations(where: $where, first: 100${extra}) { totalCount nodes { id } } }`, { where });
    expect(errors).toBeUndefined();
    expect(data.organizations.totalCount).toBe(data.organizations.nodes.length);
    return data.organizations.nodes.map((n: { id: string }) => n.id).sort();
  };

  beforeAll(async () => {
    app = await startTestApp();
    const { data, errors } = await app.graphql<any>(`{ organizations(first: 100) { totalCount nodes { ${ORG_FIELDS} } } }`);
    expect(errors).toBeUndefined();
    orgs = data.organizations.nodes;
    expect(orgs.length).toBe(data.organizations.totalCount);
  });
  afterAll(async () => {
    await app.close();
  });

  it('finds Taiwanese companies not working with iPSC, or any Japanese pharma, with OR and NOT in one query', async () => {
    const where = {
      OR: [
        { countryCode: { eq: 'TW' }, kind: { eq: 'COMPANY' }, NOT: { technologies: { some: { modalities: { some: { id: { eq: 'modality-ipsc' } } } } } } },
        { countryCode: { eq: 'JP' }, kind: { eq: 'PHARMA' } },
      ],
    };
    app.queries.length = 0;
    const found = await ids(where);
    expect(app.queries.map((q) => q.name)).toEqual(['compiled/organizations']);
    expect(found).toContain('astellas-pharma');
    expect(found).toContain('duogenic-stemcells');
    expect(found).not.toContain('lumistar');
    const expected = orgs
      .filter(
        (o) =>
          (o.countryCode === 'TW' && o.kind === 'COMPANY' && !o.technologies.some((t) => t.modalities.some((m) => m.id === 'modality-ipsc'))) ||
          (o.countryCode === 'JP' && o.kind === 'PHARMA'),
      )
      .map((o) => o.id)
      .sort();
    expect(found).toEqual(expected);
  });

  it('finds people whose role title is CEO through a condition on the relationship', async () => {
    const { data, errors } = await app.graphql<any>(`{ people(where: { roles: { some: { title: { contains: "ceo" } } } }) { nodes { name roles { title } } } }`);
    expect(errors).toBeUndefined();
    expect(data.people.nodes.length).toBeGreaterThan(0);
    for (const person of data.people.nodes) expect(person.roles.some((r: { title: string }) => /ceo/i.test(r.title))).toBe(true);
  });

  it('lists agreements signed since a date, latest first', async () => {
    const { data, errors } = await app.graphql<any>(`{
      since: agreements(where: { signedOn: { gte: "2025-01-01" } }, sort: [{ field: SIGNED_ON, direction: DESC }]) { totalCount nodes { id signedOn } }
      before: agreements(where: { signedOn: { lt: "2025-01-01" } }) { totalCount }
    }`);
    expect(errors).toBeUndefined();
    expect(data.since.nodes).toEqual([{ id: 'agreement-duogenic-ai-licence-2025', signedOn: '2025-04-23' }]);
    expect(data.before.totalCount).toBe(0);
  });

  it('filters and sorts by how many entities a relationship field lists', async () => {
    const { data, errors } = await app.graphql<any>(`{ organizations(where: { events: { count: { gte: 1 } } }, sort: [{ field: EVENTS_COUNT, direction: DESC }, { field: NAME }], first: 100) {
      nodes { id events { event { id } } } } }`);
    expect(errors).toBeUndefined();
    const counts = data.organizations.nodes.map((n: { events: unknown[] }) => n.events.length);
    expect(counts.length).toBe(orgs.filter((o) => o.events.length >= 1).length);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
  });

  it('holds NOT (A OR B) = NOT A AND NOT B, and agrees with an in-test evaluation, for generated conditions', async () => {
    type Leaf = { where: Record<string, unknown>; test: (o: Org) => boolean };
    const countries = ['TW', 'JP', 'US'];
    const kinds = ['COMPANY', 'PHARMA', 'CDMO', 'GOVERNMENT_AGENCY', 'INVESTOR'];
    const leaf: fc.Arbitrary<Leaf> = fc.oneof(
      fc.constantFrom(...countries).map((c) => ({ where: { countryCode: { eq: c } }, test: (o: Org) => o.countryCode === c })),
      fc.subarray(kinds, { minLength: 1 }).map((ks) => ({ where: { kind: { in: ks } }, test: (o: Org) => ks.includes(o.kind) })),
      fc.constantFrom('a', 'te', 'bio', 'J').map((s) => ({ where: { name: { contains: s } }, test: (o: Org) => o.name.toLowerCase().includes(s.toLowerCase()) })),
      fc.integer({ min: 0, max: 3 }).map((n) => ({ where: { technologies: { count: { gt: n } } }, test: (o: Org) => o.technologies.length > n })),
      fc.constantFrom('forum-2025-04-23-tokyo').map((e) => ({ where: { events: { none: { event: { id: { eq: e } } } } }, test: (o: Org) => !o.events.some((x) => x.event.id === e) })),
    );
    const condition: fc.Arbitrary<Leaf> = fc.letrec<{ node: Leaf }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true, maxDepth: 3 },
        leaf,
        fc.tuple(tie('node'), tie('node')).map(([a, b]) => ({ where: { OR: [a.where, b.where] }, test: (o: Org) => a.test(o) || b.test(o) })),
        fc.tuple(tie('node'), tie('node')).map(([a, b]) => ({ where: { AND: [a.where, b.where] }, test: (o: Org) => a.test(o) && b.test(o) })),
        tie('node').map((a) => ({ where: { NOT: a.where }, test: (o: Org) => !a.test(o) })),
      ),
    })).node;
    await fc.assert(
      fc.asyncProperty(condition, condition, async (a, b) => {
        const notOr = await ids({ NOT: { OR: [a.where, b.where] } });
        const andNots = await ids({ AND: [{ NOT: a.where }, { NOT: b.where }] });
        expect(notOr).toEqual(andNots);
        expect(notOr).toEqual(orgs.filter((o) => !(a.test(o) || b.test(o))).map((o) => o.id).sort());
      }),
      { numRuns: 25, seed: 20261127 },
    );
  });

  it.each([
    [[{ field: 'NAME' }]],
    [[{ field: 'NAME', direction: 'DESC' }]],
    [[{ field: 'COUNTRY_CODE' }, { field: 'KIND', direction: 'DESC' }]],
    [[{ field: 'TECHNOLOGIES_COUNT', direction: 'DESC' }]],
    [[{ field: 'EVENTS_COUNT' }, { field: 'ID', direction: 'DESC' }]],
    [[{ field: 'DESCRIPTION' }]],
  ])('pages through every organization sorted by %j with no duplicates and no gaps', async (sort) => {
    const all = await app.graphql<any>(`query($sort: [OrganizationSort!]) { organizations(sort: $sort, first: 100) { nodes { id } } }`, { sort });
    expect(all.errors).toBeUndefined();
    const expected = all.data.organizations.nodes.map((n: { id: string }) => n.id);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const res: any = await app.graphql(`query($sort: [OrganizationSort!], $after: String) { organizations(sort: $sort, first: 7, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`, { sort, after });
      expect(res.errors).toBeUndefined();
      seen.push(...res.data.organizations.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!res.data.organizations.pageInfo.hasNextPage) break;
      after = res.data.organizations.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
    expect(expected).toHaveLength(orgs.length);
  });

  it('refuses a cursor made for another ordering with BAD_USER_INPUT on after', async () => {
    const first = await app.graphql<any>(`{ organizations(first: 2, sort: [{ field: COUNTRY_CODE }, { field: NAME }]) { pageInfo { endCursor } } }`);
    const { errors } = await app.graphql(`query($after: String) { organizations(first: 2, after: $after) { nodes { id } } }`, { after: first.data.organizations.pageInfo.endCursor });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('counts organizations per country that use a modality, and the groups add up to the list total', async () => {
    const { data, errors } = await app.graphql<any>(`{
      byCountry: organizationsAggregate(groupBy: [{ field: "countryCode" }]) { totalCount truncated groups { key count } }
      list: organizations { totalCount }
      exosome: organizationsAggregate(where: { technologies: { some: { modalities: { some: { id: { eq: "modality-exosome" } } } } } }, groupBy: [{ field: "countryCode" }, { field: "kind" }]) { totalCount groups { key count } }
    }`);
    expect(errors).toBeUndefined();
    const sum = (groups: { count: number }[]) => groups.reduce((s, g) => s + g.count, 0);
    expect(sum(data.byCountry.groups)).toBe(data.list.totalCount);
    expect(data.byCountry.totalCount).toBe(data.list.totalCount);
    expect(data.byCountry.truncated).toBe(false);
    expect(data.byCountry.groups).toContainEqual({ key: ['TW'], count: orgs.filter((o) => o.countryCode === 'TW').length });
    expect(sum(data.exosome.groups)).toBe(data.exosome.totalCount);
    expect(data.exosome.totalCount).toBeGreaterThan(0);
  });

  it('groups agreements across a relationship hop and by quarter, with min and max dates', async () => {
    const { data, errors } = await app.graphql<any>(`{ agreementsAggregate(
      groupBy: [{ via: "licensor", field: "countryCode" }, { via: "licensee", field: "countryCode" }, { field: "signedOn", bucket: QUARTER }],
      measures: { min: "signedOn", max: "signedOn", countDistinct: { via: "covers", field: "id" } }) { totalCount groups { key count countDistinct min max } } }`);
    expect(errors).toBeUndefined();
    expect(data.agreementsAggregate.groups).toEqual([{ key: ['TW', 'JP', '2025-Q2'], count: 1, countDistinct: 1, min: '2025-04-23', max: '2025-04-23' }]);
  });

  it('refuses a group key the model does not have with BAD_USER_INPUT naming it, and a where nested too deep', async () => {
    const bad = await app.graphql(`{ organizationsAggregate(groupBy: [{ field: "colour" }]) { totalCount } }`);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'groupBy.0.field' });
    let deep: Record<string, unknown> = { name: { eq: 'x' } };
    for (let i = 0; i < 14; i++) deep = { NOT: deep };
    const tooDeep = await app.graphql(`query($w: OrganizationWhere) { organizations(where: $w) { totalCount } }`, { w: deep });
    expect(tooDeep.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('pages through the relationships of an entity, each page with its own cursor and the total, also nested in a list', async () => {
    const page = (after: string | null) =>
      app.graphql<any>(`query($after: String) { entity(id: "forum-2025-04-23-tokyo") { relationsConnection(first: 4, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id type node { id } } } } } }`, { after });
    const all = await app.graphql<any>(`{ entity(id: "forum-2025-04-23-tokyo") { relations(first: 1000) { id } } }`);
    const expected = all.data.entity.relations.map((r: { id: string }) => r.id);
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 50; i++) {
      app.queries.length = 0;
      const { data, errors } = await page(after);
      expect(errors).toBeUndefined();
      expect(app.queries).toHaveLength(1);
      const connection = data.entity.relationsConnection;
      expect(connection.totalCount).toBe(expected.length);
      seen.push(...connection.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
    expect(expected.length).toBeGreaterThan(8);
    const nested = await app.graphql<any>(`{ organizations(first: 3) { nodes { id relationsConnection(first: 2, types: [PARTICIPATED_IN]) { totalCount edges { node { node { id } } } } } } }`);
    expect(nested.errors).toBeUndefined();
    for (const org of nested.data.organizations.nodes) expect(org.relationsConnection.edges.length).toBeLessThanOrEqual(2);
  });
});
