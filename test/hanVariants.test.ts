import { backfillSearchKeys } from '../src/db/migrations';
import { foldHanVariants, hanVariantCount } from '../src/domain/hanVariants';
import { foldName, normaliseName, searchAliasesOf } from '../src/domain/names';
import { lookupKeys, lookupKeysOf } from '../src/domain/nameKeys';
import { closeness } from '../src/entityResolution/likelyDuplicates';
import { startTestApp, type TestApp } from './support/harness';
import { mintToken, newJwtSecret } from './support/tokens';

// Japanese writes 楽, 医, 会, 台, 戸 where Traditional Chinese writes 樂, 醫, 會, 臺, 戶 and
// Simplified 乐, 医, 会, 台, 户. Search, the likely-duplicate check and the seed's
// cross-file check treat such spellings as one name: every name is folded to one
// form of each character (OpenCC's tables, src/domain/hanVariants.ts) before it is
// compared or indexed, and the names themselves are kept as written.

jest.setTimeout(180_000);

describe('folding Han variants', () => {
  it.each([
    ['臺北', '台北'],
    ['樂迦', '楽迦'],
    ['醫', '医'],
    ['會', '会'],
    ['戶', '戸'],
    ['戶', '户'],
    ['臺灣', '台湾'],
    ['幹細胞', '干细胞'],
  ])('folds %s and %s to one form', (a, b) => {
    expect(foldHanVariants(a)).toBe(foldHanVariants(b));
  });

  it('leaves Latin letters, kana and digits as they are, and folding twice is folding once', () => {
    expect(foldHanVariants('ReproCELL リプロセル 7729')).toBe('ReproCELL リプロセル 7729');
    for (const name of ['楽迦再生テクノロジー株式会社', '神戸医療産業都市推進機構', '台湾日立亜太', '卫生福利部']) {
      expect(foldHanVariants(foldHanVariants(name))).toBe(foldHanVariants(name));
    }
  });

  it('uses the maintained tables, thousands of characters, not a short hand-made list', () => {
    expect(hanVariantCount()).toBeGreaterThan(3000);
  });
});

describe('normaliseName on names from the digests', () => {
  it.each([
    // The same entity as the digests write it in Japan and in Taiwan.
    ['楽迦再生テクノロジー株式会社', '樂迦再生テクノロジー株式會社'],
    ['神戸医療産業都市推進機構', '神戶醫療產業都市推進機構'],
    ['台湾日立亜太', '台灣日立亞太'],
    ['日立神戸ラボ', '日立神戶ラボ'],
    ['世康開発', '世康開發'],
    ['台北生技園區', '臺北生技園區'],
    ['台灣細胞醫療協會', '臺灣細胞醫療協會'],
    ['國立交通大學', '国立交通大学'],
    ['衛生福利部', '卫生福利部'],
    ['ReproCELL Inc.', 'REPROCELL Inc'],
  ])('%s and %s share a key', (a, b) => {
    expect(normaliseName(a)).toBe(normaliseName(b));
    expect(closeness(a, b)).toBe('SAME_NAME');
  });

  it.each([
    ['名古屋大学', '名古屋市立大学'],
    ['新原生', '仲恩生醫'],
    ['再生醫療法', '再生醫療製劑條例'],
    ['國璽幹細胞', '國家生技研究園區'],
  ])('%s and %s stay apart', (a, b) => {
    expect(normaliseName(a)).not.toBe(normaliseName(b));
    expect(closeness(a, b)).toBeNull();
  });

  it('drops a legal form whichever script writes it', () => {
    expect(closeness('財団法人工業技術研究院', '工業技術研究院')).toBe('SAME_NAME_BUT_LEGAL_FORM');
    expect(closeness('仲恩生醫股份有限公司', '仲恩生医')).toBe('SAME_NAME_BUT_LEGAL_FORM');
  });
});

const secret = newJwtSecret();
const UPSERT = `mutation($input: UpsertEntityInput!) { upsertEntity(input: $input) { created entity { id name aliases } } }`;
const MERGE = `mutation($input: MergeEntitiesInput!) { mergeEntities(input: $input) { entity { id aliases } } }`;
const SEARCH = `query($q: String!) { search(query: $q, first: 5) { score entity { id name aliases } } }`;

function organization(id: string, name: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'ORGANIZATION',
    id,
    name,
    description: 'An organization a test writes.',
    kind: 'COMPANY',
    source: { new: { id: `${id}-page`, publisher: `Publisher ${id}`, title: `Page ${id}`, publishedOn: '2025-01-15' } },
    evidence: `The page ${id}-page names it.`,
    ...extra,
  };
}

describe('Han variants through the API', () => {
  let app: TestApp;
  let editor: Record<string, string>;
  let reviewer: Record<string, string>;

  beforeAll(async () => {
    app = await startTestApp({ ecosystem: true, auth: { jwtSecret: secret }, queryTimeoutMs: 60_000 });
    editor = { authorization: `Bearer ${await mintToken(secret, 'curator@example.org', ['editor'])}` };
    reviewer = { authorization: `Bearer ${await mintToken(secret, 'reviewer@example.org', ['reviewer'])}` };
  });
  afterAll(async () => {
    await app.close();
  });

  async function given(input: Record<string, unknown>): Promise<void> {
    const { errors } = await app.graphql<any>(UPSERT, { input }, editor);
    expect(errors).toBeUndefined();
  }
  /** The hits for `q`; full-text indexes take a moment to see new nodes, so an expected first hit is waited for. */
  async function search(q: string, expectFirst?: string): Promise<{ score: number; entity: { id: string; name: string; aliases: string[] } }[]> {
    let hits: any[] = [];
    for (let attempt = 0; attempt < 20; attempt++) {
      const { data, errors } = await app.graphql<any>(SEARCH, { q });
      expect(errors).toBeUndefined();
      hits = data.search;
      if (!expectFirst || hits[0]?.entity.id === expectFirst) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    return hits;
  }

  it('stores every seeded entity with the search and lookup keys of its names as written', async () => {
    const { records } = await app.driver.executeQuery(
      'MATCH (n:Entity) RETURN n.id AS id, n.name AS name, n.aliases AS aliases, n.searchName AS searchName, n.searchAliases AS searchAliases, n.nameKeys AS nameKeys, n.aliasKeys AS aliasKeys',
    );
    expect(records.length).toBeGreaterThan(100);
    const wrong = records
      .map((r) => r.toObject())
      .filter(
        (r) =>
          r.searchName !== foldName(r.name) ||
          JSON.stringify(r.searchAliases) !== JSON.stringify(searchAliasesOf(r.aliases)) ||
          JSON.stringify(r.nameKeys) !== JSON.stringify(lookupKeys(r.name)) ||
          JSON.stringify(r.aliasKeys) !== JSON.stringify(lookupKeysOf(r.aliases)),
      );
    expect(wrong).toEqual([]);
  });

  it.each([
    ['臺北生技園區', 'taipei-bioinnovation-park', '台北生技園區'],
    ['樂迦再生テクノロジー株式會社', 'metatech-thap-joint-company', '楽迦再生テクノロジー株式会社'],
    ['神戶醫療產業都市', 'kobe-biomedical-innovation-cluster', '神戸医療産業都市'],
  ])('finds the seed by a variant spelling: %s', async (query, id, asWritten) => {
    const [first] = await search(query, id);
    expect(first?.entity.id).toBe(id);
    expect([first!.entity.name, ...(first!.entity.aliases ?? [])]).toContain(asWritten);
  });

  it.each([
    ['hv-taipei', '台北細胞製造所', '臺北細胞製造所'],
    ['hv-taipei-trad', '臺北幹細胞銀行', '台北幹細胞銀行'],
    ['hv-lejia', '楽迦バイオ', '樂迦バイオ'],
    ['hv-lejia-trad', '樂迦生技', '楽迦生技'],
    ['hv-medical', '医療細胞研究会', '醫療細胞研究會'],
    ['hv-medical-trad', '醫學細胞中心', '医学細胞中心'],
  ])('finds %s (written %s) by %s, and shows the name as written', async (id, written, query) => {
    await given(organization(id, written));
    const [first] = await search(query, id);
    expect(first?.entity).toMatchObject({ id, name: written });
  });

  it('finds 樂迦 by 楽迦 and 楽迦 by 樂迦, as part of a name', async () => {
    const byJapanese = (await search('楽迦')).map((h) => h.entity.id);
    const byTraditional = (await search('樂迦')).map((h) => h.entity.id);
    for (const ids of [byJapanese, byTraditional]) expect(ids).toEqual(expect.arrayContaining(['hv-lejia', 'hv-lejia-trad', 'metatech-thap-joint-company']));
  });

  it.each([
    ['臺北生技園區', 'taipei-bioinnovation-park', '台北生技園區'],
    ['樂迦再生テクノロジー株式會社', 'metatech-thap-joint-company', '楽迦再生テクノロジー株式会社'],
    ['神戶醫療產業都市', 'kobe-biomedical-innovation-cluster', '神戸医療産業都市'],
  ])('refuses a new organization named %s, a variant of a seeded name', async (name, existing, existingValue) => {
    const { errors } = await app.graphql<any>(UPSERT, { input: organization(`hv-dup-${existing}`, name) }, editor);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'LIKELY_DUPLICATE', existing: { id: existing }, duplicates: [{ existingValue }] });
  });

  it.each([
    ['hv-assay-trad', '臺灣細胞試驗學會', '台湾細胞試験学会'],
    ['hv-kobe-jp', '神戸細胞製造センター', '神戶細胞製造センター'],
  ])('refuses a new alias that is a variant of an existing name, either way round (%s)', async (id, written, variant) => {
    await given(organization(id, written));
    const { errors } = await app.graphql<any>(UPSERT, { input: organization(`${id}-again`, `Again ${id}`, { aliases: [variant] }) }, editor);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'LIKELY_DUPLICATE', field: 'input.aliases.0', existing: { id }, duplicates: [{ reason: 'SAME_NAME' }] });
  });

  it('keeps the search keys of a merged entity in step with its aliases', async () => {
    await given(organization('hv-keep', 'Keep Cell Works'));
    await given(organization('hv-gone', '戸田細胞工房'));
    const { errors } = await app.graphql<any>(MERGE, { input: { keep: 'hv-keep', merge: 'hv-gone', reason: 'One workshop.' } }, reviewer);
    expect(errors).toBeUndefined();
    const [first] = await search('戶田細胞工房', 'hv-keep');
    expect(first?.entity).toMatchObject({ id: 'hv-keep', aliases: ['戸田細胞工房'] });
  });

  it('gives entities written before the search keys their keys (the migration backfill)', async () => {
    await app.driver.executeQuery(
      "CREATE (:Entity:Organization {id: 'hv-legacy', name: '臺北舊細胞公司', aliases: ['台北旧細胞'], description: 'Written before search keys.', kind: 'COMPANY'})",
    );
    expect(await backfillSearchKeys(app.executor)).toBe(1);
    const { records } = await app.driver.executeQuery(
      "MATCH (n {id: 'hv-legacy'}) RETURN n.searchName AS name, n.searchAliases AS aliases, n.nameKeys AS nameKeys, n.aliasKeys AS aliasKeys, n.name AS written",
    );
    expect(records[0]!.toObject()).toEqual({
      name: foldName('臺北舊細胞公司'),
      aliases: [foldName('台北旧細胞')],
      nameKeys: lookupKeys('臺北舊細胞公司'),
      aliasKeys: lookupKeysOf(['台北旧細胞']),
      written: '臺北舊細胞公司',
    });
    const [first] = await search('台北旧細胞公司', 'hv-legacy');
    expect(first?.entity.id).toBe('hv-legacy');
    expect(await backfillSearchKeys(app.executor)).toBe(0);
  });
});
