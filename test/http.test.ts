import { startTestApp, type TestApp } from './support/harness';

/** POSTs a raw body to /graphql and returns status and parsed JSON (or text). */
async function post(app: TestApp, body: string, contentType = 'application/json') {
  const response = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': contentType }, body });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}

describe('malformed HTTP and over-limit documents', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers a body that is not JSON with 400 and a JSON error, no stack trace', async () => {
    const res = await post(app, '{"query": "{ about { version } }"');
    expect(res.status).toBe(400);
    expect(res.json.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(res.text).not.toMatch(/at .*\(|node_modules/);
  });

  it('answers an oversized body with 413', async () => {
    const res = await post(app, JSON.stringify({ query: `{ about { version } } # ${'x'.repeat(1_100_000)}` }));
    expect(res.status).toBe(413);
    expect(res.json.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a POST without a JSON content type', async () => {
    const res = await post(app, '{ about { version } }', 'text/plain');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('refuses batched requests with 400', async () => {
    const res = await post(app, JSON.stringify([{ query: '{ about { version } }' }, { query: '{ about { version } }' }]));
    expect(res.status).toBe(400);
  });

  it('refuses a mutation sent with GET', async () => {
    const url = `${app.url}/graphql?query=${encodeURIComponent('mutation { __typename }')}`;
    const response = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(405);
  });

  it('refuses a document nested deeper than the depth limit with LIMIT_EXCEEDED naming the limit', async () => {
    let selection = 'id';
    for (let i = 0; i < 8; i++) selection = `relations { node { ${selection} } }`;
    const res = await app.graphql(`{ entity(id: "bpipo") { ${selection} } }`);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'maxDepth', max: 12 });
  });

  it('refuses a document with too many aliases with LIMIT_EXCEEDED', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: about { version }`).join(' ');
    const res = await app.graphql(`{ ${aliases} }`);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'maxAliases' });
  });

  it('still answers ordinary queries after all of that', async () => {
    const res = await app.graphql<{ entity: { id: string } }>('{ entity(id: "bpipo") { id } }');
    expect(res.data?.entity.id).toBe('bpipo');
  });
});
