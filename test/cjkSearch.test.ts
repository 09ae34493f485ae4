import { searchKeyProperties } from '../src/domain/nameKeys';
import { startTestApp, type TestApp } from './support/harness';

// Names in Japanese and Chinese are kept as aliases beside the English name
// (shared/source/README.md); search must find an entity by them, whole or in
// part, and by romanisations, as it does by English names. The index's standard
// analyzer splits Han text into single ideographs and keeps a katakana run as one
// word; search matches Han text as a phrase (the characters in order), so a name
// sharing a character or two with the query does not match it, or ranks below a
// whole-name match. Latin typo-tolerance stays as it is. The nodes are written with
// their search keys (searchKeyProperties), as every write path stores them.

describe('search by Japanese and Chinese names', () => {
  let app: TestApp;
  const entities = [
    { id: 'cjk-reprocell', name: 'ReproCELL Inc.', aliases: ['リプロセル', '株式会社リプロセル'] },
    { id: 'cjk-metatech', name: 'MetaTech (AP) Inc.', aliases: ['三顧股份有限公司', '三顧', 'メタテック'] },
    { id: 'cjk-nagoya', name: 'Nagoya University', aliases: ['名古屋大学', 'Nagoya Daigaku'] },
  ].map((e) => ({ ...e, ...searchKeyProperties(e) }));

  beforeAll(async () => {
    app = await startTestApp();
    await app.driver.executeQuery(
      `UNWIND $entities AS e
       CREATE (n:Entity:Organization {id: e.id, name: e.name, aliases: e.aliases, searchName: e.searchName, searchAliases: e.searchAliases,
                                      description: 'A test organization with names in several scripts.', kind: 'COMPANY'})`,
      { entities },
    );
  });
  afterAll(async () => {
    await app.close();
  });

  it.each([
    ['リプロセル', 'cjk-reprocell'],
    ['三顧', 'cjk-metatech'],
    ['三顧股份有限公司', 'cjk-metatech'],
    ['名古屋大学', 'cjk-nagoya'],
    ['名古屋', 'cjk-nagoya'],
    ['メタテック', 'cjk-metatech'],
    ['Nagoya Daigaku', 'cjk-nagoya'],
    ['reprocell', 'cjk-reprocell'],
  ])('finds %s first', async (query, id) => {
    // Full-text indexes are eventually consistent: give the new nodes a moment.
    let first: string | undefined;
    for (let attempt = 0; attempt < 20 && first !== id; attempt++) {
      const { data, errors } = await app.graphql<any>('query($q: String!) { search(query: $q, first: 3) { entity { id } } }', { q: query });
      expect(errors).toBeUndefined();
      first = data.search[0]?.entity.id;
      if (first !== id) await new Promise((r) => setTimeout(r, 250));
    }
    expect(first).toBe(id);
  });
});

// A Taiwanese company name is often its own two characters plus a common ending
// such as 生醫 (biomedical) or 生技 (biotech), and the graph holds many names with
// those characters. The whole name must come first; names that share only a
// character or two with the query must not outrank it, and names sharing no two
// adjacent characters are not found by it at all.
describe('precision of search by Han names', () => {
  let app: TestApp;
  const entities = [
    { id: 'cjk-zhongen', name: '仲恩生醫', description: 'A cell-therapy company a test writes.' },
    { id: 'cjk-xinyuansheng', name: '新原生', description: 'A company a test writes.' },
    { id: 'cjk-act', name: 'Regenerative Medicine Act', aliases: ['再生醫療法'], description: 'A law a test writes.' },
    { id: 'cjk-other-biomed', name: '日生細胞生醫', description: 'Another company ending in 生醫.' },
    { id: 'cjk-long', name: '仲恩生醫股份有限公司台北分公司', description: 'A longer name holding the whole query.' },
  ].map((e) => ({ aliases: [] as string[], ...e, ...searchKeyProperties({ name: e.name, aliases: e.aliases ?? [] }) }));

  beforeAll(async () => {
    app = await startTestApp();
    await app.driver.executeQuery(
      `UNWIND $entities AS e
       CREATE (n:Entity:Organization {id: e.id, name: e.name, aliases: e.aliases, searchName: e.searchName, searchAliases: e.searchAliases,
                                      description: e.description, kind: 'COMPANY'})`,
      { entities },
    );
  });
  afterAll(async () => {
    await app.close();
  });

  async function hits(query: string, expectFirst: string): Promise<{ id: string; score: number }[]> {
    let found: { id: string; score: number }[] = [];
    for (let attempt = 0; attempt < 20 && found[0]?.id !== expectFirst; attempt++) {
      const { data, errors } = await app.graphql<any>('query($q: String!) { search(query: $q, first: 10) { score entity { id } } }', { q: query });
      expect(errors).toBeUndefined();
      found = data.search.map((h: any) => ({ id: h.entity.id, score: h.score }));
      if (found[0]?.id !== expectFirst) await new Promise((r) => setTimeout(r, 250));
    }
    return found;
  }

  it('puts the whole name first, above a longer name holding it and a name sharing only 生醫', async () => {
    const found = await hits('仲恩生醫', 'cjk-zhongen');
    const ids = found.map((h) => h.id);
    expect(ids[0]).toBe('cjk-zhongen');
    expect(ids.indexOf('cjk-long')).toBeGreaterThan(0);
    const whole = found[0]!.score;
    for (const other of found.slice(1)) expect(other.score).toBeLessThan(whole);
  });

  it('does not find a name sharing single characters only (新原生: 生), and ranks one sharing two (再生醫療法: 生醫) below', async () => {
    const ids = (await hits('仲恩生醫', 'cjk-zhongen')).map((h) => h.id);
    expect(ids).not.toContain('cjk-xinyuansheng');
    expect(ids.indexOf('cjk-act')).not.toBe(0);
    expect(ids.indexOf('cjk-other-biomed')).not.toBe(0);
  });

  it('finds the same entity by its name written in another variant (仲恩生医)', async () => {
    const ids = (await hits('仲恩生医', 'cjk-zhongen')).map((h) => h.id);
    expect(ids[0]).toBe('cjk-zhongen');
  });

  it('puts a whole alias first (再生醫療法), and a Latin whole name first as before', async () => {
    expect((await hits('再生醫療法', 'cjk-act'))[0]?.id).toBe('cjk-act');
    expect((await hits('Regenerative Medicine Act', 'cjk-act'))[0]?.id).toBe('cjk-act');
  });

  it('still finds a name by a part of it (新原)', async () => {
    expect((await hits('新原', 'cjk-xinyuansheng'))[0]?.id).toBe('cjk-xinyuansheng');
  });
});
