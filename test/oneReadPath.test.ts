import { startTestApp, type TestApp } from './support/harness';
import { curatedOrganization } from './support/organizations';
import { mintToken, newJwtSecret } from './support/tokens';

/**
 * Every root field that returns entities reads them, with whatever the
 * selection asks of them at every depth, in one compiled query: the round trip
 * budgets below count the database calls the server made for one request.
 */

const secret = newJwtSecret();
const NESTED = `name ... on Organization { country { code } technologies { name modalities { name } } people { title person { name talks { event { name } } } } }`;

describe('one compiled read per root field', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ auth: { jwtSecret: secret }, queryTimeoutMs: 60_000 });
  });
  afterAll(async () => {
    await app.close();
  });

  /**
   * The names of the database calls one request made, in order, and its data.
   * A request that timed out is sent again: the path queries allow 10 s, which
   * planning them alone can take on a loaded machine (the plan is then cached).
   */
  async function queriesFor(query: string, headers: Record<string, string> = {}): Promise<{ names: string[]; data: any }> {
    let res;
    for (let attempt = 1; ; attempt++) {
      app.queries.length = 0;
      res = await app.graphql<any>(query, {}, headers);
      if (attempt === 3 || res.errors?.[0]?.extensions?.code !== 'QUERY_TIMEOUT') break;
    }
    expect(res.errors).toBeUndefined();
    return { names: app.queries.map((q) => q.name), data: res.data };
  }

  it('reads the entities of partnership paths, their hops and hubs with their relationship fields in one query after the search', async () => {
    const { names, data } = await queriesFor(`{ partnershipPaths(from: "duogenic-stemcells", to: "a-and-i-co-ltd", first: 3) {
      nodes { id } hops { from { id } node: to { id ${NESTED} } } hubs { entity { name } } } }`);
    expect(names).toEqual(['paths/search', 'compiled/partnershipPaths']);
    const ends = data.partnershipPaths.flatMap((p: any) => p.hops.map((h: any) => h.node));
    const aAndI = ends.find((e: any) => e.id === 'a-and-i-co-ltd');
    expect(aAndI.country).toEqual({ code: 'JP' });
    expect([aAndI.technologies, aAndI.people].every(Array.isArray)).toBe(true);
  });

  it('reads the brokers and the entities of their paths in one query after the search', async () => {
    const { names, data } = await queriesFor(`{ brokers(between: ["duogenic-stemcells", "a-and-i-co-ltd"], first: 3) {
      entity { ${NESTED} } paths { nodes { name } hops { to { ... on Organization { country { code } } } } } } }`);
    expect(names).toEqual(['paths/brokers', 'compiled/brokers']);
    expect(data.brokers.map((b: any) => b.entity.name)).toHaveLength(3);
    expect(data.brokers.find((b: any) => b.entity.country)?.entity.country.code).toMatch(/^[A-Z]{2}$/);
  });

  it('reads suggested partners and the neighbours they share in one query after the scoring', async () => {
    const { names, data } = await queriesFor(`{ suggestedPartners(id: "duogenic-stemcells", first: 3) {
      organization { ${NESTED} } reasons { shared { name relationsConnection(first: 2) { totalCount } } } } }`);
    expect(names).toEqual(['paths/suggestions', 'compiled/suggestedPartners']);
    expect(data.suggestedPartners.length).toBeGreaterThan(0);
    for (const s of data.suggestedPartners) expect(s.organization.country.code).toMatch(/^[A-Z]{2}$/);
  });

  it('reads a neighbourhood’s entities with their relationship fields in one query after the walk', async () => {
    const { names, data } = await queriesFor(`{ neighborhood(id: "hexun-bio", depth: 1, limit: 20) { nodes { id ${NESTED} } } }`);
    expect(names).toEqual(['paths/neighborhood', 'compiled/neighborhood']);
    expect(data.neighborhood.nodes.find((n: any) => n.id === 'hexun-bio').country.code).toBe('TW');
  });

  it('reads search hits with relationship pages and dated fields in the search query itself', async () => {
    const { names } = await queriesFor(`{ search(query: "Astellas", first: 5) { entity { ${NESTED}
      ... on Organization { dated: people(asOf: "2024-01-01") { title } } relationsConnection(first: 3) { totalCount edges { node { type } } } } } }`);
    expect(names).toEqual(['compiled/search']);
  });

  it('reads a list of organizations asking a page of relationships and roles as of a date in one query', async () => {
    const { names, data } = await queriesFor(`{ organizations(first: 20) { nodes { id
      relationsConnection(first: 3) { totalCount edges { node { type } } } people(asOf: "2024-01-01") { title } } } }`);
    expect(names).toEqual(['compiled/organizations']);
    expect(data.organizations.nodes).toHaveLength(20);
    expect(data.organizations.nodes.some((o: any) => o.relationsConnection.totalCount > 0)).toBe(true);
    const nested = await queriesFor(`{ organizations(first: 20) { nodes { people { person { relationsConnection(first: 2) { totalCount } } }
      agreements(asOf: "2025") { agreement { parties(asOf: "2025-06-01") { role } relations(asOf: "2025") { type } } } } } }`);
    expect(nested.names).toEqual(['compiled/organizations']);
  });

  it('reads the dashboard’s modalities with their relationship fields in one query beside the aggregates', async () => {
    const { names, data } = await queriesFor(`{ statistics { modalities { entity { name ... on Modality { organizations { name } } } } } }`);
    expect(names.filter((n) => n.startsWith('compiled/'))).toEqual(['compiled/statistics.modalities']);
    expect(data.statistics.modalities.some((m: any) => m.entity.organizations.length > 0)).toBe(true);
  });

  it('reads the entity of a mutation payload with its relationship fields in one query after the write', async () => {
    const editor = { authorization: `Bearer ${await mintToken(secret, 'alice@example.org', ['editor'])}` };
    const input = `{ type: ORGANIZATION, id: "one-read-org", name: "One Read Org", description: "Written by the round-trip test.", kind: "COMPANY", country: "TW",
      source: { id: "geneonline-2025-04-29-taiwan-japan-regen-forum" }, evidence: "Test evidence." }`;
    const { names, data } = await queriesFor(`mutation { upsertEntity(input: ${input}) { entity { ${NESTED} relationsConnection(first: 2) { totalCount } } } }`, editor);
    expect(names).toEqual(['curation/upsertEntity', 'compiled/upsertEntity']);
    expect(data.upsertEntity.entity).toMatchObject({ name: 'One Read Org', country: { code: 'TW' }, relationsConnection: { totalCount: 1 } });
  });

  it("reads an entity with a page of its history in one statement, page after page, each change with its source, answering as the changes list does", async () => {
    const editor = { authorization: `Bearer ${await mintToken(secret, 'alice@example.org', ['editor'])}` };
    const organization = curatedOrganization('history-page-org');
    for (const description of ['', 'First rewrite of the history test entity.', 'Second rewrite of the history test entity.', 'Third rewrite of the history test entity.']) {
      const input = description ? { ...organization, description } : organization;
      const written = await app.graphql('mutation($input: UpsertEntityInput!) { upsertEntity(input: $input) { created } }', { input }, editor);
      expect(written.errors).toBeUndefined();
    }
    const page = (first: number, after?: string) =>
      queriesFor(`{ entity(id: "history-page-org") { version history(first: ${first}${after ? `, after: "${after}"` : ''}) {
        edges { cursor node { targetId version created fields { field before after } change { id author summary before after source { id } } } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`);
    const whole = await page(4);
    expect(whole.names).toEqual(['compiled/entity']);
    const versions = whole.data.entity.history.edges.map((e: any) => e.node.version);
    expect(versions).toEqual([4, 3, 2, 1]);
    expect(whole.data.entity.history.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    expect(whole.data.entity.history.edges[0].node.change).toMatchObject({ source: { id: 'geneonline-2025-04-29-taiwan-japan-regen-forum' } });
    const first = await page(2);
    const second = await page(2, first.data.entity.history.pageInfo.endCursor);
    expect([first.names, second.names]).toEqual([['compiled/entity'], ['compiled/entity']]);
    expect([first.data.entity.history.pageInfo.hasNextPage, second.data.entity.history.pageInfo]).toEqual([true, expect.objectContaining({ hasNextPage: false, hasPreviousPage: true })]);
    expect([...first.data.entity.history.edges, ...second.data.entity.history.edges]).toEqual(whole.data.entity.history.edges);
    // Each change reads only the properties its selected fields need: the fields answer as the changes list (which reads all) does.
    const CHANGE = 'id kind status direct author reviewer reviewedAt appliedAt at summary note targetIds revertOf rebasedAt source { id title }';
    const inHistory = await queriesFor(`{ entity(id: "history-page-org") { history(first: 4) { edges { node { change { ${CHANGE} } } } } } }`);
    const listed = await queriesFor(`{ changes(entity: "history-page-org", first: 10) { edges { node { ${CHANGE} } } } }`);
    const changes = inHistory.data.entity.history.edges.map((e: any) => e.node.change);
    expect(changes).toHaveLength(4);
    for (const change of changes) expect(change).toEqual(listed.data.changes.edges.find((e: any) => e.node.id === change.id)?.node);
  });

  it("reads an entity's history and the changes feed with each change's source, no lookup of sources after", async () => {
    const editor = { authorization: `Bearer ${await mintToken(secret, 'alice@example.org', ['editor'])}` };
    const written = await app.graphql('mutation($input: UpsertEntityInput!) { upsertEntity(input: $input) { created } }', { input: curatedOrganization('history-source-org') }, editor);
    expect(written.errors).toBeUndefined();
    const history = await queriesFor(`{ entity(id: "history-source-org") { history(first: 5) { edges { node { change { source { id title } } } } } } }`);
    expect(history.names).toEqual(['compiled/entity']);
    expect(history.data.entity.history.edges[0].node.change.source).toMatchObject({ id: 'geneonline-2025-04-29-taiwan-japan-regen-forum', title: expect.stringMatching(/\S/) });
    const feed = await queriesFor(`{ changes(entity: "history-source-org", first: 5) { edges { node { source { id } } } } }`);
    expect(feed.names).toEqual(['changes/page']);
    expect(feed.data.changes.edges[0].node.source.id).toBe('geneonline-2025-04-29-taiwan-japan-regen-forum');
  });
});
