import { startLocalNeo4j, stopLocalNeo4j } from '../src/localNeo4j/server';
import { startTestApp, type TestApp } from './support/harness';
import { testInstance } from './support/instance';
import { mintToken, newJwtSecret } from './support/tokens';

interface Outcome {
  at: number;
  ms: number;
  ok: boolean;
  code?: string;
}

const local = process.env.TEST_STARTED_LOCAL_NEO4J === '1';

/**
 * Stops the real local Neo4j under load and starts it again. With NEO4J_URI set
 * the suite cannot stop that server, so this test says so and does not run.
 */
(local ? describe : describe.skip)('the API while Neo4j goes away and comes back', () => {
  let app: TestApp;
  let editor: Record<string, string>;
  const secret = newJwtSecret();
  beforeAll(async () => {
    app = await startTestApp({ auth: { jwtSecret: secret } });
    const token = await mintToken(secret, 'fault-writer', ['editor'], '10m');
    editor = { authorization: `Bearer ${token}` };
  });
  afterAll(async () => {
    await app.close();
  });

  it('fails fast with SERVICE_UNAVAILABLE while Neo4j is down and recovers without a restart, data whole', async () => {
    const countEntities = async () =>
      (await app.driver.executeQuery('MATCH (n:Entity) RETURN count(n) AS n')).records[0]!.get('n') as number;
    const before = await countEntities();
    const outcomes: Outcome[] = [];
    const started = Date.now();
    let running = true;
    const client = async () => {
      while (running) {
        const t = Date.now();
        const res = await app.graphql<{ organizations: { totalCount: number } }>('{ organizations(first: 5) { totalCount nodes { id country { code } } } }');
        outcomes.push({ at: t - started, ms: Date.now() - t, ok: !res.errors, code: res.errors?.[0]?.extensions?.code as string | undefined });
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    // A writer upserts new organizations throughout; each acknowledged write must be in the graph afterwards.
    const acknowledged: string[] = [];
    const refused: string[] = [];
    let written = 0;
    const writer = async () => {
      while (running) {
        const id = `fault-org-${written++}`;
        const res = await app.graphql(
          'mutation($i: UpsertEntityInput!) { upsertEntity(input: $i) { created } }',
          { i: { type: 'ORGANIZATION', id, name: `Fault ${id}`, description: 'Written while Neo4j goes away.', kind: 'COMPANY', source: { id: 'geneonline-2025-04-29-taiwan-japan-regen-forum' }, evidence: 'Fault test write.' } },
          editor,
        );
        (res.errors ? refused : acknowledged).push(id);
        if (res.errors) expect(['SERVICE_UNAVAILABLE', 'QUERY_TIMEOUT']).toContain(res.errors[0]?.extensions?.code);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const clients = [client(), client(), client(), writer()];
    await new Promise((r) => setTimeout(r, 2_000));

    const stoppedAt = Date.now() - started;
    await stopLocalNeo4j(testInstance());
    const stopDone = Date.now() - started;
    // Keep Neo4j away until the clients have seen it gone: two failed requests that began after the stop.
    for (let waited = 0; waited < 30_000 && outcomes.filter((o) => o.at > stopDone && !o.ok).length < 2; waited += 250) {
      await new Promise((r) => setTimeout(r, 250));
    }
    const ready = await fetch(`${app.url}/ready`);
    expect(ready.status).toBe(503);
    expect((await fetch(`${app.url}/health`)).status).toBe(200);

    const restartAt = Date.now() - started;
    await startLocalNeo4j(testInstance());
    const upAt = Date.now() - started;
    for (let waited = 0; waited < 30_000 && !outcomes.some((o) => o.ok && o.at >= upAt); waited += 250) {
      await new Promise((r) => setTimeout(r, 250));
    }
    await new Promise((r) => setTimeout(r, 500));
    running = false;
    await Promise.all(clients);

    // Requests that began once Neo4j was stopped and ended before a restarted server could
    // answer (a start takes several seconds) ran against no database at all.
    const during = outcomes.filter((o) => o.at > stopDone && o.at < restartAt && o.at + o.ms < restartAt + 3_000);
    const failures = outcomes.filter((o) => !o.ok);
    const firstOkAfterUp = outcomes.find((o) => o.ok && o.at >= restartAt);
    const timeline = {
      requests: outcomes.length,
      failed: failures.length,
      failureCodes: [...new Set(failures.map((f) => f.code))],
      slowestFailureMs: Math.max(0, ...failures.map((f) => f.ms)),
      stopRequestedAtMs: stoppedAt,
      stoppedAtMs: stopDone,
      restartRequestedAtMs: restartAt,
      neo4jUpAtMs: upAt,
      firstSuccessAfterRestartAtMs: firstOkAfterUp ? firstOkAfterUp.at + firstOkAfterUp.ms : null,
    };
    process.stdout.write(`fault timeline ${JSON.stringify(timeline)}\n`);

    expect(during.length).toBeGreaterThan(0);
    expect(during.every((o) => !o.ok && o.code === 'SERVICE_UNAVAILABLE')).toBe(true);
    // While Neo4j shuts down, transactions it terminates may time out instead.
    expect(timeline.failureCodes.every((c) => c === 'SERVICE_UNAVAILABLE' || c === 'QUERY_TIMEOUT')).toBe(true);
    expect(firstOkAfterUp).toBeDefined();
    expect(outcomes[outcomes.length - 1]!.ok).toBe(true);
    expect((await fetch(`${app.url}/ready`)).status).toBe(200);
    // Every acknowledged write is there, each exactly once, and nothing else was added;
    // a refused write is either absent or, if Neo4j committed it just before the
    // connection broke, present whole (with its source link): never half-written.
    const stored = await app.driver.executeQuery(
      "MATCH (n:Entity) WHERE n.id STARTS WITH 'fault-org-' RETURN n.id AS id, EXISTS { (n)-[:STATED_IN]->(:Source) } AS sourced",
    );
    const storedIds = stored.records.map((r) => r.get('id') as string);
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    for (const id of acknowledged) expect(storedIds).toContain(id);
    expect(storedIds.every((id) => acknowledged.includes(id) || refused.includes(id))).toBe(true);
    expect(stored.records.every((r) => r.get('sourced') === true)).toBe(true);
    process.stdout.write(`fault writes: ${acknowledged.length} acknowledged, ${refused.length} refused, ${storedIds.length} stored\n`);
    expect(await countEntities()).toBe(before + storedIds.length);
    // Stopping and starting the JVM takes most of this test; on a busy machine that alone nears a minute.
  }, 180_000);
});
