import { startLocalNeo4j, stopLocalNeo4j } from '../src/localNeo4j/server';
import { testInstance } from './support/instance';
import { startTestApp, type TestApp } from './support/harness';

describe('health and readiness over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ seed: false });
  });
  afterAll(async () => {
    await app.close();
  });

  it('reports the process up on /health', async () => {
    const response = await fetch(`${app.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });

  it('reports the Neo4j version and edition on /ready', async () => {
    const response = await fetch(`${app.url}/ready`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { neo4j: { version: string; edition: string } };
    expect(body.neo4j.version).toMatch(/^5\.26\./);
    expect(body.neo4j.edition).toBe('community');
  });

  it('echoes a request id, or makes one', async () => {
    const given = await fetch(`${app.url}/health`, { headers: { 'x-request-id': 'dash-42' } });
    expect(given.headers.get('x-request-id')).toBe('dash-42');
    const made = await fetch(`${app.url}/health`);
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers a GraphQL request over HTTP from the real database', async () => {
    const response = await app.graphql<{ about: { neo4jVersion: string; neo4jEdition: string } }>(
      '{ about { version neo4jVersion neo4jEdition } }',
    );
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    expect(response.data?.about.neo4jVersion).toMatch(/^5\.26\./);
  });

  const local = process.env.TEST_STARTED_LOCAL_NEO4J === '1';
  (local ? it : it.skip)('turns /ready to 503 while Neo4j is down and recovers when it returns', async () => {
    await stopLocalNeo4j(testInstance());
    try {
      const down = await fetch(`${app.url}/ready`);
      expect(down.status).toBe(503);
      const health = await fetch(`${app.url}/health`);
      expect(health.status).toBe(200);
      const gql = await app.graphql('{ about { neo4jVersion } }');
      expect(gql.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await startLocalNeo4j(testInstance());
    }
    // The driver replaces its broken connections on the next attempts; no restart of the API.
    let status = 0;
    for (let attempt = 0; attempt < 60 && status !== 200; attempt++) {
      status = (await fetch(`${app.url}/ready`)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 500));
    }
    expect(status).toBe(200);
    // A JVM stop and start: on a busy machine that alone nears a minute.
  }, 180_000);
});
