import { startTestApp, type TestApp } from './support/harness';
import { bearerHeader, newJwtSecret } from './support/tokens';

const secret = newJwtSecret();
const MAX_AGE = 45;

const UPSERT = `mutation($input: UpsertEntityInput!) { upsertEntity(input: $input) { entity { id } } }`;

function organization(id: string, name: string) {
  return {
    type: 'ORGANIZATION',
    id,
    name,
    description: 'An organization written by the HTTP cache test.',
    kind: 'COMPANY',
    country: 'JP',
    source: { id: 'geneonline-2025-04-29-taiwan-japan-regen-forum' },
    evidence: 'Test evidence: written for the HTTP cache test.',
  };
}

describe('HTTP caching of GET queries and exports (Cache-Control, ETag, 304)', () => {
  let app: TestApp;
  let editor: { authorization: string };

  beforeAll(async () => {
    app = await startTestApp({ auth: { jwtSecret: secret }, config: { HTTP_CACHE_MAX_AGE_SECONDS: MAX_AGE }, queryTimeoutMs: 60_000 });
    editor = await bearerHeader(secret, 'curator@example.org', ['editor']);
  });
  afterAll(async () => {
    await app.close();
  });

  const getQuery = (query: string, headers: Record<string, string> = {}) =>
    fetch(`${app.url}/graphql?query=${encodeURIComponent(query)}`, { headers: { 'apollo-require-preflight': 'true', ...headers } });

  const upsert = async (id: string, name: string) => {
    const { errors } = await app.graphql(UPSERT, { input: organization(id, name) }, editor);
    expect(errors).toBeUndefined();
  };

  it('gives the same GET query the same ETag and a public max-age, and answers If-None-Match with 304 and no body', async () => {
    const query = '{ organizations(where: { countryCode: { eq: "JP" } }) { totalCount } }';
    const first = await getQuery(query);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe(`public, max-age=${MAX_AGE}`);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/".+"$/);
    await first.json();

    const second = await getQuery(query);
    expect(second.headers.get('etag')).toBe(etag);
    await second.json();

    const revalidated = await getQuery(query, { 'if-none-match': etag! });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('etag')).toBe(etag);
    expect(await revalidated.text()).toBe('');

    const other = await getQuery('{ organizations(where: { countryCode: { eq: "TW" } }) { totalCount } }');
    expect(other.headers.get('etag')).not.toBe(etag);
    await other.json();
  });

  it('gives a new ETag after a mutation, so the old one gets the full answer again', async () => {
    const query = '{ organizations(where: { countryCode: { eq: "JP" } }) { totalCount } }';
    const before = await getQuery(query);
    const etag = before.headers.get('etag')!;
    const countBefore = ((await before.json()) as { data: { organizations: { totalCount: number } } }).data.organizations.totalCount;

    await upsert('http-cache-new-org', 'HTTP Cache New Org');

    const after = await getQuery(query, { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(((await after.json()) as { data: { organizations: { totalCount: number } } }).data.organizations.totalCount).toBe(countBefore + 1);
  });

  it('changes the ETag when a mutation renames an entity', async () => {
    await upsert('http-cache-renamed-org', 'Before Rename');
    const query = '{ entity(id: "http-cache-renamed-org") { name } }';
    const before = await getQuery(query);
    const etag = before.headers.get('etag')!;
    await before.json();

    await upsert('http-cache-renamed-org', 'After Rename');

    const after = await getQuery(query, { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(((await after.json()) as { data: { entity: { name: string } } }).data.entity.name).toBe('After Rename');
  });

  it('never stores POST requests, mutations or answers with errors', async () => {
    const post = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ organizations { totalCount } }' }) });
    expect(post.status).toBe(200);
    expect(post.headers.get('cache-control')).toBe('no-store');
    expect(post.headers.get('etag')).toBeNull();
    await post.json();

    const mutation = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...editor },
      body: JSON.stringify({ query: UPSERT, variables: { input: organization('http-cache-posted-org', 'Posted Org') } }),
    });
    expect(mutation.headers.get('cache-control')).toBe('no-store');
    await mutation.json();

    const mutationByGet = await getQuery('mutation { __typename }');
    expect(mutationByGet.headers.get('cache-control')).toBe('no-store');
    expect(mutationByGet.headers.get('etag')).toBeNull();
    await mutationByGet.text();

    const badArgument = await getQuery('{ organizations(first: 1000) { totalCount } }');
    expect(badArgument.headers.get('cache-control')).toBe('no-store');
    expect(badArgument.headers.get('etag')).toBeNull();
    expect(((await badArgument.json()) as { errors: unknown[] }).errors).toHaveLength(1);
  });

  it('caches exports the same way: ETag per where, 304 while unchanged, a new ETag after a write, no-store on a bad where', async () => {
    const url = `${app.url}/export/organizations.csv?where=${encodeURIComponent('{"countryCode":{"eq":"JP"}}')}`;
    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe(`public, max-age=${MAX_AGE}`);
    const etag = first.headers.get('etag')!;
    const csv = await first.text();

    const revalidated = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');

    await upsert('http-cache-export-org', 'HTTP Cache Export Org');
    const after = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    const rows = (await after.text()).split('\r\n').filter(Boolean);
    expect(rows).toHaveLength(csv.split('\r\n').filter(Boolean).length + 1);
    expect(rows.some((row) => row.startsWith('http-cache-export-org,'))).toBe(true);

    const bad = await fetch(`${app.url}/export/organizations.csv?where=${encodeURIComponent('{"countryCode":{"eq":81}}')}`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('cache-control')).toBe('no-store');
    expect(bad.headers.get('etag')).toBeNull();
    await bad.json();
  });
});

describe('HTTP caching when reads require a token', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ auth: { jwtSecret: secret }, config: { READS_REQUIRE_TOKEN: true }, queryTimeoutMs: 60_000 });
  });
  afterAll(async () => {
    await app.close();
  });

  it('marks answers private, so no shared cache keeps them', async () => {
    const reader = await bearerHeader(secret, 'dash', ['reader']);
    const response = await fetch(`${app.url}/graphql?query=${encodeURIComponent('{ entity(id: "bpipo") { id } }')}`, { headers: { 'apollo-require-preflight': 'true', ...reader } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, max-age=30');
    await response.json();
    const anonymous = await fetch(`${app.url}/graphql?query=${encodeURIComponent('{ entity(id: "bpipo") { id } }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(anonymous.headers.get('cache-control')).toBe('no-store');
    await anonymous.text();
  });
});
