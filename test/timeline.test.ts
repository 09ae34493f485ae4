import { useEcosystemApp } from './support/harness';

/**
 * Timelines over HTTP, on the ecosystem seed: an entity's timeline states each
 * fact once with every page behind it, and the timeline across entities lists
 * the dated facts of the entities a filter chooses, in date order, a page at a
 * time, refusing arguments it cannot answer with a code and the argument.
 */

const app = useEcosystemApp();

interface Entry {
  date: string;
  property: string;
  description: string;
  entity: { id: string; name: string; type: string; countryCode?: string | null };
  sources: { source: { id: string } }[];
}
interface Page {
  timeline: { totalCount: number; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null }; edges: { cursor: string; node: Entry }[] };
}

const ACROSS = `query($types: [EntityType!], $countries: [String!], $from: Date, $to: Date, $first: Int, $after: String, $lang: Language) {
  timeline(types: $types, countries: $countries, from: $from, to: $to, first: $first, after: $after, lang: $lang) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { date property description entity { id name type ... on Policy { countryCode } } sources { source { id } } } }
  }
}`;

async function ok<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await app().graphql<T>(query, variables);
  expect(response.errors).toBeUndefined();
  return response.data!;
}

async function refused(variables: Record<string, unknown>): Promise<{ code: unknown; field: unknown; message: string }> {
  const response = await app().graphql(ACROSS, variables);
  expect(response.data?.timeline ?? null).toBeNull();
  const error = response.errors![0]!;
  return { code: error.extensions?.code, field: error.extensions?.field, message: error.message };
}

describe('an entity timeline', () => {
  it('says once that the Regenerative Medicine Act itself took effect on 2026-01-01, with the pages of its property and of both claims that state it', async () => {
    const data = await ok<{ entity: { timeline: { date: string; property: string; related: { id: string } | null; sources: { source: { id: string } }[] }[] } }>(
      '{ entity(id: "policy-tw-regenerative-medicine-act") { timeline { date property related { id } sources { source { id } } } } }',
    );
    // The act's own date; the Executive Yuan setting it and the sister act taking effect are other facts, each once.
    const onThatDay = data.entity.timeline.filter((t) => t.date === '2026-01-01' && t.property === 'effectiveOn');
    expect(onThatDay.map((t) => t.related?.id ?? null)).toEqual([...new Set(onThatDay.map((t) => t.related?.id ?? null))]);
    const tookEffect = onThatDay.filter((t) => t.related === null);
    expect(tookEffect).toHaveLength(1);
    const pages = tookEffect[0]!.sources.map((s) => s.source.id);
    expect(pages).toEqual(expect.arrayContaining(['chinaleaven-7564', 'leeandli-7564', 'gbimonthly-83053']));
    expect(new Set(pages).size).toBe(pages.length);
  });

  it('keeps no two entries of the same date, property and relationship on any policy', async () => {
    const data = await ok<{ policies: { nodes: { id: string; timeline: { date: string; property: string; relationshipType: string | null; related: { id: string } | null }[] }[] } }>(
      '{ policies(first: 100) { nodes { id timeline { date property relationshipType related { id } } } } }',
    );
    for (const policy of data.policies.nodes) {
      const keys = policy.timeline.map((t) => JSON.stringify([t.date, t.property, t.relationshipType, t.related?.id ?? null]));
      expect({ id: policy.id, keys: new Set(keys).size }).toEqual({ id: policy.id, keys: keys.length });
    }
  });
});

describe('the timeline across entities', () => {
  it("lists Taiwan's laws and policies in date order, every entry a Taiwanese policy with its sources", async () => {
    const data = await ok<Page>(ACROSS, { types: ['POLICY'], countries: ['TW'], first: 200 });
    const entries = data.timeline.edges.map((e) => e.node);
    expect(entries.length).toBe(data.timeline.totalCount);
    expect(entries.length).toBeGreaterThan(5);
    expect(entries.map((e) => e.date)).toEqual([...entries.map((e) => e.date)].sort());
    for (const entry of entries) {
      expect(entry.entity).toMatchObject({ type: 'POLICY', countryCode: 'TW' });
      expect(entry.sources.length).toBeGreaterThan(0);
    }
    const act = entries.filter((e) => e.entity.id === 'policy-tw-regenerative-medicine-act');
    expect(act.map((e) => [e.date, e.property])).toEqual(expect.arrayContaining([['2024-06-19', 'promulgatedOn'], ['2026-01-01', 'effectiveOn']]));
    expect(act.filter((e) => e.date === '2026-01-01' && e.property === 'effectiveOn')).toHaveLength(1);
  });

  it('reads the same entries a page at a time as in one page, each page going on from the cursor', async () => {
    const whole = await ok<Page>(ACROSS, { types: ['POLICY'], countries: ['TW'], first: 200 });
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: Page = await ok<Page>(ACROSS, { types: ['POLICY'], countries: ['TW'], first: 4, after });
      expect(page.timeline.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(page.timeline.totalCount).toBe(whole.timeline.totalCount);
      seen.push(...page.timeline.edges.map((e) => e.cursor));
      after = page.timeline.pageInfo.hasNextPage ? page.timeline.pageInfo.endCursor : null;
      pages += 1;
    } while (after && pages < 100);
    expect(seen).toEqual(whole.timeline.edges.map((e) => e.cursor));
    expect(pages).toBe(Math.ceil(whole.timeline.totalCount / 4));
  });

  it('keeps the dates between from and to, a date stated as a year counting for every day of it', async () => {
    const data = await ok<Page>(ACROSS, { types: ['POLICY'], from: '2026', to: '2026-01', first: 200 });
    const dates = data.timeline.edges.map((e) => e.node.date);
    expect(dates.length).toBeGreaterThan(0);
    for (const date of dates) expect(date === '2026' || date.startsWith('2026-01')).toBe(true);
    expect(dates).toContain('2026-01-01');
  });

  it('words the descriptions in the language asked for', async () => {
    const data = await ok<Page>(ACROSS, { types: ['POLICY'], countries: ['TW'], from: '2026-01-01', to: '2026-01-01', first: 5, lang: 'JA' });
    expect(data.timeline.edges.length).toBeGreaterThan(0);
    for (const edge of data.timeline.edges) expect(edge.node.description).toMatch(/[。：]/);
  });

  it('refuses a country that is not a code, a page size out of range, an end before the start and a foreign cursor, naming the argument', async () => {
    expect(await refused({ countries: ['Taiwan'] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'countries.0' });
    expect(await refused({ first: 0 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(await refused({ first: 201 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(await refused({ from: '2025', to: '2024-12' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    expect(await refused({ after: 'not-a-cursor' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('refuses a date that is not a stated date before reading anything', async () => {
    const response = await app().graphql(ACROSS, { from: 'next year' });
    expect(response.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.message).toMatch(/YYYY-MM-DD/);
  });

  it('refuses a timeline over more entities than it orders at once, rather than answer with a part of it', async () => {
    const session = app().driver.session();
    try {
      await session.run("UNWIND range(1, 5001) AS i CREATE (:Entity:Event {id: 'many-events-' + i, name: 'Event ' + i, startedOn: '2030'})");
      expect(await refused({ types: ['EVENT'] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'types', message: expect.stringMatching(/more than 5000 entities .* narrow the timeline/) });
    } finally {
      await session.run("MATCH (e:Event) WHERE e.id STARTS WITH 'many-events-' DETACH DELETE e");
      await session.close();
    }
  });
});
