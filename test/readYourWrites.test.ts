import { startTestApp, type TestApp } from './support/harness';
import { mintToken, newJwtSecret } from './support/tokens';

const secret = newJwtSecret();

describe('read-your-writes through a routing (neo4j://) connection', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ routing: true, auth: { jwtSecret: secret }, queryTimeoutMs: 60_000 });
  });
  afterAll(async () => {
    await app.close();
  });

  it('connects with the routing scheme, as it would to a cluster or Aura', async () => {
    const info = await app.driver.getServerInfo();
    expect(info.address).toBe('127.0.0.1:' + new URL(process.env.TEST_NEO4J_URI!.replace(/^bolt/, 'http')).port);
    const routing = await app.driver.executeQuery('CALL dbms.routing.getRoutingTable({}, "neo4j") YIELD servers RETURN servers');
    const roles = (routing.records[0]!.get('servers') as { role: string }[]).map((s) => s.role).sort();
    expect(roles).toEqual(['READ', 'ROUTE', 'WRITE']);
    const { status } = await fetch(`${app.url}/ready`);
    expect(status).toBe(200);
  });

  it('reads each write in the very next request, carried by the bookmarks of the executor', async () => {
    const token = await mintToken(secret, 'ryw@example.org', ['editor']);
    const auth = { authorization: `Bearer ${token}` };
    for (let i = 0; i < 10; i++) {
      const id = `ryw-org-${i}`;
      const write = await app.graphql(
        'mutation($i: UpsertEntityInput!) { upsertEntity(input: $i) { created } }',
        { i: { type: 'ORGANIZATION', id, name: `Read Your Writes ${i}`, description: 'Written, then read at once.', kind: 'COMPANY', country: 'TW', source: { id: 'geneonline-2025-04-29-taiwan-japan-regen-forum' }, evidence: 'Test write.' } },
        auth,
      );
      expect(write.errors).toBeUndefined();
      expect([...(await app.executor.bookmarkManager.getBookmarks())].length).toBeGreaterThan(0);
      const read = await app.graphql<{ entity: { id: string } | null }>('query($id: ID!) { entity(id: $id) { id } }', { id });
      expect(read.data?.entity?.id).toBe(id);
    }
  });
});
