import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { lookupKeys } from '../src/domain/nameKeys';
import { candidateQuery, closeness, editDistance } from '../src/entityResolution/likelyDuplicates';
import { loadEcosystemDirectory } from '../src/ingest/loadEcosystem';
import { SeedFileError, loadSeedDirectory } from '../src/ingest/loadSeed';
import { startTestApp, type TestApp } from './support/harness';
import { mintToken, newJwtSecret } from './support/tokens';

// Entity resolution across sources (issue 16): a new id that is likely an
// existing entity under another name is refused by the curation mutations and
// by the seed loader, naming the existing entity; a curator who knows better
// says so with distinctFrom; two ids of one entity are joined by mergeEntities
// without losing a citation, and the old id still leads to the kept entity.

// A merge test writes a dozen entities and links first; on a cold server each new
// statement is planned once, which alone can take most of jest's default minute.
jest.setTimeout(180_000);

const secret = newJwtSecret();
const bearer = async (subject: string, roles: string[]) => ({ authorization: `Bearer ${await mintToken(secret, subject, roles)}` });

const UPSERT = `mutation($input: UpsertEntityInput!) {
  upsertEntity(input: $input) { created entity { id name } change { kind summary } }
}`;
const LINK = `mutation($input: LinkEntitiesInput!) { linkEntities(input: $input) { id } }`;
const AGREEMENT = `mutation($input: RecordAgreementInput!) { recordAgreement(input: $input) { created agreement { id } } }`;
const MERGE = `mutation($input: MergeEntitiesInput!) {
  mergeEntities(input: $input) {
    mergedId movedRelationships combinedRelationships movedCitations movedClaims
    entity { id name aliases }
    change { kind summary note targetIds }
  }
}`;

/** A source of the test's own, added on first use. */
const newSource = (id: string) => ({ new: { id, publisher: `Publisher ${id}`, title: `Page ${id}`, publishedOn: '2025-01-15' } });

function organization(id: string, name: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'ORGANIZATION',
    id,
    name,
    description: 'An organization a test writes.',
    kind: 'COMPANY',
    source: newSource(`${id}-page`),
    evidence: `The page ${id}-page names it.`,
    ...extra,
  };
}

describe('which names count as close', () => {
  it.each([
    ['ReproCELL Inc', 'REPROCELL Inc.', 'SAME_NAME'],
    ['Stemchymal®', 'Stemchymal', 'SAME_NAME'],
    ['ｒｅｐｒｏｃｅｌｌ', 'ReproCELL', 'SAME_NAME'],
    ['株式会社リプロセル', 'リプロセル', 'SAME_NAME_BUT_LEGAL_FORM'],
    ['三顧股份有限公司', '三顧', 'SAME_NAME_BUT_LEGAL_FORM'],
    ['財團法人工業技術研究院', '工業技術研究院', 'SAME_NAME_BUT_LEGAL_FORM'],
    ['Hitachi', 'Hitachi, Ltd.', 'SAME_NAME_BUT_LEGAL_FORM'],
    ['Astelas Pharma', 'Astellas Pharma Inc.', 'NEAR_SPELLING'],
  ])('%s and %s are %s', (a, b, reason) => {
    expect(closeness(a, b)).toBe(reason);
    expect(closeness(b, a)).toBe(reason);
  });

  it.each([
    ['CiRA', 'CiRA Foundation'],
    ['Licence 2017', 'Licence 2018'],
    ['Kyoto University', 'Tokyo University'],
    ['名古屋大学', '名古屋市立大学'],
    ['A&I Co., Ltd.', 'AI Cells'],
    ['NTU', 'NYU'],
  ])('%s and %s are not close', (a, b) => {
    expect(closeness(a, b)).toBeNull();
  });
});

describe('which stored keys the lookup asks for', () => {
  /** The terms of a candidate query, without their fields: what the index must hold for a candidate to come back. */
  const asked = (name: string) => new Set(candidateQuery(name)!.split(' ').map((clause) => clause.replace(/^\w+:/, '').replace(/^"|"$/g, '')));
  const latin = fc.stringMatching(/^[a-z]{12,24}$/);
  /** One edit of `text` at `at` (a position within [from, to)): a substitution, a deletion, an insertion or an adjacent swap. */
  const edit = (text: string, at: number, kind: number) =>
    [
      () => text.slice(0, at) + (text[at] === 'q' ? 'z' : 'q') + text.slice(at + 1),
      () => text.slice(0, at) + text.slice(at + 1),
      () => text.slice(0, at) + 'q' + text.slice(at),
      () => (at + 1 < text.length ? text.slice(0, at) + text[at + 1] + text[at] + text.slice(at + 2) : text),
    ][kind]!();

  it('asks for the key and the core of a name, whatever its words', () => {
    expect(lookupKeys('REPROCELL Inc.').filter((key) => asked('ReproCELL Inc').has(key))).toEqual(['reprocellinc', 'reprocell']);
    expect(lookupKeys('株式会社リプロセル').filter((key) => asked('リプロセル').has(key))).toEqual(['リプロセル']);
    expect(lookupKeys('Hitachi, Ltd.').filter((key) => asked('Hitachi').has(key))).toEqual(['hitachi']);
  });

  it('finds every one-edit spelling of a Latin core by a fuzzy term on it', () => {
    expect(candidateQuery('Astelas Regenerative Pharma')).toContain('astelasregenerativepharma~1');
  });

  it('asks for a stored half of every long Latin core two edits away whose edits fall in one half', () => {
    fc.assert(
      fc.property(latin, fc.boolean(), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), (stored, firstHalf, p1, p2, k1, k2) => {
        const half = Math.floor(stored.length / 2);
        // Two edits within one half of the stored core, the later position first so the earlier stays put; in the
        // first half they stop two characters short of the second, so no swap reaches it after a deletion.
        const [from, to] = firstHalf ? [0, half - 2] : [half + 1, stored.length - 1];
        const [a, b] = [from + (p1 % (to - from)), from + (p2 % (to - from))].sort((x, y) => y - x);
        const written = edit(edit(stored, a!, k1), b!, k2);
        fc.pre(written.length >= 12 && editDistance(stored, written, 2) <= 2);
        expect(lookupKeys(stored).some((key) => asked(written).has(key))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('entity resolution: likely duplicates and merges', () => {
  let app: TestApp;
  let editor: Record<string, string>;
  let reviewer: Record<string, string>;
  let reader: Record<string, string>;

  beforeAll(async () => {
    app = await startTestApp({ auth: { jwtSecret: secret }, queryTimeoutMs: 60_000 });
    editor = await bearer('curator@example.org', ['editor']);
    reviewer = await bearer('reviewer@example.org', ['reviewer']);
    reader = await bearer('reader@example.org', ['reader']);
  });
  afterAll(async () => {
    await app.close();
  });

  async function rows<T = Record<string, unknown>>(cypher: string, params: Record<string, unknown> = {}): Promise<T[]> {
    const { records } = await app.driver.executeQuery(cypher, params);
    return records.map((r) => r.toObject() as T);
  }
  const count = async (cypher: string, params: Record<string, unknown> = {}) => Number((await rows<{ n: unknown }>(cypher, params))[0]!.n);
  const written = (id: string) => count('MATCH (n {id: $id}) RETURN count(n) AS n', { id });
  const changes = () => count('MATCH (c:Change) RETURN count(c) AS n');

  async function upsert(input: Record<string, unknown>) {
    return app.graphql<any>(UPSERT, { input }, editor);
  }
  async function given(input: Record<string, unknown>): Promise<void> {
    const { errors } = await upsert(input);
    expect(errors).toBeUndefined();
  }

  describe('refusing likely duplicates', () => {
    it('refuses a new id named as an existing organization but for case and punctuation, naming it, and writes nothing', async () => {
      await given(organization('er-reprocell', 'REPROCELL Inc.', { aliases: ['リプロセル', '株式会社リプロセル'] }));
      const before = await changes();

      const { errors } = await upsert(organization('er-reprocell-again', 'ReproCELL Inc'));

      expect(errors).toHaveLength(1);
      expect(errors![0]!.extensions).toMatchObject({
        code: 'LIKELY_DUPLICATE',
        field: 'input.name',
        existing: { id: 'er-reprocell', name: 'REPROCELL Inc.' },
        duplicates: [{ field: 'input.name', value: 'ReproCELL Inc', existingValue: 'REPROCELL Inc.', reason: 'SAME_NAME' }],
      });
      expect(errors![0]!.message).toMatch(/"er-reprocell" \(REPROCELL Inc\.\)/);
      expect(await written('er-reprocell-again')).toBe(0);
      expect(await written('er-reprocell-again-page')).toBe(0);
      expect(await changes()).toBe(before);
    });

    it('refuses a new id whose alias is an existing entity’s Japanese name, naming the alias field', async () => {
      await given(organization('er-cellseed', 'CellSeed Inc.', { aliases: ['セルシード'] }));

      const { errors } = await upsert(organization('er-cellseed-jp', 'Cell Seed Japan Branch', { aliases: ['CSJ', '株式会社セルシード'] }));

      expect(errors![0]!.extensions).toMatchObject({
        code: 'LIKELY_DUPLICATE',
        field: 'input.aliases.1',
        existing: { id: 'er-cellseed', name: 'CellSeed Inc.' },
        duplicates: [{ existingValue: 'セルシード', reason: 'SAME_NAME_BUT_LEGAL_FORM' }],
      });
      expect(await written('er-cellseed-jp')).toBe(0);
    });

    it('refuses a Chinese name that differs from an existing one only by its legal form', async () => {
      await given(organization('er-sangu', 'Sangu Biotech', { aliases: ['三顧'] }));

      const { errors } = await upsert(organization('er-sangu-tw', '三顧股份有限公司'));

      expect(errors![0]!.extensions).toMatchObject({ code: 'LIKELY_DUPLICATE', field: 'input.name', existing: { id: 'er-sangu' } });
      expect(await written('er-sangu-tw')).toBe(0);
    });

    it('refuses a Latin name one letter off an existing one (a typo)', async () => {
      await given(organization('er-astellas', 'Astellas Regenerative Pharma Inc.'));

      const { errors } = await upsert(organization('er-astelas', 'Astelas Regenerative Pharma'));

      expect(errors![0]!.extensions).toMatchObject({ code: 'LIKELY_DUPLICATE', existing: { id: 'er-astellas' }, duplicates: [{ reason: 'NEAR_SPELLING' }] });
      expect(await written('er-astelas')).toBe(0);
    });

    it('refuses a long Latin name two letters off an existing one, both in one half of it', async () => {
      await given(organization('er-kaohsiung-cells', 'Kaohsiung Cellular Therapeutics'));

      const { errors } = await upsert(organization('er-kaohsiung-cells-typo', 'Kaohsiung Cellular Therapeutix'));

      expect(errors![0]!.extensions).toMatchObject({ code: 'LIKELY_DUPLICATE', existing: { id: 'er-kaohsiung-cells' }, duplicates: [{ reason: 'NEAR_SPELLING' }] });
      expect(await written('er-kaohsiung-cells-typo')).toBe(0);
    });

    it('lets a close name through when the caller lists the existing id in distinctFrom, and records that in the Change', async () => {
      await given(organization('er-kyoto-foundation', 'Kyoto Cell Foundation'));

      const refused = await upsert(organization('er-kyoto-foundation-inc', 'Kyoto Cell Foundation Inc.'));
      expect(refused.errors![0]!.extensions).toMatchObject({ code: 'LIKELY_DUPLICATE', existing: { id: 'er-kyoto-foundation' } });

      const { data, errors } = await upsert(organization('er-kyoto-foundation-inc', 'Kyoto Cell Foundation Inc.', { distinctFrom: ['er-kyoto-foundation'] }));
      expect(errors).toBeUndefined();
      expect(data.upsertEntity).toMatchObject({ created: true, entity: { id: 'er-kyoto-foundation-inc' } });
      expect(data.upsertEntity.change.summary).toContain('declared distinct from er-kyoto-foundation');
    });

    it('does not refuse names that differ in a number, an entity of another type, or an update of an existing id', async () => {
      await given(organization('er-cohort-2017', 'Regen Cohort Partners 2017'));
      await given(organization('er-cohort-2018', 'Regen Cohort Partners 2018'));
      await given({ ...organization('er-cohort-tech', 'Regen Cohort Partners 2017'), type: 'TECHNOLOGY', kind: 'PLATFORM' });
      await given(organization('er-cohort-2017', 'Regen Cohort Partners 2017', { aliases: ['Regen Cohort Partners 2018'], source: { id: 'er-cohort-2017-page' } }));
      expect(await count("MATCH (n:Entity) WHERE n.id STARTS WITH 'er-cohort-' RETURN count(n) AS n")).toBe(3);
    });

    it('refuses a new agreement named as an existing agreement, and lets it through with distinctFrom', async () => {
      await given(organization('er-licensor', 'Er Licensor Holdings'));
      const agreement = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
        id,
        name,
        description: 'A licence a test records.',
        kind: 'LICENSE',
        exclusive: true,
        territory: ['JP'],
        parties: [{ organization: 'er-licensor', role: 'LICENSOR' }],
        source: { id: 'er-licensor-page' },
        evidence: 'The page states the licence.',
        ...extra,
      });
      await seedCountry('JP');
      const first = await app.graphql<any>(AGREEMENT, { input: agreement('er-licence-a', 'Er Licensor – Kansai cell licence') }, editor);
      expect(first.errors).toBeUndefined();

      const refused = await app.graphql<any>(AGREEMENT, { input: agreement('er-licence-b', 'Er Licensor - Kansai Cell Licence') }, editor);
      expect(refused.errors![0]!.extensions).toMatchObject({ code: 'LIKELY_DUPLICATE', field: 'input.name', existing: { id: 'er-licence-a' } });
      expect(await written('er-licence-b')).toBe(0);

      const allowed = await app.graphql<any>(AGREEMENT, { input: agreement('er-licence-b', 'Er Licensor - Kansai Cell Licence', { distinctFrom: ['er-licence-a'] }) }, editor);
      expect(allowed.errors).toBeUndefined();
      expect(allowed.data.recordAgreement).toEqual({ created: true, agreement: { id: 'er-licence-b' } });
    });
  });

  /** The Country a test's agreements apply in (the seed has it; this keeps the test standing alone). */
  async function seedCountry(code: string): Promise<void> {
    await app.driver.executeQuery(
      `MERGE (c:Entity:Country {code: $code}) ON CREATE SET c.id = 'country-' + toLower($code), c.name = $code, c.description = 'A country.'`,
      { code },
    );
  }

  describe('merging two ids of one entity', () => {
    /** Every citation of the two ids: node STATED_IN (source, evidence) and relationship (type, other end, source, evidence), ends renamed to `as`. */
    async function citations(ids: string[], as: string) {
      const nodeCitations = await rows<{ source: string; evidence: string }>(
        `MATCH (n:Entity)-[s:STATED_IN]->(src:Source) WHERE n.id IN $ids RETURN src.id AS source, s.evidence AS evidence ORDER BY source, evidence`,
        { ids },
      );
      const relationshipCitations = await rows<{ type: string; out: boolean; other: string; sourceIds: string[]; evidence: string[] }>(
        `MATCH (n:Entity)-[r]-(o:Entity) WHERE n.id IN $ids AND NOT type(r) IN ['STATED_IN', 'SAME_AS'] AND r.retracted IS NULL
         RETURN type(r) AS type, startNode(r) = n AS out, o.id AS other, r.sourceIds AS sourceIds, r.evidence AS evidence`,
        { ids },
      );
      const pairs = relationshipCitations
        .flatMap((r) => r.sourceIds.map((s, i) => `${r.type} ${r.out ? '->' : '<-'} ${ids.includes(r.other) ? as : r.other}: ${s} "${r.evidence[i]}"`))
        .sort();
      return { nodeCitations, relationshipCitations: pairs };
    }

    /**
     * Two ids of one biotech, each cited by its own page: both develop the same
     * technology (one relationship each), the merged one also develops another,
     * is a party to an agreement, employs a person and has a claim about it and
     * about one of its relationships.
     */
    async function givenTwoIdsOfOneCompany(prefix: string) {
      const keep = `${prefix}-keep`;
      const merge = `${prefix}-merge`;
      await given(organization(keep, `${prefix} Keepcell Therapeutics`, { aliases: [`${prefix} KCT`] }));
      await given(organization(merge, `${prefix} KC Therapeutics Taiwan`, { aliases: [`${prefix} KC Taiwan`], facts: { headquarters: 'Hsinchu' } }));
      await given({ ...organization(`${prefix}-sheet`, `${prefix} Cell sheet product`), type: 'TECHNOLOGY', kind: 'PRODUCT' });
      await given({ ...organization(`${prefix}-vial`, `${prefix} Vial product`), type: 'TECHNOLOGY', kind: 'PRODUCT' });
      await given({ ...organization(`${prefix}-ceo`, `${prefix} Lin Chief`), type: 'PERSON', kind: null });
      const link = (type: string, from: string, to: string, source: string, extra: Record<string, unknown> = {}) =>
        app.graphql<any>(LINK, { input: { type, from, to, source: { id: source }, evidence: `${source} states ${type}.`, ...extra } }, editor);
      for (const result of [
        await link('DEVELOPS', keep, `${prefix}-sheet`, `${keep}-page`),
        await link('DEVELOPS', merge, `${prefix}-sheet`, `${merge}-page`),
        await link('DEVELOPS', merge, `${prefix}-vial`, `${merge}-page`),
        await link('HOLDS_ROLE', `${prefix}-ceo`, merge, `${merge}-page`, { properties: { title: 'CEO' } }),
      ]) {
        expect(result.errors).toBeUndefined();
      }
      await seedCountry('TW');
      const agreement = await app.graphql<any>(
        AGREEMENT,
        {
          input: {
            id: `${prefix}-deal`, name: `${prefix} vial supply deal`, description: 'A supply deal.', kind: 'DISTRIBUTION', exclusive: false, territory: ['TW'],
            parties: [{ organization: merge, role: 'PARTNER' }], source: { id: `${merge}-page` }, evidence: 'The page states the deal.',
          },
        },
        editor,
      );
      expect(agreement.errors).toBeUndefined();
      await app.driver.executeQuery(
        `MATCH (m:Entity {id: $merge}), (s:Source {id: $source})
         CREATE (c:Claim {id: $prefix + '-claim-staff', property: 'employees', value: 40})-[:ABOUT]->(m), (c)-[:STATED_IN {evidence: 'It says 40 staff.'}]->(s)
         CREATE (t:Claim {id: $prefix + '-claim-title', property: 'title', value: 'CEO', subjectRelationshipId: $role})-[:ABOUT]->(m)`,
        { merge, source: `${merge}-page`, prefix, role: `${prefix}-ceo--HOLDS_ROLE--${merge}` },
      );
      return { keep, merge };
    }

    it('moves every citation of the merged id to the kept one, combining a relationship both had', async () => {
      const { keep, merge } = await givenTwoIdsOfOneCompany('em1');
      const before = await citations([keep, merge], keep);
      expect(before.nodeCitations).toHaveLength(2);
      expect(before.relationshipCitations.length).toBeGreaterThanOrEqual(5);

      const { data, errors } = await app.graphql<any>(MERGE, { input: { keep, merge, reason: 'Both pages describe the same Hsinchu company.' } }, reviewer);

      expect(errors).toBeUndefined();
      expect(data.mergeEntities).toMatchObject({ mergedId: merge, combinedRelationships: 1, movedCitations: 1, movedClaims: 2 });
      // DEVELOPS x2, HOLDS_ROLE, PARTY_TO; LOCATED_IN only if the organizations had a country.
      expect(data.mergeEntities.movedRelationships).toBe(4);
      expect(data.mergeEntities.entity).toEqual({ id: keep, name: 'em1 Keepcell Therapeutics', aliases: ['em1 KCT', 'em1 KC Therapeutics Taiwan', 'em1 KC Taiwan'] });
      expect(data.mergeEntities.change).toMatchObject({ kind: 'MERGE_ENTITIES', note: 'Both pages describe the same Hsinchu company.' });
      expect(data.mergeEntities.change.targetIds).toEqual(expect.arrayContaining([keep, merge, `${keep}--DEVELOPS--em1-sheet`]));

      const after = await citations([keep], keep);
      expect(after).toEqual(before);
      const [shared] = await rows<{ sourceIds: string[] }>(
        'MATCH (:Entity {id: $keep})-[r:DEVELOPS]->(:Entity {id: "em1-sheet"}) RETURN r.sourceIds AS sourceIds',
        { keep },
      );
      expect(shared!.sourceIds).toEqual([`${keep}-page`, `${merge}-page`]);
      expect(await count('MATCH (:Entity {id: $merge})-[r]-() WHERE NOT type(r) IN ["SAME_AS"] RETURN count(r) AS n', { merge })).toBe(0);
      expect(await count('MATCH (c:Claim)-[:ABOUT]->(:Entity {id: $keep}) RETURN count(c) AS n', { keep })).toBe(2);
      expect(await count('MATCH (c:Claim {subjectRelationshipId: $id}) RETURN count(c) AS n', { id: `em1-ceo--HOLDS_ROLE--${keep}` })).toBe(1);
    });

    it('answers the merged id with the kept entity, with the facts only the merged one had', async () => {
      const { keep, merge } = await givenTwoIdsOfOneCompany('em2');
      const merged = await app.graphql<any>(MERGE, { input: { keep, merge, reason: 'Same company.' } }, reviewer);
      expect(merged.errors).toBeUndefined();

      const { data, errors } = await app.graphql<any>(`query($id: ID!) { entity(id: $id) {
        id name aliases facts { name value } sources { source { id } }
        ... on Organization { technologies { id } }
      } }`, { id: merge });

      expect(errors).toBeUndefined();
      expect(data.entity).toMatchObject({ id: keep, name: 'em2 Keepcell Therapeutics', facts: [{ name: 'headquarters', value: 'Hsinchu' }] });
      expect(data.entity.sources.map((s: any) => s.source.id).sort()).toEqual([`${keep}-page`, `${merge}-page`]);
      expect(data.entity.technologies.map((t: any) => t.id).sort()).toEqual(['em2-sheet', 'em2-vial']);
      const { data: list } = await app.graphql<any>('{ search(query: "KC Therapeutics Taiwan", first: 5) { entity { id } } }');
      expect(list.search.map((h: any) => h.entity.id)).not.toContain(merge);
      expect(await count('MATCH (:Entity {id: $merge})-[:SAME_AS]->(:Entity {id: $keep}) RETURN count(*) AS n', { merge, keep })).toBe(1);
      const recent = await app.graphql<any>('{ recentChanges(first: 1) { kind targetIds } }', undefined, editor);
      expect(recent.data.recentChanges[0]).toMatchObject({ kind: 'MERGE_ENTITIES', targetIds: expect.arrayContaining([keep, merge]) });
    });

    it('refuses afterwards a new id named as the merged one, a write to the merged id and a link from it, naming the kept entity', async () => {
      const { keep, merge } = await givenTwoIdsOfOneCompany('em3');
      expect((await app.graphql<any>(MERGE, { input: { keep, merge, reason: 'Same company.' } }, reviewer)).errors).toBeUndefined();

      const { errors } = await upsert(organization('em3-again', 'em3 KC Therapeutics Taiwan'));
      expect(errors![0]!.extensions).toMatchObject({ code: 'LIKELY_DUPLICATE', existing: { id: keep } });
      const reuse = await upsert(organization(merge, 'em3 KC Therapeutics Taiwan'));
      expect(reuse.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.id' });
      expect(reuse.errors![0]!.message).toContain(`merged into "${keep}"`);
      const link = await app.graphql<any>(
        LINK,
        { input: { type: 'DEVELOPS', from: merge, to: 'em3-vial', source: { id: `${keep}-page` }, evidence: 'It says so.' } },
        editor,
      );
      expect(link.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', id: merge, mergedInto: keep });
    });

    it('leaves the kept entity with no aliases property, not an empty list, when the merge brings no other name', async () => {
      await given(organization('em5-keep', 'em5 Twin Biotech'));
      await given(organization('em5-merge', 'em5 Twin Biotech', { distinctFrom: ['em5-keep'] }));
      const { data, errors } = await app.graphql<any>(MERGE, { input: { keep: 'em5-keep', merge: 'em5-merge', reason: 'The same company twice.' } }, reviewer);
      expect(errors).toBeUndefined();
      expect(data.mergeEntities.entity).toEqual({ id: 'em5-keep', name: 'em5 Twin Biotech', aliases: [] });
      expect(await rows("MATCH (n:Entity {id: 'em5-keep'}) RETURN n.aliases AS aliases")).toEqual([{ aliases: null }]);
    });

    it('refuses to merge an id with itself, entities of different types, linked entities or unknown ids, writing nothing', async () => {
      await given(organization('em4-org', 'em4 Organisation'));
      await given({ ...organization('em4-person', 'em4 Person'), type: 'PERSON', kind: null });
      await given(organization('em4-unit', 'em4 Research Unit'));
      const part = await app.graphql<any>(
        LINK,
        { input: { type: 'PART_OF', from: 'em4-unit', to: 'em4-org', source: { id: 'em4-unit-page' }, evidence: 'A unit of it.' } },
        editor,
      );
      expect(part.errors).toBeUndefined();
      const before = await changes();
      const refuse = async (keep: string, merge: string) => (await app.graphql<any>(MERGE, { input: { keep, merge, reason: 'Test.' } }, reviewer)).errors![0]!;

      expect((await refuse('em4-org', 'em4-org')).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.merge' });
      const types = await refuse('em4-org', 'em4-person');
      expect(types.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.merge' });
      expect(types.message).toMatch(/Person.*Organization/);
      const linked = await refuse('em4-org', 'em4-unit');
      expect(linked.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.merge' });
      expect(linked.message).toContain('PART_OF');
      expect((await refuse('em4-org', 'em4-nobody')).extensions).toMatchObject({ code: 'NOT_FOUND' });
      const forbidden = await app.graphql<any>(MERGE, { input: { keep: 'em4-org', merge: 'em4-unit', reason: 'Test.' } }, reader);
      expect(forbidden.errors![0]!.extensions!.code).toBe('FORBIDDEN');

      expect(await changes()).toBe(before);
      expect(await count("MATCH (n:Entity) WHERE n.id STARTS WITH 'em4-' AND n.retracted IS NULL RETURN count(n) AS n")).toBe(3);
    });
  });

  describe('the seed loader', () => {
    let dir: string;
    let forumDir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'er-ecosystem-'));
      forumDir = fs.mkdtempSync(path.join(os.tmpdir(), 'er-forum-'));
    });
    afterEach(() => {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(forumDir, { recursive: true, force: true });
    });

    const seedFile = (id: string, name: string, aliases: string[] = []) => ({
      format: 2,
      digest: 'test fixture',
      sources: [{ id: `${id}-page`, url: `https://example.org/${id}`, publisher: 'Example', title: 'A test page', publishedOn: '2025-02', language: 'en', kind: 'TRADE_PRESS', document: 'test fixture' }],
      nodes: [{ label: 'Organization', id, name, aliases, description: 'A company a test seed file defines.', kind: 'COMPANY', citations: [{ source: `${id}-page`, evidence: 'The page names it.' }] }],
    });

    it('refuses a seed node whose id is new but whose name is an existing entity’s, naming both, and writes nothing', async () => {
      await given(organization('es-metatech', 'MetaTech (AP) Inc.', { aliases: ['メタテック'] }));
      fs.writeFileSync(path.join(dir, 'clash.json'), JSON.stringify(seedFile('es-metatech-ap', 'MetaTech AP Inc')));

      const load = loadEcosystemDirectory(app.executor, dir, forumDir);

      await expect(load).rejects.toThrow(SeedFileError);
      await expect(load).rejects.toThrow(/likely duplicate.*"es-metatech-ap".*"es-metatech" \(MetaTech \(AP\) Inc\.\)/);
      expect(await written('es-metatech-ap')).toBe(0);
      expect(await written('es-metatech-ap-page')).toBe(0);
    });

    it('refuses a format-1 seed file (npm run seed) whose new node is named as an existing entity, and writes nothing', async () => {
      await given(organization('es-hexun', 'Hexun Biosciences Co., Ltd.'));
      const forum = {
        source: { id: 'es-forum-page', publisher: 'Example', title: 'A test article', publishedOn: '2025-03-01' },
        nodes: [{ label: 'Organization', id: 'es-hexun-bio', name: 'HEXUN BIOSCIENCES', description: 'A company a test seed file defines.', kind: 'COMPANY', evidence: 'The article names it.' }],
        relationships: [],
      };
      fs.writeFileSync(path.join(forumDir, 'clash.json'), JSON.stringify(forum));

      await expect(loadSeedDirectory(app.executor, forumDir)).rejects.toThrow(/likely duplicate.*"es-hexun-bio".*"es-hexun"/);
      expect(await written('es-hexun-bio')).toBe(0);
      expect(await written('es-forum-page')).toBe(0);
    });

    it('refuses a seed alias that is an existing entity’s Chinese name', async () => {
      await given(organization('es-nagoya', 'Nagoya Regenerative University', { aliases: ['名古屋再生大学'] }));
      fs.writeFileSync(path.join(dir, 'clash.json'), JSON.stringify(seedFile('es-nagoya-2', 'Nagoya Saisei Daigaku', ['名古屋再生大学'])));

      await expect(loadEcosystemDirectory(app.executor, dir, forumDir)).rejects.toThrow(/nodes\.0\.aliases\.0 "名古屋再生大学".*"es-nagoya"/);
      expect(await written('es-nagoya-2')).toBe(0);
    });

    it('loads a node whose id the graph already holds even when its name is close to another entity’s, and a second run changes nothing', async () => {
      await given(organization('es-steminent', 'Steminent Biotherapeutics Inc.'));
      await given(organization('es-steminent-tw', 'Steminent Biotherapeutics', { distinctFrom: ['es-steminent'] }));
      fs.writeFileSync(path.join(dir, 'held.json'), JSON.stringify(seedFile('es-steminent-tw', 'Steminent Biotherapeutics', ['Steminent TW'])));

      await loadEcosystemDirectory(app.executor, dir, forumDir);
      await loadEcosystemDirectory(app.executor, dir, forumDir);

      const [node] = await rows<{ aliases: string[]; cited: unknown }>(
        'MATCH (n:Entity {id: "es-steminent-tw"}) RETURN n.aliases AS aliases, COUNT { (n)-[:STATED_IN]->() } AS cited',
      );
      expect({ ...node, cited: Number(node!.cited) }).toEqual({ aliases: ['Steminent TW'], cited: 2 });
    });
  });
});
