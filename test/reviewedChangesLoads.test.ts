import { ecosystemFile } from '../src/ingest/ecosystemFile';
import { loadEcosystemFile } from '../src/ingest/loadEcosystem';
import { recordLoad } from '../src/ingest/loadRecord';
import { curatedOrganization } from './support/organizations';
import { startTestApp, type TestApp } from './support/harness';
import { mintToken, newJwtSecret } from './support/tokens';

const secret = newJwtSecret();
const bearer = async (subject: string, roles: string[]) => ({ authorization: `Bearer ${await mintToken(secret, subject, roles)}` });

const READ = `query($id: ID!) { entity(id: $id) { version unverified sources { source { id } evidence } relations(first: 10) { id version sources { source { id } evidence } } } }`;
const UPSERT = `mutation($input: UpsertEntityInput!) { upsertEntity(input: $input) { entity { version } change { id } } }`;
const REVERT = `mutation($id: ID!, $note: String!) { revertChange(id: $id, note: $note) { id status operations revertOf } }`;
const APPROVE = `mutation($id: ID!) { approveChange(id: $id) { id status } }`;

interface EntityOut {
  version: number;
  unverified: boolean;
  sources: { source: { id: string }; evidence: string }[];
  relations: { id: string; version: number; sources: { source: { id: string }; evidence: string }[] }[];
}

const page = (id: string) => ({ id, url: `https://example.org/${id}`, publisher: `Publisher of ${id}`, title: `Page ${id}`, publishedOn: '2026-01-01', language: 'en', kind: 'PRIMARY', document: 'test/reviewedChangesLoads.test.ts' });

/** Two organizations, a relationship between them, and claims about each: only the claims' values change between loads. */
const withClaims = (employees: number, startedOn: string) =>
  ecosystemFile.parse({
    format: 2,
    digest: 'test/reviewedChangesLoads.test.ts',
    sources: [page('vl-page')],
    nodes: [
      { label: 'Organization', id: 'vl-org', name: 'Versioned Claims Bio', description: 'A company of the load-version test.', kind: 'COMPANY', country: 'TW', citations: [{ source: 'vl-page', evidence: 'Named on the page.' }] },
      { label: 'Organization', id: 'vl-park', name: 'Versioned Science Campus', description: 'A campus of the load-version test.', kind: 'SCIENCE_PARK', country: 'TW', citations: [{ source: 'vl-page', evidence: 'Named on the page.' }] },
    ],
    relationships: [{ type: 'OPERATES', from: 'vl-park', to: 'vl-org', citations: [{ source: 'vl-page', evidence: 'The campus runs it.' }] }],
    claims: [
      { id: 'vl-employees', subject: 'vl-org', property: 'employees', value: employees, asOf: '2026-01', citations: [{ source: 'vl-page', evidence: 'The page counts its staff.' }] },
      { id: 'vl-started', subject: { type: 'OPERATES', from: 'vl-park', to: 'vl-org' }, property: 'startedOn', value: startedOn, citations: [{ source: 'vl-page', evidence: 'The page dates it.' }] },
    ],
  });

describe('loads, source retractions and merges under versions and revert', () => {
  let app: TestApp;
  let carol: Record<string, string>;
  let bob: Record<string, string>;
  let admin: Record<string, string>;

  beforeAll(async () => {
    app = await startTestApp({ auth: { jwtSecret: secret }, queryTimeoutMs: 60_000 });
    carol = await bearer('carol@example.org', ['editor']);
    bob = await bearer('bob@example.org', ['reviewer']);
    admin = await bearer('ada@example.org', ['admin', 'editor', 'reviewer']);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  const read = async (id: string) => (await app.graphql<{ entity: EntityOut }>(READ, { id })).data!.entity;
  const operates = async () => (await read('vl-park')).relations.find((r) => r.id === 'vl-park--OPERATES--vl-org')!;

  it('a reload that changes only claims raises the version of each claim subject (entity or relationship) once, so an edit on the old base is refused', async () => {
    await loadEcosystemFile(app.executor, withClaims(95, '2020'), 'vl.json');
    expect([(await read('vl-org')).version, (await operates()).version]).toEqual([1, 1]);

    await loadEcosystemFile(app.executor, withClaims(95, '2020'), 'vl.json');
    expect([(await read('vl-org')).version, (await read('vl-park')).version, (await operates()).version]).toEqual([1, 1, 1]);

    await loadEcosystemFile(app.executor, withClaims(120, '2021'), 'vl.json');
    expect([(await read('vl-org')).version, (await read('vl-park')).version, (await operates()).version]).toEqual([2, 1, 2]);

    const stale = await app.graphql(UPSERT, { input: curatedOrganization('vl-org', { name: 'Versioned Claims Bio', description: 'Edited on the version read before the reload.', expectedVersion: 1 }) }, carol);
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', conflicts: [{ targetId: 'vl-org', expectedVersion: 1, currentVersion: 2 }] });
  }, 120_000);

  it('reverting a source retraction brings the source back with every citation it had, after review', async () => {
    const source = { new: { id: 'rv-page', publisher: 'Retracted Gazette', title: 'A page withdrawn and brought back', publishedOn: '2026-02-01', kind: 'PRIMARY' } };
    expect((await app.graphql(UPSERT, { input: curatedOrganization('rv-org', { name: 'Withdrawn Page Cells', source, evidence: 'The page names it.' }) }, carol)).errors).toBeUndefined();
    const link = await app.graphql(
      'mutation($input: LinkEntitiesInput!) { linkEntities(input: $input) { id } }',
      { input: { type: 'OPERATES', from: 'rv-org', to: 'vl-org', source: { id: 'rv-page' }, evidence: 'The page says it runs it.' } },
      carol,
    );
    expect(link.errors).toBeUndefined();
    const retracted = await app.graphql<{ retractSource: { change: { id: string; kind: string } } }>('mutation { retractSource(id: "rv-page", reason: "Withdrawn by mistake.") { change { id kind } } }', {}, admin);
    expect(retracted.errors).toBeUndefined();
    expect((await read('rv-org')).unverified).toBe(true);

    const revert = await app.graphql<{ revertChange: { id: string; status: string; operations: { op: string }[]; revertOf: string } }>(REVERT, { id: retracted.data!.retractSource.change.id, note: 'The page stands.' }, carol);
    expect(revert.errors).toBeUndefined();
    expect(revert.data!.revertChange).toMatchObject({ status: 'PROPOSED', operations: [{ op: 'restoreSource' }], revertOf: retracted.data!.retractSource.change.id });
    expect((await app.graphql(APPROVE, { id: revert.data!.revertChange.id }, bob)).errors).toBeUndefined();

    const org = await read('rv-org');
    expect(org.unverified).toBe(false);
    expect(org.sources.map((s) => s.source.id)).toContain('rv-page');
    expect(org.relations.find((r) => r.id === 'rv-org--OPERATES--vl-org')!.sources).toContainEqual({ source: { id: 'rv-page' }, evidence: 'The page says it runs it.' });
    const again = await app.graphql(REVERT, { id: retracted.data!.retractSource.change.id, note: 'Once more.' }, carol);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'SOURCE_NOT_RETRACTED', sourceId: 'rv-page' });
  }, 120_000);

  it('reverting a merge splits it back after review: the entity, its citations and relationships return, the kept one loses what it took; a second revert is a CONFLICT', async () => {
    const seed = { id: 'geneonline-2025-04-29-taiwan-japan-regen-forum' };
    const page2 = { new: { id: 'rm-page', publisher: 'Merge Gazette', title: 'A page about the merged company', publishedOn: '2026-03-01', kind: 'PRIMARY' } };
    const upsert = async (id: string, name: string, source: unknown) =>
      expect((await app.graphql(UPSERT, { input: curatedOrganization(id, { name, source, evidence: `The page names ${name}.` }) }, carol)).errors).toBeUndefined();
    await upsert('rm-keep', 'Aurora Splitcell Holdings', seed);
    await upsert('rm-merge', 'Borealis Tissueworks', page2);
    await upsert('rm-third', 'Cygnus Bioreactor Park', seed);
    const link = async (from: string, to: string, source: unknown, evidence: string) =>
      expect((await app.graphql('mutation($input: LinkEntitiesInput!) { linkEntities(input: $input) { id } }', { input: { type: 'OPERATES', from, to, source, evidence } }, carol)).errors).toBeUndefined();
    await link('rm-keep', 'rm-third', seed, 'The forum page says Aurora runs it.');
    await link('rm-merge', 'rm-third', { id: 'rm-page' }, 'The gazette says Borealis runs it.');
    await link('rm-third', 'rm-merge', { id: 'rm-page' }, 'The gazette says the park runs Borealis.');
    const merged = await app.graphql<{ mergeEntities: { change: { id: string } } }>(
      'mutation($input: MergeEntitiesInput!) { mergeEntities(input: $input) { change { id } } }',
      { input: { keep: 'rm-keep', merge: 'rm-merge', reason: 'Thought to be one company.' } },
      bob,
    );
    expect(merged.errors).toBeUndefined();
    const kept = await read('rm-keep');
    expect(kept.sources.map((s) => s.source.id)).toContain('rm-page');
    const operating = (e: EntityOut) => e.relations.filter((r) => r.id.includes('--OPERATES--'));
    expect(operating(kept).map((r) => r.id).sort()).toEqual(['rm-keep--OPERATES--rm-third', 'rm-third--OPERATES--rm-keep']);

    const revert = await app.graphql<{ revertChange: { id: string; operations: { op: string }[] } }>(REVERT, { id: merged.data!.mergeEntities.change.id, note: 'Two companies after all.' }, carol);
    expect(revert.errors).toBeUndefined();
    // The split, then a restore of each relationship the merge combined with one the kept entity held (OPERATES, LOCATED_IN).
    expect(revert.data!.revertChange.operations.map((o) => o.op)).toEqual(['splitMerge', 'restore', 'restore']);
    const approved = await app.graphql(APPROVE, { id: revert.data!.revertChange.id }, admin);
    expect(approved.errors).toBeUndefined();

    const back = await read('rm-merge');
    expect(back.sources).toEqual([{ source: { id: 'rm-page' }, evidence: 'The page names Borealis Tissueworks.' }]);
    expect(back.relations.map((r) => r.id)).toContain('rm-merge--LOCATED_IN--country-tw');
    expect(operating(back).map((r) => [r.id, r.sources])).toEqual(
      expect.arrayContaining([
        ['rm-merge--OPERATES--rm-third', [{ source: { id: 'rm-page' }, evidence: 'The gazette says Borealis runs it.' }]],
        ['rm-third--OPERATES--rm-merge', [{ source: { id: 'rm-page' }, evidence: 'The gazette says the park runs Borealis.' }]],
      ]),
    );
    const keptAfter = await read('rm-keep');
    expect(keptAfter.sources.map((s) => s.source.id)).toEqual([seed.id]);
    expect(keptAfter.relations.map((r) => [r.id, r.sources.map((s) => s.source.id)])).toEqual(
      expect.arrayContaining([
        ['rm-keep--OPERATES--rm-third', [seed.id]],
        ['rm-keep--LOCATED_IN--country-tw', [seed.id]],
      ]),
    );
    expect(operating(keptAfter)).toHaveLength(1);
    const names = await app.graphql<{ entity: { name: string; aliases: string[] } }>('query { entity(id: "rm-keep") { name aliases } }');
    expect(names.data!.entity).toEqual({ name: 'Aurora Splitcell Holdings', aliases: [] });

    const again = await app.graphql(REVERT, { id: merged.data!.mergeEntities.change.id, note: 'Once more.' }, carol);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
  }, 120_000);

  it('refuses to revert a load, which recorded no before and after, with a coded reason', async () => {
    const loadId = await recordLoad(app.executor, { loader: 'seed', summary: 'a test load', note: 'test/reviewedChangesLoads.test.ts' });
    const refused = await app.graphql(REVERT, { id: loadId, note: 'Undo the load.' }, carol);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'LOAD_NOT_RECORDED', kind: 'LOAD' });
  });
});
