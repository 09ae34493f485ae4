import { startTestApp, type TestApp } from './support/harness';
import { curatedOrganization } from './support/organizations';
import { bearerHeader, newJwtSecret } from './support/tokens';

// Entity reads from the result cache (src/http/resultCache.ts, audited in
// src/http/versionedFields.ts): an entity with its history is kept under the
// graph version, an applied change is seen at once, what a write may change
// without a new version is never kept, and readers of another language or role
// never get another's answer.

const secret = newJwtSecret();
const METRICS_TOKEN = 'metrics-token-for-the-entity-cache-test';

const ENTITY = `query Entity($id: ID!) { entity(id: $id) { id name description version history(first: 20) {
  edges { cursor node { version created fields { field before after } change { id author reviewer at appliedAt note source { id } } } }
  pageInfo { hasNextPage endCursor } } } }`;
const UPSERT = `mutation($input: UpsertEntityInput!) { upsertEntity(input: $input) { entity { id version } } }`;
const PROPOSE = `mutation($input: ProposeChangeInput!) { proposeChange(input: $input) { id } }`;
const APPROVE = `mutation($id: ID!) { approveChange(id: $id) { id status } }`;
const REBASE = `mutation($id: ID!, $note: String) { rebaseChange(id: $id, note: $note) { id note } }`;

async function metric(app: TestApp, name: string): Promise<number> {
  const text = await (await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  return [...text.matchAll(new RegExp(`^${name}\\{kind="graphql"\\} ([\\d.e+-]+)$`, 'gm'))].reduce((sum, m) => sum + Number(m[1]), 0);
}

describe('entity reads from the result cache', () => {
  let app: TestApp;
  let editor: Record<string, string>;
  let reviewer: Record<string, string>;

  /** The statements a request ran. */
  const statementsOf = async (send: () => Promise<unknown>) => {
    app.queries.length = 0;
    await send();
    return app.queries.map((q) => q.name);
  };
  const propose = async (id: string, description: string) => {
    const { data, errors } = await app.graphql<any>(PROPOSE, { input: { operations: [{ upsertEntity: curatedOrganization(id, { description }) }], note: 'Describes it as the forum page does.' } }, editor);
    expect(errors).toBeUndefined();
    return data.proposeChange.id as string;
  };

  beforeAll(async () => {
    app = await startTestApp({ auth: { jwtSecret: secret }, config: { RESULT_CACHE_MAX_MB: 16, METRICS_TOKEN }, queryTimeoutMs: 60_000 });
    editor = await bearerHeader(secret, 'alice@example.org', ['editor']);
    reviewer = await bearerHeader(secret, 'carol@example.org', ['editor', 'reviewer']);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers an entity read with its history from the cache the second time, reading only the graph version', async () => {
    expect((await app.graphql<any>(UPSERT, { input: curatedOrganization('cache-entity-kept') }, editor)).errors).toBeUndefined();
    const first = await app.graphql<any>(ENTITY, { id: 'cache-entity-kept' });
    expect(first.errors).toBeUndefined();
    expect(first.data.entity.history.edges).toHaveLength(1);
    const hits = await metric(app, 'result_cache_hits_total');
    let again: any;
    expect(await statementsOf(async () => (again = await app.graphql<any>(ENTITY, { id: 'cache-entity-kept' })))).toEqual(['httpCache/graphVersion']);
    expect(again.data).toEqual(first.data);
    expect(await metric(app, 'result_cache_hits_total')).toBe(hits + 1);
  });

  it('shows an applied change at once: a direct write and an approved proposal each add a history entry to the next read', async () => {
    const id = 'cache-entity-applied';
    expect((await app.graphql<any>(UPSERT, { input: curatedOrganization(id) }, editor)).errors).toBeUndefined();
    await app.graphql<any>(ENTITY, { id });
    await app.graphql<any>(ENTITY, { id });
    expect((await app.graphql<any>(UPSERT, { input: curatedOrganization(id, { description: 'Rewritten directly.', expectedVersion: 1 }) }, editor)).errors).toBeUndefined();
    const direct = (await app.graphql<any>(ENTITY, { id })).data.entity;
    expect(direct.description).toBe('Rewritten directly.');
    expect(direct.history.edges.map((e: any) => e.node.version)).toEqual([2, 1]);

    const proposal = await propose(id, 'Rewritten after review.');
    // Not applied yet: the read (not kept from before: the proposal moved the version) still shows the entity as it is.
    const pending = (await app.graphql<any>(ENTITY, { id })).data.entity;
    expect(pending).toEqual(direct);
    expect((await app.graphql<any>(APPROVE, { id: proposal }, reviewer)).errors).toBeUndefined();
    const approved = (await app.graphql<any>(ENTITY, { id })).data.entity;
    expect(approved.description).toBe('Rewritten after review.');
    expect(approved.history.edges[0].node).toMatchObject({ version: 3, change: { id: proposal, reviewer: 'carol@example.org' } });
  });

  it('never keeps a selection with a field a write may change without a new graph version: a rebased proposal shows its new note at once', async () => {
    const id = 'cache-entity-rebased';
    expect((await app.graphql<any>(UPSERT, { input: curatedOrganization(id) }, editor)).errors).toBeUndefined();
    const proposal = await propose(id, 'Proposed, then rebased.');
    const WITH_CHANGE = `query($id: ID!, $change: ID!) { entity(id: $id) { id version } change(id: $change) { id note } }`;
    const read = () => app.graphql<any>(WITH_CHANGE, { id, change: proposal }, reviewer);
    await read();
    expect(await statementsOf(read)).not.toEqual(['httpCache/graphVersion']);
    // The entity alone is kept, and rightly so after the rebase: a rebase writes nothing the entity shows.
    await app.graphql<any>(ENTITY, { id }, reviewer);
    const { errors } = await app.graphql<any>(REBASE, { id: proposal, note: 'Rebased with a better note.' }, editor);
    expect(errors).toBeUndefined();
    expect((await read()).data.change.note).toBe('Rebased with a better note.');
    expect(await statementsOf(() => app.graphql<any>(ENTITY, { id }, reviewer))).toEqual(['httpCache/graphVersion']);
  });

  it('keeps answers apart by language and by role: a Japanese reader and a curator each get their own', async () => {
    const id = 'cache-entity-reader';
    const source = { new: { id: 'cache-entity-source', publisher: 'Test Press', title: 'A kept article', publishedOn: '2025-04-29', text: 'The whole article a curator read.' } };
    expect((await app.graphql<any>(UPSERT, { input: { ...curatedOrganization(id), source } }, editor)).errors).toBeUndefined();
    const READ = `query($id: ID!) { entity(id: $id) { id type relations(first: 5) { phrase } sources { source { id text } } } }`;
    const english = await app.graphql<any>(READ, { id });
    await app.graphql<any>(READ, { id });
    expect(english.data.entity.sources[0].source.text).toBeNull();
    const misses = await metric(app, 'result_cache_misses_total');
    const japanese = await app.graphql<any>(READ, { id }, { 'accept-language': 'ja' });
    expect(japanese.data.entity.relations[0].phrase).not.toBe(english.data.entity.relations[0].phrase);
    const curator = await app.graphql<any>(READ, { id }, editor);
    expect(curator.data.entity.sources[0].source.text).toBe('The whole article a curator read.');
    expect(await metric(app, 'result_cache_misses_total')).toBe(misses + 2);
  });
});
