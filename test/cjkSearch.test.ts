import { searchKeyProperties } from '../src/domain/names';
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
