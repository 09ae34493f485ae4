import { MentionDictionary } from '../src/modules/mentions/dictionary';
import { startTestApp, type TestApp } from './support/harness';
import { bearerHeader, newJwtSecret } from './support/tokens';

const SOURCE = { id: 'geneonline-2025-04-29-taiwan-japan-regen-forum' };
const UPSERT = 'mutation($input: UpsertEntityInput!) { upsertEntity(input: $input) { entity { id } } }';
const MENTIONS = 'query($text: String!) { mentions(text: $text) { dictionaryNames complete mentions { start end text ambiguous candidates { id type name matchedName byAlias } } } }';

interface Scan {
  mentions: { dictionaryNames: number; complete: boolean; mentions: { start: number; end: number; text: string; ambiguous: boolean; candidates: { id: string; type: string; name: string; matchedName: string; byAlias: boolean }[] }[] };
}

describe('Mention detection: every known entity a pasted text names, by any name, alias or Han variant', () => {
  let app: TestApp;
  const secret = newJwtSecret();
  let editor: { authorization: string };

  beforeAll(async () => {
    // The first write plans the upsert in a cold Neo4j: more than the 10 s default on a busy machine.
    app = await startTestApp({ auth: { jwtSecret: secret }, queryTimeoutMs: 30_000 });
    editor = await bearerHeader(secret, 'editor@example.org', ['editor']);
    const organization = (id: string, name: string, aliases: string[], country = 'TW') => ({ type: 'ORGANIZATION', id, name, aliases, description: 'An organization of the mention tests.', kind: 'COMPANY', country, source: SOURCE, evidence: 'Named for the test.' });
    for (const input of [
      organization('mt-taipei-cell', 'Taipei Cell Works', ['臺北細胞科技', 'TCW']),
      organization('mt-osaka-regen', 'Osaka Regenerative Partners', ['大阪再生医療パートナーズ'], 'JP'),
      { type: 'TECHNOLOGY', id: 'mt-tcw-platform', name: 'TCW Platform', aliases: ['TCW'], kind: 'PLATFORM', description: 'A technology of the mention tests.', source: SOURCE, evidence: 'Named for the test.' },
    ]) {
      const { errors } = await app.graphql(UPSERT, { input }, editor);
      expect(errors).toBeUndefined();
    }
  });
  afterAll(() => app?.close());

  const scan = async (text: string) => (await app.graphql<Scan>(MENTIONS, { text })).data!.mentions;

  it('marks English names, Japanese names and a Chinese alias written in the other Han variant, with offsets into the text as sent', async () => {
    const text = 'BPIPO met 大阪再生医療パートナーズ in Tokyo; 台北細胞科技 (Taipei  Cell Works) will license its platform.';
    const found = await scan(text);
    const byId = Object.fromEntries(found.mentions.map((m) => [m.candidates[0]!.id, m]));
    expect(byId.bpipo).toMatchObject({ text: 'BPIPO', start: 0, end: 5, ambiguous: false });
    expect(byId.bpipo!.candidates[0]).toMatchObject({ type: 'ORGANIZATION', matchedName: 'BPIPO', byAlias: true });
    expect(byId['mt-osaka-regen']).toMatchObject({ text: '大阪再生医療パートナーズ', start: text.indexOf('大阪') });
    // 台 in the text, 臺 in the alias: one name after folding.
    expect(found.mentions.filter((m) => m.candidates[0]!.id === 'mt-taipei-cell').map((m) => m.text)).toEqual(['台北細胞科技', 'Taipei  Cell Works']);
    for (const m of found.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
    expect(found.complete).toBe(true);
    expect(found.dictionaryNames).toBeGreaterThan(10);
  });

  it('flags a name shared by several entities as ambiguous, with every candidate', async () => {
    const [mention] = (await scan('The TCW team presented.')).mentions;
    expect(mention).toMatchObject({ text: 'TCW', ambiguous: true });
    expect(mention!.candidates.map((c) => c.id).sort()).toEqual(['mt-taipei-cell', 'mt-tcw-platform']);
  });

  it('matches Latin names as whole words only, and prefers the longest name at a position', async () => {
    const found = await scan('TCWX and XBPIPO are not names; TCW Platform is one.');
    expect(found.mentions.map((m) => m.text)).toEqual(['TCW Platform']);
  });

  it('sees an entity written after the dictionary was built', async () => {
    expect((await scan('Kyoto Spheroid Labs')).mentions).toEqual([]);
    await app.graphql(UPSERT, { input: { type: 'ORGANIZATION', id: 'mt-kyoto', name: 'Kyoto Spheroid Labs', description: 'An organization of the mention tests.', kind: 'COMPANY', country: 'JP', source: SOURCE, evidence: 'Named for the test.' } }, editor);
    let found: Scan['mentions']['mentions'] = [];
    for (let i = 0; i < 40 && found.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      found = (await scan('Kyoto Spheroid Labs')).mentions;
    }
    expect(found[0]?.candidates[0]?.id).toBe('mt-kyoto');
  });

  it('refuses a text over 200,000 characters with BAD_USER_INPUT naming the field', async () => {
    const { errors } = await app.graphql(MENTIONS, { text: '細'.repeat(200_001) });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'text', maxLength: 200_000 });
    expect((await app.graphql(MENTIONS, { text: 'a'.repeat(200_000) })).errors).toBeUndefined();
  });

  it('keeps at most the configured number of names, and says so', () => {
    const dictionary = new MentionDictionary(2);
    dictionary.add('a', 'Organization', 'Alpha Bio', ['AB', 'Alpha']);
    expect(dictionary.size).toBe(2);
    expect(dictionary.complete).toBe(false);
    expect(dictionary.find('Alpha Bio and AB').map((m) => m.text)).toEqual(['Alpha Bio', 'AB']);
  });
});
