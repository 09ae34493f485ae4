import { loadSeed } from '../src/ingest/loadSeed';
import { seedFile } from '../src/ingest/seedFile';
import { curatedOrganization } from './support/organizations';
import { startTestApp, type TestApp } from './support/harness';
import { mintToken, newJwtSecret } from './support/tokens';

const secret = newJwtSecret();
const bearer = async (subject: string, roles: string[]) => ({ authorization: `Bearer ${await mintToken(secret, subject, roles)}` });
const SOURCE = { id: 'geneonline-2025-04-29-taiwan-japan-regen-forum' };
const TRANSCRIPT = process.env.TRANSCRIPT === '1';
const say = (line: string) => {
  if (TRANSCRIPT) process.stdout.write(`${line}\n`);
};

const UPSERT = `mutation($input: UpsertEntityInput!) {
  upsertEntity(input: $input) { created entity { id name description version } change { id subject } }
}`;
const READ = `query($id: ID!) { entity(id: $id) { id name description version } }`;
const HISTORY = `query($id: ID!, $after: String) { entity(id: $id) { version history(first: 2, after: $after) {
  edges { node { version created fields { field before after } change { id author status reviewer note } } }
  pageInfo { hasNextPage endCursor } } } }`;

const organization = (id: string, extra: Record<string, unknown> = {}) => curatedOrganization(id, { source: SOURCE, ...extra });

describe('versions: no update is lost without its author being told', () => {
  let app: TestApp;
  let alice: Record<string, string>;
  let bob: Record<string, string>;

  beforeAll(async () => {
    app = await startTestApp({ auth: { jwtSecret: secret }, queryTimeoutMs: 60_000 });
    alice = await bearer('alice@example.org', ['editor']);
    bob = await bearer('bob@example.org', ['editor']);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  const version = async (id: string) => (await app.graphql<{ entity: { version: number } }>(READ, { id })).data!.entity.version;

  it('shows a version on every entity and relationship: 1 as loaded', async () => {
    const { data, errors } = await app.graphql<{ organizations: { edges: { node: { version: number; relations: { version: number }[] } }[] } }>(
      '{ organizations(first: 3) { edges { node { version relations(first: 3) { version } } } } }',
    );
    expect(errors).toBeUndefined();
    for (const { node } of data!.organizations.edges) {
      expect(node.version).toBe(1);
      for (const r of node.relations) expect(r.version).toBe(1);
    }
  });

  it('counts one version per write that changes a field, and none for a write that changes nothing', async () => {
    await app.graphql(UPSERT, { input: organization('ver-org') }, alice);
    expect(await version('ver-org')).toBe(1);
    await app.graphql(UPSERT, { input: organization('ver-org', { description: 'Changed once.' }) }, alice);
    expect(await version('ver-org')).toBe(2);
    await app.graphql(UPSERT, { input: organization('ver-org', { description: 'Changed once.' }) }, alice);
    expect(await version('ver-org')).toBe(2);
  });

  it('lost update, before: two curators edit one field without a base version and the first value is overwritten unseen', async () => {
    await app.graphql(UPSERT, { input: organization('lost-org') }, alice);
    say('BEFORE (no expectedVersion)');
    const seenByAlice = (await app.graphql<{ entity: { description: string; version: number } }>(READ, { id: 'lost-org' })).data!.entity;
    const seenByBob = (await app.graphql<{ entity: { description: string; version: number } }>(READ, { id: 'lost-org' })).data!.entity;
    say(`  alice reads lost-org: description=${JSON.stringify(seenByAlice.description)} version=${seenByAlice.version}`);
    say(`  bob   reads lost-org: description=${JSON.stringify(seenByBob.description)} version=${seenByBob.version}`);
    const a = await app.graphql(UPSERT, { input: organization('lost-org', { description: 'Founded in 2015 (per the forum page).' }) }, alice);
    say(`  alice writes description="Founded in 2015 (per the forum page)." -> ${a.errors ? a.errors[0]!.extensions!.code : 'ok'}`);
    const b = await app.graphql(UPSERT, { input: organization('lost-org', { description: 'A cell-therapy CDMO.' }) }, bob);
    say(`  bob   writes description="A cell-therapy CDMO."                 -> ${b.errors ? b.errors[0]!.extensions!.code : 'ok'}`);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    const now = (await app.graphql<{ entity: { description: string } }>(READ, { id: 'lost-org' })).data!.entity;
    say(`  lost-org now: description=${JSON.stringify(now.description)}; alice was never told her value is gone`);
    expect(now.description).toBe('A cell-therapy CDMO.');
  });

  it('lost update, after: the second write names the version it saw and is refused with CONFLICT naming the field, its value and the change', async () => {
    await app.graphql(UPSERT, { input: organization('kept-org') }, alice);
    say('AFTER (expectedVersion)');
    const seen = (await app.graphql<{ entity: { description: string; version: number } }>(READ, { id: 'kept-org' })).data!.entity;
    say(`  alice and bob read kept-org: description=${JSON.stringify(seen.description)} version=${seen.version}`);
    const a = await app.graphql<{ upsertEntity: { entity: { version: number }; change: { id: string } } }>(
      UPSERT,
      { input: organization('kept-org', { description: 'Founded in 2015 (per the forum page).', expectedVersion: seen.version }) },
      alice,
    );
    say(`  alice writes description with expectedVersion=${seen.version} -> ok, now version ${a.data!.upsertEntity.entity.version}, change ${a.data!.upsertEntity.change.id}`);
    expect(a.data!.upsertEntity.entity.version).toBe(2);
    const b = await app.graphql(UPSERT, { input: organization('kept-org', { description: 'A cell-therapy CDMO.', expectedVersion: seen.version }) }, bob);
    expect(a.errors).toBeUndefined();
    const error = b.errors![0]!;
    say(`  bob   writes description with expectedVersion=${seen.version} -> ${String(error.extensions!.code)}: ${error.message}`);
    say(`        extensions.conflicts = ${JSON.stringify(error.extensions!.conflicts)}`);
    expect(error.extensions).toMatchObject({
      code: 'CONFLICT',
      conflicts: [
        {
          targetId: 'kept-org',
          expectedVersion: 1,
          currentVersion: 2,
          changed: [{ field: 'description', current: 'Founded in 2015 (per the forum page).', changeId: a.data!.upsertEntity.change.id, version: 2 }],
        },
      ],
    });
    const now = (await app.graphql<{ entity: { description: string; version: number } }>(READ, { id: 'kept-org' })).data!.entity;
    say(`  kept-org now: description=${JSON.stringify(now.description)} version=${now.version}; bob re-reads, and re-bases if he still disagrees`);
    expect(now).toMatchObject({ description: 'Founded in 2015 (per the forum page).', version: 2 });
    const rebased = await app.graphql(UPSERT, { input: organization('kept-org', { description: 'A cell-therapy CDMO.', expectedVersion: 2 }) }, bob);
    expect(rebased.errors).toBeUndefined();
  });

  it('refuses a creation whose base says the id must be new (0) when it exists, and a relationship write on an old base', async () => {
    await app.graphql(UPSERT, { input: organization('taken-org') }, alice);
    const again = await app.graphql(UPSERT, { input: organization('taken-org', { expectedVersion: 0 }) }, bob);
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const LINK = `mutation($input: LinkEntitiesInput!) { linkEntities(input: $input) { id change { id } } }`;
    await app.graphql(UPSERT, { input: organization('link-a', { name: 'Linking Start Holdings' }) }, alice);
    await app.graphql(UPSERT, { input: organization('link-b', { name: 'Far End Biologics' }) }, alice);
    const link = (extra: Record<string, unknown>) => ({ type: 'OPERATES', from: 'link-a', to: 'link-b', source: SOURCE, evidence: 'They partner.', ...extra });
    const first = await app.graphql(LINK, { input: link({ expectedVersion: 0 }) }, alice);
    expect(first.errors).toBeUndefined();
    const second = await app.graphql(LINK, { input: link({ expectedVersion: 0 }) }, bob);
    expect(second.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const RETRACT = `mutation($input: RetractInput!) { retract(input: $input) { id } }`;
    const stale = await app.graphql(RETRACT, { input: { entityId: 'link-a', reason: 'test', expectedVersion: 7 } }, await bearer('root', ['admin']));
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await version('link-a')).toBe(1);
  });

  it('keeps each write in the history, field by field, newest first, a page at a time', async () => {
    await app.graphql(UPSERT, { input: organization('hist-org') }, alice);
    await app.graphql(UPSERT, { input: organization('hist-org', { name: 'Hist Org Renamed' }) }, bob);
    await app.graphql(UPSERT, { input: organization('hist-org', { description: 'Third state.' }) }, alice);
    const page1 = await app.graphql<{ entity: { version: number; history: { edges: { node: { version: number; created: boolean; fields: { field: string; before: unknown; after: unknown }[]; change: { author: string; status: string } } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } }>(
      HISTORY,
      { id: 'hist-org' },
    );
    expect(page1.errors).toBeUndefined();
    const h = page1.data!.entity.history;
    expect(h.edges.map((e) => e.node.version)).toEqual([3, 2]);
    expect(h.edges[1]!.node).toMatchObject({ created: false, fields: [{ field: 'name', before: 'Org hist-org', after: 'Hist Org Renamed' }], change: { author: 'bob@example.org', status: 'APPROVED' } });
    expect(h.pageInfo.hasNextPage).toBe(true);
    const page2 = await app.graphql<{ entity: { history: { edges: { node: { version: number; created: boolean; fields: { field: string }[] } }[]; pageInfo: { hasNextPage: boolean } } } }>(HISTORY, {
      id: 'hist-org',
      after: h.pageInfo.endCursor,
    });
    expect(page2.data!.entity.history.edges.map((e) => e.node.version)).toEqual([1]);
    expect(page2.data!.entity.history.edges[0]!.node.created).toBe(true);
    expect(page2.data!.entity.history.edges[0]!.node.fields.map((f) => f.field)).toEqual(expect.arrayContaining(['name', 'description', 'country', 'kind']));
    expect(page2.data!.entity.history.pageInfo.hasNextPage).toBe(false);
  });
  it('states the instants of a change in its history as it states them anywhere else', async () => {
    const { data } = await app.graphql<{ upsertEntity: { change: { id: string } } }>(UPSERT, { input: organization('hist-instants-org') }, alice);
    const INSTANTS = 'id at appliedAt reviewedAt';
    const history = await app.graphql<{ entity: { history: { edges: { node: { change: Record<string, string | null> } }[] } } }>(
      `query($id: ID!) { entity(id: $id) { history(first: 1) { edges { node { change { ${INSTANTS} } } } } } }`,
      { id: 'hist-instants-org' },
    );
    const alone = await app.graphql<{ change: Record<string, string | null> }>(`query($id: ID!) { change(id: $id) { ${INSTANTS} } }`, { id: data!.upsertEntity.change.id }, alice);

    const inHistory = history.data!.entity.history.edges[0]!.node.change;
    expect(inHistory).toEqual(alone.data!.change);
    expect(inHistory.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{9})?Z$/);
  });

  it('refuses a history cursor this list did not give with BAD_USER_INPUT naming after, and answers nothing else of the read', async () => {
    await app.graphql(UPSERT, { input: organization('hist-cursor-org') }, alice);
    const refused = await app.graphql<{ entity: unknown }>(HISTORY, { id: 'hist-cursor-org', after: Buffer.from(JSON.stringify({ at: 'x' })).toString('base64url') });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(JSON.stringify(refused.errors)).not.toMatch(/MATCH|stack/i);
  });

  it('a reload that changes an entity or relationship raises its version, so an edit based on the version read before it is refused; an unchanged reload raises nothing', async () => {
    const file = (description: string, role: string) =>
      seedFile.parse({
        source: { id: 'ver-load-source', publisher: 'Made-up Gazette', title: '[made-up page for the version test]', publishedOn: '2025-05-01', language: 'en' },
        nodes: [
          { label: 'Organization', id: 'ver-load-org', name: 'Reloaded Cells Co.', description, kind: 'COMPANY', evidence: 'The page names it.' },
          { label: 'Organization', id: 'ver-load-park', name: 'Reloaded Science Park', description: 'A park on the made-up page.', kind: 'SCIENCE_PARK', evidence: 'The page names it.' },
        ],
        relationships: [{ type: 'OPERATES', from: 'ver-load-park', to: 'ver-load-org', evidence: role }],
      });
    await loadSeed(app.executor, file('First description.', 'It runs it.'), 'ver-load.json');
    const REL = `query { entity(id: "ver-load-park") { relations(first: 5) { id version } } }`;
    const relVersion = async () => (await app.graphql<{ entity: { relations: { id: string; version: number }[] } }>(REL)).data!.entity.relations.find((r) => r.id === 'ver-load-park--OPERATES--ver-load-org')!.version;
    expect([await version('ver-load-org'), await relVersion()]).toEqual([1, 1]);

    await loadSeed(app.executor, file('First description.', 'It runs it.'), 'ver-load.json');
    expect([await version('ver-load-org'), await version('ver-load-park'), await relVersion()]).toEqual([1, 1, 1]);

    await loadSeed(app.executor, file('Second description, from a reload.', 'It operates it, a second reading.'), 'ver-load.json');
    expect([await version('ver-load-org'), await version('ver-load-park'), await relVersion()]).toEqual([2, 1, 2]);
    const stale = await app.graphql(
      UPSERT,
      { input: { ...organization('ver-load-org'), name: 'Reloaded Cells Co.', description: 'Edited on what was read before the reload.', country: null, expectedVersion: 1 } },
      alice,
    );
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', conflicts: [{ targetId: 'ver-load-org', expectedVersion: 1, currentVersion: 2 }] });
    const fresh = await app.graphql(UPSERT, { input: { ...organization('ver-load-org'), name: 'Reloaded Cells Co.', description: 'Edited on the reloaded version.', country: null, expectedVersion: 2 } }, alice);
    expect(fresh.errors).toBeUndefined();
    expect(await version('ver-load-org')).toBe(3);
  }, 240_000);
});
