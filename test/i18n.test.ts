import { startTestApp, type TestApp } from './support/harness';
import { applyMigrations } from '../src/db/migrations';
import { backfillNameLanguages, migrateGraph } from '../src/ingest/migrateGraph';

/**
 * Three languages over HTTP against the seeded graph (#31): names with their
 * language tags and the fallback chain, explanations of one path in English,
 * Japanese and Chinese, Accept-Language as the request's default with Vary and
 * per-language ETags, search across scripts, and CSV that Excel opens.
 */

let app: TestApp;
beforeAll(async () => {
  // The machine is shared: a generous query timeout, so a busy moment does not fail the load.
  // The result cache on, as in production: an answer kept for one language must never reach a reader of another.
  app = await startTestApp({ ecosystem: true, queryTimeoutMs: 60_000, config: { RESULT_CACHE_MAX_MB: 16 } });
}, 600_000);
afterAll(async () => {
  await app?.close();
});

async function ok<T>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<T> {
  const response = await app.graphql<T>(query, variables, headers);
  expect(response.errors).toBeUndefined();
  return response.data!;
}

/** Apollo answers a GET only with a header a browser form cannot send (CSRF prevention). */
const PREFLIGHT = { 'apollo-require-preflight': 'true' };

const PATH = `query($lang: Language) {
  partnershipPaths(from: "metatech", to: "cellseed", maxHops: 2, first: 1) {
    explanation(lang: $lang)
    hops { type explanation(lang: $lang) }
  }
}`;

describe('names carry their language', () => {
  it('lists every name of MetaTech with the language its pages write it in', async () => {
    const data = await ok<{ entity: { names: { value: string; language: string }[] } }>('{ entity(id: "metatech") { names { value language } } }');
    expect(data.entity.names[0]).toEqual({ value: 'MetaTech (AP) Inc.', language: 'EN' });
    expect(data.entity.names).toEqual(
      expect.arrayContaining([
        { value: 'メタテック', language: 'JA' },
        { value: '三顧股份有限公司', language: 'ZH_HANT' },
        { value: '三顧', language: 'UND' },
        { value: 'MetaTech', language: 'EN' },
      ]),
    );
  });

  it('falls back from the requested language to English, then to the canonical name', async () => {
    const data = await ok<Record<string, { en: string; ja: string; zh: string; canonicalName: string }>>(`{
      metatech: entity(id: "metatech") { en: name(lang: EN) ja: name(lang: JA) zh: name(lang: ZH_HANT) canonicalName }
      bpipo: entity(id: "bpipo") { en: name(lang: EN) ja: name(lang: JA) zh: name(lang: ZH_HANT) canonicalName }
      pell: entity(id: "pell-bio-med") { en: name(lang: EN) ja: name(lang: JA) zh: name(lang: ZH_HANT) canonicalName }
      hu: entity(id: "hu-li-san") { en: name(lang: EN) ja: name(lang: JA) zh: name(lang: ZH_HANT) canonicalName }
    }`);
    // Every language has a name of its own.
    expect(data.metatech).toEqual({ en: 'MetaTech (AP) Inc.', ja: 'メタテック', zh: '三顧股份有限公司', canonicalName: 'MetaTech (AP) Inc.' });
    // No Japanese name: Japanese readers get the English one.
    expect(data.bpipo!.ja).toBe('Biotechnology and Pharmaceutical Industries Promotion Office');
    expect(data.bpipo!.zh).toBe('經濟部生技醫藥產業發展推動小組');
    // A Chinese canonical name with an English alias: English and Japanese readers get the alias.
    expect(data.pell).toEqual({ en: 'Pell Bio-Med', ja: 'Pell Bio-Med', zh: '沛爾生醫', canonicalName: '沛爾生醫' });
    // No name in any language but the canonical one (its language undetermined): everyone gets it.
    expect(data.hu).toEqual({ en: '胡立三', ja: '胡立三', zh: '胡立三', canonicalName: '胡立三' });
  });
});

describe('cached answers', () => {
  it("keeps answers apart by the reader's language: a Japanese reader of a list gets the Japanese name, not the English answer the result cache kept before", async () => {
    const METATECH = `query MetaTech { organizations(where: { id: { eq: "metatech" } }) { nodes { name } } }`;
    expect((await app.graphql<any>(METATECH)).data.organizations.nodes).toEqual([{ name: 'MetaTech (AP) Inc.' }]);
    expect((await app.graphql<any>(METATECH)).data.organizations.nodes).toEqual([{ name: 'MetaTech (AP) Inc.' }]);
    expect((await app.graphql<any>(METATECH, undefined, { 'accept-language': 'ja' })).data.organizations.nodes).toEqual([{ name: 'メタテック' }]);
    expect((await app.graphql<any>(METATECH, undefined, { 'accept-language': 'zh-TW' })).data.organizations.nodes).toEqual([{ name: '三顧股份有限公司' }]);
  });
});

describe('one path explained in three languages', () => {
  it.each([
    ['EN', 'en'],
    ['JA', 'ja'],
    ['ZH_HANT', 'zh-Hant'],
  ])('explains the path between MetaTech and CellSeed in %s', async (lang) => {
    const data = await ok<{ partnershipPaths: { explanation: string; hops: { type: string; explanation: string }[] }[] }>(PATH, { lang });
    const [path] = data.partnershipPaths;
    expect(path).toBeDefined();
    console.log(`${lang}: ${path!.explanation}`);
    expect(path!.explanation).toMatchSnapshot();
    if (lang !== 'EN') expect(path!.explanation).toMatch(/。$/);
  });

  it('reads the licence in each language as the model words it', async () => {
    // The licence is one of the two-hop paths (the joint venture, above, is the first).
    const LICENCE = 'query($lang: Language) { partnershipPaths(from: "metatech", to: "cellseed", maxHops: 2, first: 10) { explanation(lang: $lang) en: explanation(lang: EN) } }';
    const texts = await Promise.all(['EN', 'JA', 'ZH_HANT'].map((lang) => ok<{ partnershipPaths: { explanation: string; en: string }[] }>(LICENCE, { lang })));
    const [en, ja, zh] = texts.map((t) => t.partnershipPaths.find((p) => p.en.includes('licence'))!.explanation);
    console.log([en, ja, zh].join('\n'));
    expect(en).toBe('MetaTech (AP) Inc. is the licensee in CellSeed–MetaTech cell-sheet licence (exclusive, TW). CellSeed–MetaTech cell-sheet licence (exclusive, TW) has CellSeed Inc. as its licensor.');
    expect(ja).toBe('メタテックはCellSeed–MetaTech cell-sheet licence（独占的、台湾）のライセンシーである。CellSeed–MetaTech cell-sheet licence（独占的、台湾）は株式会社セルシードをライセンサーとする。');
    expect(zh).toBe('三顧股份有限公司為CellSeed–MetaTech cell-sheet licence（獨家，臺灣）之被授權方。CellSeed–MetaTech cell-sheet licence（獨家，臺灣）以CellSeed Inc.為授權方。');
  });
});

describe('the request language', () => {
  it('comes from Accept-Language when a field has no lang, on POST and GET', async () => {
    const query = '{ entity(id: "metatech") { name } partnershipPaths(from: "metatech", to: "cellseed", maxHops: 2, first: 1) { explanation } }';
    const ja = await ok<{ entity: { name: string }; partnershipPaths: { explanation: string }[] }>(query, undefined, { 'accept-language': 'ja-JP,ja;q=0.9,en;q=0.8' });
    expect(ja.entity.name).toBe('メタテック');
    expect(ja.partnershipPaths[0]!.explanation).toMatch(/である。/);
    const zh = await fetch(`${app.url}/graphql?query=${encodeURIComponent(query)}`, { headers: { ...PREFLIGHT, 'accept-language': 'zh-TW,zh;q=0.9' } });
    expect(((await zh.json()) as { data: { entity: { name: string } } }).data.entity.name).toBe('三顧股份有限公司');
    const none = await ok<{ entity: { name: string } }>(query);
    expect(none.entity.name).toBe('MetaTech (AP) Inc.');
    // An explicit lang wins over the header.
    const explicit = await ok<{ entity: { name: string } }>('{ entity(id: "metatech") { name(lang: EN) } }', undefined, { 'accept-language': 'ja' });
    expect(explicit.entity.name).toBe('MetaTech (AP) Inc.');
  });

  it('is named in Vary, and a cached GET answer is kept per language (its ETag differs)', async () => {
    const url = `${app.url}/graphql?query=${encodeURIComponent('{ entity(id: "cellseed") { name } }')}`;
    const ja = await fetch(url, { headers: { ...PREFLIGHT, 'accept-language': 'ja' } });
    const zh = await fetch(url, { headers: { ...PREFLIGHT, 'accept-language': 'zh-Hant' } });
    for (const response of [ja, zh]) expect(response.headers.get('vary')?.toLowerCase()).toContain('accept-language');
    const jaTag = ja.headers.get('etag');
    expect(jaTag).toBeTruthy();
    expect(zh.headers.get('etag')).not.toBe(jaTag);
    // Revalidating the Japanese answer in Japanese: 304; asking in Chinese with the Japanese ETag: the Chinese answer.
    expect((await fetch(url, { headers: { ...PREFLIGHT, 'accept-language': 'ja', 'if-none-match': jaTag! } })).status).toBe(304);
    const other = await fetch(url, { headers: { ...PREFLIGHT, 'accept-language': 'zh-TW', 'if-none-match': jaTag! } });
    expect(other.status).toBe(200);
    expect(((await other.json()) as { data: { entity: { name: string } } }).data.entity.name).toBe('CellSeed Inc.');
    expect(other.headers.get('etag')).toBe(zh.headers.get('etag'));
    const post = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ about { version } }' }) });
    expect(post.headers.get('vary')?.toLowerCase()).toContain('accept-language');
  });

  it('words relationship phrases and timeline entries in it', async () => {
    const data = await ok<{ entity: { relations: { type: string; phrase: string; en: string }[]; timeline: { ja: string; zh: string; en: string }[] } }>(
      '{ entity(id: "cellseed") { relations(types: [PARTY_TO], direction: OUTGOING) { type phrase en: phrase(lang: EN) } timeline { ja: description zh: description(lang: ZH_HANT) en: description(lang: EN) } } }',
      undefined,
      { 'accept-language': 'ja' },
    );
    expect(data.entity.relations[0]).toMatchObject({ type: 'PARTY_TO', phrase: '…の当事者である', en: 'is a party to' });
    expect(data.entity.timeline.length).toBeGreaterThan(0);
    for (const entry of data.entity.timeline) {
      expect(entry.ja).toMatch(/。$/);
      expect(entry.zh).toMatch(/。$/);
      expect(entry.en).toMatch(/\.$/);
    }
  });
});

describe('search across scripts', () => {
  const SEARCH = 'query($q: String!) { search(query: $q, first: 5) { entity { id } matchedName { value language } } }';
  type Hits = { search: { entity: { id: string }; matchedName: { value: string; language: string } | null }[] };

  it.each([
    ['セルシード', 'ja', 'cellseed', { value: '株式会社セルシード', language: 'JA' }],
    ['三顧', 'zh-TW', 'metatech', { value: '三顧', language: 'UND' }],
    ['MetaTech', 'en', 'metatech', { value: 'MetaTech', language: 'EN' }],
    ['メタテック', 'ja', 'metatech', { value: 'メタテック', language: 'JA' }],
  ])('finds %s (read in %s) as %s, saying which name matched', async (q, reader, id, matched) => {
    const data = await ok<Hits>(SEARCH, { q }, { 'accept-language': reader });
    expect(data.search[0]!.entity.id).toBe(id);
    expect(data.search[0]!.matchedName).toEqual(matched);
  });

  it('ranks a name in the reader\'s language first among equal matches, and shows the name in it that matched', async () => {
    const ja = await ok<Hits>(SEARCH, { q: '日立' }, { 'accept-language': 'ja' });
    const zh = await ok<Hits>(SEARCH, { q: '日立' }, { 'accept-language': 'zh-TW' });
    // The whole name first, whatever its language: Hitachi is 日立 on a Chinese page.
    for (const hits of [ja, zh]) expect(hits.search[0]).toEqual({ entity: { id: 'hitachi' }, matchedName: { value: '日立', language: 'ZH_HANT' } });
    // Then names that hold 日立: Japanese ones first for a Japanese reader, Chinese ones for a Chinese reader.
    expect(ja.search[1]!.matchedName?.language).toBe('JA');
    expect(zh.search[1]!.matchedName?.language).toBe('ZH_HANT');
    const thap = (hits: Hits) => hits.search.find((h) => h.entity.id === 'taiwan-hitachi-asia-pacific')?.matchedName;
    expect(thap(ja)).toEqual({ value: '台湾日立亜太', language: 'JA' });
    expect(thap(zh)).toEqual({ value: '台灣日立亞太', language: 'ZH_HANT' });
  });
});

describe('CSV exports Excel opens', () => {
  const where = encodeURIComponent(JSON.stringify({ id: { in: ['metatech', 'cellseed'] } }));

  it('start with a UTF-8 byte-order mark by default, and the Japanese and Chinese names round-trip byte for byte', async () => {
    const response = await fetch(`${app.url}/export/organizations.csv?where=${where}`);
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    expect(text.startsWith('\uFEFFid,name,')).toBe(true);
    for (const name of ['三顧股份有限公司', 'メタテック', '株式会社セルシード']) {
      expect(text).toContain(name);
      expect(bytes.includes(Buffer.from(name, 'utf8'))).toBe(true);
    }
  });

  it('come without it with ?bom=false, and refuse another value', async () => {
    const plain = Buffer.from(await (await fetch(`${app.url}/export/organizations.csv?bom=false&where=${where}`)).arrayBuffer());
    expect(plain.subarray(0, 3).toString('utf8')).toBe('id,');
    expect(plain.toString('utf8')).toContain('三顧股份有限公司');
    const aggregate = Buffer.from(await (await fetch(`${app.url}/export/aggregate/organizations.csv?groupBy=${encodeURIComponent('[{"field":"countryCode"}]')}`)).arrayBuffer());
    expect([...aggregate.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const bad = await fetch(`${app.url}/export/organizations.csv?bom=yes`);
    expect(bad.status).toBe(400);
  });

  it('still neutralise a cell a spreadsheet would run as a formula, after the BOM', async () => {
    const session = app.driver.session();
    try {
      await session.run("CREATE (:Entity:Organization {id: 'formula-org', name: '=HYPERLINK(\"http://x\")', description: '@SUM(1)', kind: 'COMPANY', aliases: ['+三顧', '-セルシード']})");
    } finally {
      await session.close();
    }
    const bytes = Buffer.from(await (await fetch(`${app.url}/export/organizations.csv?where=${encodeURIComponent('{"id":{"eq":"formula-org"}}')}`)).arrayBuffer());
    const text = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
    const row = text.split('\r\n')[1]!;
    expect(row).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(row).toContain("'@SUM(1)");
    expect(row).toContain("'+三顧 | -セルシード");
    expect(row).not.toMatch(/,=|,@|,\+/);
  });
});

describe('a graph loaded before names carried languages', () => {
  it('gets them from the backfill of migration 012, for the names its entities still hold', async () => {
    const session = app.driver.session();
    try {
      await session.run("MATCH (n:Entity {id: 'metatech'}) REMOVE n.namesEn, n.namesJa, n.namesZhHant");
      await session.run("MATCH (n:Entity {id: 'cellseed'}) SET n.aliases = ['CellSeed'] REMOVE n.namesEn, n.namesJa, n.namesZhHant");
      expect(await backfillNameLanguages(app.executor)).toBeGreaterThanOrEqual(2);
      const rows = await session.run("MATCH (n:Entity) WHERE n.id IN ['metatech', 'cellseed'] RETURN n.id AS id, n.namesJa AS ja, n.namesEn AS en ORDER BY id");
      const [cellseed, metatech] = rows.records.map((r) => ({ ja: r.get('ja') as string[] | null, en: r.get('en') as string[] | null }));
      expect(metatech!.ja).toEqual(['メタテック']);
      // 株式会社セルシード is no longer one of its names, so it gets no tag.
      expect(cellseed).toEqual({ ja: null, en: ['CellSeed Inc.', 'CellSeed'] });
    } finally {
      await session.close();
    }
  });

  it('is applied only by a caller that has the seed files: the database layer alone leaves it pending', async () => {
    const session = app.driver.session();
    try {
      await session.run("MATCH (m:Migration {id: '012_name_languages'}) DELETE m");
      await session.run("MATCH (n:Entity {id: 'metatech'}) REMOVE n.namesEn, n.namesJa, n.namesZhHant");
      const alone = await applyMigrations(app.executor);
      expect(alone.pending).toEqual(['012_name_languages']);
      const withFiles = await migrateGraph(app.executor);
      expect(withFiles.applied).toContain('012_name_languages');
      const rows = await session.run("MATCH (n:Entity {id: 'metatech'}) RETURN n.namesJa AS ja");
      expect(rows.records[0]!.get('ja')).toEqual(['メタテック']);
    } finally {
      await session.close();
    }
  });
});
