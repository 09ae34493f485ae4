import { clearGraph, startTestApp, testTarget, type TestApp } from './support/harness';

// Lists sorted by name read their page in the name index's order, from the
// cursor's value (src/translate/roots.ts). These organizations share names
// across page boundaries, so every page must break ties by id exactly as the
// full order does, in both directions, and count the same total.

const ORGANIZATIONS = [
  { id: 'tie-a3', name: 'Alpha', country: 'JP', kind: 'COMPANY' },
  { id: 'tie-a1', name: 'Alpha', country: 'TW', kind: 'COMPANY' },
  { id: 'tie-a2', name: 'Alpha', country: 'JP', kind: 'PHARMA' },
  { id: 'tie-b2', name: 'Beta', country: 'TW', kind: 'COMPANY' },
  { id: 'tie-b4', name: 'Beta', country: 'JP', kind: 'COMPANY' },
  { id: 'tie-b1', name: 'Beta', country: 'US', kind: 'COMPANY' },
  { id: 'tie-b3', name: 'Beta', country: 'TW', kind: 'PHARMA' },
  { id: 'tie-c1', name: 'Gamma', country: 'JP', kind: 'COMPANY' },
  { id: 'tie-r1', name: 'Alpha', country: 'JP', kind: 'COMPANY', retracted: true },
];

const live = ORGANIZATIONS.filter((o) => !o.retracted);
const byNameThenId = (a: { name: string; id: string }, b: { name: string; id: string }) => (a.name === b.name ? (a.id < b.id ? -1 : 1) : a.name < b.name ? -1 : 1);

describe('a list sorted by name, read in the name index order', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ seed: false });
    await clearGraph(app.driver, testTarget().database);
    await app.driver.executeQuery('UNWIND $orgs AS o CREATE (n:Entity:Organization) SET n = o', { orgs: ORGANIZATIONS }, { database: testTarget().database });
  });
  afterAll(async () => {
    await app.close();
  });

  async function pageThrough(direction: 'ASC' | 'DESC', where: Record<string, unknown>): Promise<{ ids: string[]; totals: number[] }> {
    const ids: string[] = [];
    const totals: number[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res: any = await app.graphql(
        `query($direction: SortDirection, $where: OrganizationWhere, $after: String) {
          organizations(sort: [{ field: NAME, direction: $direction }], where: $where, first: 2, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        { direction, where, after },
      );
      expect(res.errors).toBeUndefined();
      ids.push(...res.data.organizations.edges.map((e: { node: { id: string } }) => e.node.id));
      totals.push(res.data.organizations.totalCount);
      if (!res.data.organizations.pageInfo.hasNextPage) break;
      after = res.data.organizations.pageInfo.endCursor;
    }
    return { ids, totals };
  }

  it('pages through names shared across page boundaries by name then id, in both orders, leaving out the retracted one', async () => {
    const ascending = live.slice().sort(byNameThenId).map((o) => o.id);
    const asc = await pageThrough('ASC', {});
    expect(asc.ids).toEqual(ascending);
    expect(new Set(asc.totals)).toEqual(new Set([live.length]));

    const desc = await pageThrough('DESC', {});
    expect(desc.ids).toEqual(ascending.slice().reverse());
    expect(new Set(desc.totals)).toEqual(new Set([live.length]));
  });

  it('counts and pages the same organizations under a country and kind filter', async () => {
    const matching = live.filter((o) => ['JP', 'TW'].includes(o.country) && o.kind === 'COMPANY').sort(byNameThenId).map((o) => o.id);
    const { ids, totals } = await pageThrough('ASC', { countryCode: { in: ['JP', 'TW'] }, kind: { in: ['COMPANY'] } });
    expect(ids).toEqual(matching);
    expect(new Set(totals)).toEqual(new Set([matching.length]));
  });
});
