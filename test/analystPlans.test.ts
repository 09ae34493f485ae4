import fc from 'fast-check';
import type { EntityLabel } from '../src/domain/model';
import { readAggregate } from '../src/modules/aggregate/resolvers';
import { readGroups } from '../src/modules/aggregate/repository';
import { AnchorChooser } from '../src/modules/list/graphCounts';
import { compileAggregate, type GroupKey } from '../src/translate/aggregate';
import { anchorCandidates, describeAnchor, type Anchor } from '../src/translate/anchor';
import { compileListPage } from '../src/translate/roots';
import { startTestApp, type TestApp } from './support/harness';

// Selective anchors and the hop-side grouped aggregate change where a query
// starts, never what it answers: every anchor a `where` allows gives the same
// page and total as the label scan, and the hop-side plan the same groups as the
// one-pass plan, on the real Neo4j with the ecosystem seed.

type Where = Record<string, unknown>;

/** The analyst questions of test/analystQueries.test.ts and test/readApi.test.ts that have a relationship condition to start from. */
const ANALYST_CASES: [EntityLabel, Where][] = [
  ['Organization', { technologies: { some: { modalities: { some: { id: { eq: 'modality-ipsc' } } } } } }],
  ['Organization', { OR: [{ countryCode: { eq: 'TW' }, kind: { eq: 'COMPANY' } }, { countryCode: { eq: 'JP' }, kind: { eq: 'PHARMA' } }], technologies: { some: { modalities: { some: { id: { in: ['modality-ipsc', 'modality-msc', 'modality-exosome'] } } } } } }],
  ['Organization', { events: { some: { event: { id: { eq: 'forum-2025-04-23-tokyo' } } } }, countryCode: { eq: 'JP' }, kind: { eq: 'INVESTOR' } }],
  ['Organization', { modalities: { some: { id: { eq: 'modality-exosome' } } }, NOT: { kind: { eq: 'PHARMA' } } }],
  ['Technology', { modalities: { some: { id: { eq: 'modality-exosome' } } }, developers: { some: { countryCode: { eq: 'TW' } } } }],
  ['Organization', { AND: [{ technologies: { some: { name: { contains: 'cell' }, modalities: { some: { id: { in: ['modality-ipsc', 'modality-msc'] } } } } } }, { countryCode: { in: ['TW', 'JP'] } }] }],
];

describe('selective anchors and the hop-side aggregate answer as the plain plans do', () => {
  let app: TestApp;
  const PLAN = (label: EntityLabel) => ({ labels: [label], properties: ['id', 'name'], fields: [] });

  /** Every match's id in order, and the total, for one plan. */
  async function list(label: EntityLabel, where: Where, anchor: Anchor | null) {
    const query = compileListPage({ label, where, lucene: null, sort: [{ field: 'NAME' }], after: null, limit: 1001, withTotalCount: true, plan: PLAN(label), anchor });
    const [row] = await app.executor.read<{ page: { entity: { props: { id: string } } }[]; totalCount: number }>(query, query.params);
    return { ids: row!.page.map((r) => r.entity.props.id), total: row!.totalCount };
  }

  /** The label scan's answer, and each anchor's the `where` allows; all equal. */
  async function expectEveryAnchorAgrees(label: EntityLabel, where: Where): Promise<number> {
    const plain = await list(label, where, null);
    const candidates = anchorCandidates(label, where);
    for (const c of candidates) {
      const anchor = { hops: c.hops, rest: c.rest, estimate: 0 };
      expect({ anchor: describeAnchor(label, anchor), ...(await list(label, where, anchor)) }).toEqual({ anchor: describeAnchor(label, anchor), ...plain });
    }
    return candidates.length;
  }

  beforeAll(async () => {
    app = await startTestApp({ ecosystem: true, queryTimeoutMs: 60_000 });
  }, 300_000);
  afterAll(async () => {
    await app?.close();
  });

  it.each(ANALYST_CASES)('gives the same page and total from every anchor of a %s list as from the label scan: %j', async (label, where) => {
    expect(await expectEveryAnchorAgrees(label, where)).toBeGreaterThan(0);
  });

  it('chooses the anchor from the count store: a chain to one modality is cheaper than scanning organizations, none is taken under OR', async () => {
    const chooser = new AnchorChooser(app.executor, { current: async () => 'test' });
    const anchor = await chooser.choose('Organization', ANALYST_CASES[0]![1]);
    expect(anchor && describeAnchor('Organization', anchor)).toMatch(/^Organization -DEVELOPS-> Technology -USES_MODALITY-> Modality \(~\d+ rows\)$/);
    expect(await chooser.choose('Organization', { OR: [ANALYST_CASES[0]![1], { countryCode: { eq: 'TW' } }] })).toBeNull();
    expect(await new AnchorChooser(app.executor, { current: async () => 'test' }, false).choose('Organization', ANALYST_CASES[0]![1])).toBeNull();
  });

  it('holds for generated where-trees: every anchor gives the label scan answer', async () => {
    const modalities = ['modality-ipsc', 'modality-msc', 'modality-exosome', 'modality-nk-cells'];
    const ids = fc.subarray(modalities, { minLength: 1 });
    const leaf: fc.Arbitrary<Where> = fc.oneof(
      fc.constantFrom('TW', 'JP', 'US').map((c) => ({ countryCode: { eq: c } })),
      fc.subarray(['COMPANY', 'PHARMA', 'CDMO', 'RESEARCH_INSTITUTE', 'INVESTOR'], { minLength: 1 }).map((ks) => ({ kind: { in: ks } })),
      fc.constantFrom('a', 'bio', 'cell').map((s) => ({ name: { contains: s } })),
      fc.integer({ min: 0, max: 2 }).map((n) => ({ technologies: { count: { gt: n } } })),
    );
    const tree: fc.Arbitrary<Where> = fc.letrec<{ node: Where }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', maxDepth: 2 },
        leaf,
        fc.tuple(tie('node'), tie('node')).map(([a, b]) => ({ OR: [a, b] })),
        fc.tuple(tie('node'), tie('node')).map(([a, b]) => ({ AND: [a, b] })),
        tie('node').map((a) => ({ NOT: a })),
      ),
    })).node;
    const chain: fc.Arbitrary<Where> = fc.oneof(
      ids.map((m) => ({ technologies: { some: { modalities: { some: { id: { in: m } } } } } })),
      fc.tuple(ids, fc.constantFrom('a', 'cell')).map(([m, s]) => ({ technologies: { some: { name: { contains: s }, modalities: { some: { id: { in: m } } } } } })),
      ids.map((m) => ({ modalities: { some: { id: { in: m } } } })),
      fc.constant({ events: { some: { event: { id: { eq: 'forum-2025-04-23-tokyo' } } } } }),
    );
    await fc.assert(
      fc.asyncProperty(chain, fc.option(tree, { nil: undefined }), fc.boolean(), async (anchorable, rest, nested) => {
        const where = rest === undefined ? anchorable : nested ? { AND: [rest, anchorable] } : { ...rest, ...anchorable };
        expect(await expectEveryAnchorAgrees('Organization', where)).toBeGreaterThan(0);
      }),
      { numRuns: 30, seed: 20261206 },
    );
  }, 300_000);

  const GROUPINGS: [EntityLabel, GroupKey[], Where | null][] = [
    ['Organization', [{ field: 'countryCode' }, { via: 'modalities', field: 'id' }], null],
    ['Organization', [{ via: 'modalities', field: 'id' }, { field: 'kind' }], { countryCode: { in: ['TW', 'JP'] } }],
    ['Organization', [{ via: 'technologies', field: 'id' }], null],
    ['Technology', [{ field: 'kind' }, { via: 'modalities', field: 'id' }], { modalities: { some: { id: { eq: 'modality-exosome' } } } }],
    ['Agreement', [{ field: 'kind' }, { via: 'territory', field: 'id' }], null],
  ];

  it.each(GROUPINGS)('groups %s by %j (where %j) across a hop from the hop side exactly as the one-pass plan does', async (label, groupBy, where) => {
    const run = async (plan: 'auto' | 'scan') => {
      const query = compileAggregate({ label, where, groupBy, measures: {}, first: 1000, plan });
      return readGroups(app.executor, query);
    };
    const [hop, scan] = [await run('auto'), await run('scan')];
    expect(compileAggregate({ label, where, groupBy, measures: {}, first: 1000 }).text).toContain('collect(DISTINCT id(n)) AS ns');
    expect(hop).toEqual(scan);
    expect(scan!.groups.length).toBeGreaterThan(0);
  });

  it('groups organizations without a country (a null own key), a where that matches nothing and a cut list as the one-pass plan does', async () => {
    const byCountryAndModality: GroupKey[] = [{ field: 'countryCode' }, { via: 'modalities', field: 'id' }];
    const noCountry = async () => {
      const all = await readGroups<{ key: unknown[]; count: number }>(app.executor, compileAggregate({ label: 'Organization', where: null, groupBy: byCountryAndModality, measures: {}, first: 1000 }));
      const count = (modality: string | null) => all!.groups.find((g) => g.key[0] === null && g.key[1] === modality)?.count ?? 0;
      return [count('modality-exosome'), count(null)];
    };
    const before = await noCountry();
    // Two more organizations with no country: one works with a modality, one with none; null keys group as one.
    await app.driver.executeQuery(
      `MATCH (m:Modality {id: 'modality-exosome'})
       CREATE (a:Entity:Organization {id: 'test-no-country-a', name: 'No Country A', kind: 'COMPANY'})-[:USES_MODALITY {id: 'test-no-country-a-uses'}]->(m)
       CREATE (:Entity:Organization {id: 'test-no-country-b', name: 'No Country B', kind: 'COMPANY'})`,
    );
    try {
      const cases: [GroupKey[], Where | null, number][] = [
        [byCountryAndModality, null, 1000],
        [byCountryAndModality, null, 3],
        [byCountryAndModality, { name: { eq: 'no such organization' } }, 1000],
        [[{ field: 'countryCode' }, { field: 'kind' }, { via: 'modalities', field: 'id' }], { kind: { eq: 'COMPANY' } }, 1000],
      ];
      for (const [groupBy, where, first] of cases) {
        const [hop, scan] = await Promise.all(
          (['auto', 'scan'] as const).map((plan) => readGroups<{ key: unknown[]; count: number }>(app.executor, compileAggregate({ label: 'Organization', where, groupBy, measures: {}, first, plan }))),
        );
        expect({ groupBy, where, first, ...hop }).toEqual({ groupBy, where, first, ...scan });
      }
      expect(await noCountry()).toEqual([before[0]! + 1, before[1]! + 1]);
    } finally {
      await app.driver.executeQuery(`MATCH (n:Organization) WHERE n.id STARTS WITH 'test-no-country-' DETACH DELETE n`);
    }
  });

  it('answers the bench grouped aggregate through the API as through the one-pass plan, with its total', async () => {
    const args = { groupBy: [{ field: 'countryCode' }, { via: 'modalities', field: 'id' }], first: 100 };
    const viaApi = await readAggregate(app.executor, 'Organization', args);
    const scan = await readGroups<{ key: unknown[]; count: number }>(app.executor, compileAggregate({ label: 'Organization', where: null, groupBy: args.groupBy, measures: {}, first: 100, plan: 'scan' }));
    expect(viaApi.groups).toEqual(scan!.groups.slice(0, 100));
    expect(viaApi.totalCount).toBe(scan!.totalCount);
  });
});
