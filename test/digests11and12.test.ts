import { listEcosystemFiles, readEcosystemFile } from '../src/ingest/loadEcosystem';
import { relationshipId } from '../src/domain/properties';
import { useEcosystemApp } from './support/harness';

/**
 * Digests 11 (the 2024 Taiwan–Japan strategic cooperation forum) and 12 (Kobe's
 * FBRI, ACTO and their ties with Taiwan) served over HTTP, where their pages meet
 * the earlier ones: a role that changes hands across a date, a company merged
 * across names and digests, a title the pages disagree on, and a foundation found
 * by any of its names. Expected pages come from the seed files read on their own.
 */

const files = listEcosystemFiles().map((file) => readEcosystemFile(file));
const digest = (prefix: string) => files.find((f) => f.digest.includes(`/digests/${prefix}-`))!;
const pagesOf = (prefix: string) => new Set(digest(prefix).sources.map((s) => s.id));

const app = useEcosystemApp();

async function ok<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await app().graphql<T>(query, variables);
  expect(response.errors).toBeUndefined();
  return response.data!;
}

interface Cited {
  sources: { source: { id: string } }[];
}

describe('digest 11: the 2024 strategic cooperation forum', () => {
  it("answers who was Taiwan's health minister on a date: 邱泰源 at the forum, 石崇良 after the 2025 handover", async () => {
    const ministersAt = async (asOf: string) => {
      const data = await ok<{ entity: { people: ({ person: { id: string }; title: string | null } & Cited)[] } }>(
        'query($asOf: Date) { entity(id: "mohw") { ... on Organization { people(asOf: $asOf) { person { id } title sources { source { id } } } } } }',
        { asOf },
      );
      return data.entity.people.filter((p) => p.title?.startsWith('Minister'));
    };
    const atForum = await ministersAt('2024-06-06');
    expect(atForum.map((p) => p.person.id)).toEqual(['chiu-tai-yuan']);
    expect(atForum[0]!.sources.map((s) => s.source.id)).toEqual(expect.arrayContaining(['gbimonthly-68333', 'ltn-5161989']));
    const afterHandover = await ministersAt('2025-10-01');
    expect(afterHandover.map((p) => p.person.id)).toEqual(['shih-chung-liang']);
    expect(afterHandover[0]!.sources.map((s) => s.source.id)).toEqual(expect.arrayContaining(['ltn-5161989']));
  });

  it.each(['仲恩生醫', 'Steminent'])(
    'finds Steminent by %s as one company, stated by the ReproCELL pages of digest 02 and the Taiwanese pages of digest 11',
    async (name) => {
      const data = await ok<{ search: { entity: { id: string; aliases: string[] } & Cited }[] }>(
        'query($q: String!) { search(query: $q, first: 5) { entity { id aliases sources { source { id } } } } }',
        { q: name },
      );
      const steminent = data.search.find((h) => h.entity.id === 'steminent')?.entity;
      expect(steminent?.aliases).toEqual(expect.arrayContaining(['仲恩生醫', 'Steminent']));
      const pages = new Set(steminent!.sources.map((s) => s.source.id));
      expect([...pagesOf('02')].some((id) => pages.has(id))).toBe(true);
      const stated11 = digest('11').nodes.find((n) => n.id === 'steminent')!.citations.map((c) => c.source);
      expect([...pages]).toEqual(expect.arrayContaining(stated11));
    },
  );

  it('keeps the two spellings of CYTOPACX on one company, and both titles its chair is given, each with its page', async () => {
    for (const q of ['瑞福生醫', '福瑞生醫', 'CYTOPACX']) {
      const data = await ok<{ search: { entity: { id: string } }[] }>('query($q: String!) { search(query: $q, first: 3) { entity { id } } }', { q });
      expect({ q, top: data.search[0]?.entity.id }).toEqual({ q, top: 'cytopacx' });
    }
    const data = await ok<{ conflicts: { relationshipId: string | null; property: string; values: ({ value: string } & Cited)[] }[] }>(
      '{ conflicts(types: [PERSON], first: 500) { relationshipId property values { value sources { source { id } } } } }',
    );
    const chair = data.conflicts.find((c) => c.relationshipId === relationshipId({ type: 'HOLDS_ROLE', from: 'hsu-shu-hsing', to: 'cytopacx' }));
    expect(chair?.property).toBe('title');
    expect(Object.fromEntries(chair!.values.map((v) => [v.value, v.sources.map((s) => s.source.id)]))).toEqual({
      'Chair (董事長)': ['yahoo-tw-071431345'],
      'Chair and CEO (董事長暨執行長)': ['ltn-5248600'],
    });
  });

  it('answers an analyst: who co-organised the 2024 forum and who spoke there, on what', async () => {
    const data = await ok<{ entity: { startDate: string; coHosts: { id: string }[]; talks: { person: { id: string }; topic: string | null }[] } }>(
      '{ entity(id: "taiwan-japan-regen-strategic-forum-2024") { ... on Event { startDate coHosts { id } talks { person { id } topic } } } }',
    );
    expect(data.entity.startDate).toBe('2024-06-06');
    expect(data.entity.coHosts.map((o) => o.id).sort()).toEqual(['cytopacx', 'taipei-bioinnovation-park', 'taitra', 'trpma']);
    expect(data.entity.talks.map((t) => t.person.id).sort()).toEqual(['akihiro-shimosaka', 'atsushi-miyajima', 'chiu-tai-yuan', 'huang-chih-fang', 'shin-kawamata', 'takashi-hattori']);
  });
});

describe("digest 12: Kobe's FBRI, ACTO and Taiwan", () => {
  it("lists Shin Kawamata's title at FBRI as a conflict with every value and its page, from both digests", async () => {
    const data = await ok<{ conflicts: { relationshipId: string | null; property: string; other: { id: string } | null; values: ({ value: string } & Cited)[] }[] }>(
      '{ conflicts(types: [PERSON], first: 500) { relationshipId property other { id } values { value sources { source { id } } } } }',
    );
    const title = data.conflicts.find((c) => c.relationshipId === relationshipId({ type: 'HOLDS_ROLE', from: 'shin-kawamata', to: 'fbri' }));
    expect(title).toMatchObject({ property: 'title', other: { id: 'fbri' } });
    const stated = files.flatMap((f) => f.claims).filter((c) => typeof c.subject === 'object' && c.subject.from === 'shin-kawamata' && c.subject.to === 'fbri');
    expect(stated.length).toBeGreaterThanOrEqual(5);
    expect(title!.values.map((v) => v.value).sort()).toEqual(stated.map((c) => c.value).sort());
    const pages = new Set(title!.values.flatMap((v) => v.sources.map((s) => s.source.id)));
    expect(pages).toEqual(new Set(stated.flatMap((c) => c.citations.map((x) => x.source))));
    expect([...pages].filter((id) => pagesOf('11').has(id))).toEqual(['gbimonthly-68333']);
    expect([...pages].filter((id) => pagesOf('12').has(id)).length).toBe(4);
  });

  it.each(['神戸医療産業都市推進機構', '神戶生醫研究創新基金會', '先端医療振興財団', 'FBRI'])('finds FBRI by %s, one foundation cited by the pages of both digests', async (name) => {
    const data = await ok<{ search: { entity: { id: string } & Cited }[] }>('query($q: String!) { search(query: $q, first: 3) { entity { id sources { source { id } } } } }', { q: name });
    const fbri = data.search.find((h) => h.entity.id === 'fbri')?.entity;
    expect(fbri).toBeDefined();
    const pages = new Set(fbri!.sources.map((s) => s.source.id));
    expect(pages.has('gbimonthly-68333')).toBe(true);
    expect(pages.has('fbri-about-ja')).toBe(true);
  });

  it("keeps 劉越萍's title at the ministry as a series by page date, not a conflict", async () => {
    const data = await ok<{ entity: { relations: { node: { id: string }; claims: ({ value: string; asOf: string | null } & Cited)[] }[]; conflicts: { property: string }[] } }>(
      '{ entity(id: "liu-yueh-ping") { relations(types: [HOLDS_ROLE], direction: OUTGOING) { node { id } claims { value asOf sources { source { id } } } } conflicts { property } } }',
    );
    const role = data.entity.relations.find((r) => r.node.id === 'mohw');
    expect(role!.claims.map((c) => [c.asOf, c.sources.map((s) => s.source.id)])).toEqual(
      expect.arrayContaining([
        ['2022', ['gbimonthly-53290']],
        ['2024-04-26', ['taipeitimes-2024-04-26']],
      ]),
    );
    expect(role!.claims.every((c) => c.asOf !== null)).toBe(true);
    expect(data.entity.conflicts).toEqual([]);
  });

  it("answers an analyst: when did FBRI's Shin Kawamata appear in Taiwan, and at what", async () => {
    const data = await ok<{ entity: { timeline: { date: string; related: { id: string } | null }[] } }>('{ entity(id: "shin-kawamata") { timeline { date related { id } } } }');
    const inTaiwan = ['kawamata-taiwan-visit-2019-09', 'regenerative-medicine-stem-cell-automation-forum-2022', 'tbip-opening-2023', 'taiwan-japan-regen-strategic-forum-2024'];
    const seen = data.entity.timeline.filter((t) => t.related && inTaiwan.includes(t.related.id));
    expect(seen.map((t) => [t.date, t.related!.id])).toEqual([
      ['2019-09', 'kawamata-taiwan-visit-2019-09'],
      ['2022-11-04', 'regenerative-medicine-stem-cell-automation-forum-2022'],
      ['2023-03-30', 'tbip-opening-2023'],
      ['2024-06-06', 'taiwan-japan-regen-strategic-forum-2024'],
    ]);
  });
});
