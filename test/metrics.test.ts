import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { StatisticsCache } from '../src/modules/statistics/cache';
import { createMetrics, MAX_LABEL_LENGTH } from '../src/observability/metrics';
import { createServer } from '../src/server';
import { startTestApp, type TestApp } from './support/harness';

const NAMED = 'query MetricsEntityLookup { entity(id: "duogenic-stemcells") { id } }';
const BAD_INPUT = 'query MetricsBadInput($id: ID!) { entity(id: $id) { id } }';
const METRICS_TOKEN = 'metrics-test-scraper-token-0123456789';

describe('metrics and operation logs', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ config: { METRICS_TOKEN } });
  });
  /** GET /metrics as a Prometheus scraper holding METRICS_TOKEN does. */
  const scrape = () => fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  afterAll(async () => {
    await app?.close();
  });

  it('serves request, Neo4j and process metrics in Prometheus text format after a named and a bad-input operation', async () => {
    const ok = await app.graphql(NAMED);
    expect(ok.errors).toBeUndefined();
    const bad = await app.graphql(BAD_INPUT, { id: '' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const response = await scrape();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();

    expect(text).toMatch(/^graphql_requests_total\{operation="MetricsEntityLookup",outcome="ok"\} 1$/m);
    expect(text).toMatch(/^graphql_requests_total\{operation="MetricsBadInput",outcome="BAD_USER_INPUT"\} 1$/m);
    expect(text).toMatch(/^graphql_request_duration_seconds_count\{operation="MetricsEntityLookup",outcome="ok"\} 1$/m);
    expect(text).toMatch(/^neo4j_queries_total\{query="compiled\/entity",mode="READ",outcome="ok"\} \d+$/m);
    expect(text).toMatch(/^neo4j_query_duration_seconds_bucket\{le="[^"]+",query="compiled\/entity",mode="READ"\} \d+$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  });

  it('records how many keys each DataLoader batch carried, for provenance read outside a compiled selection (corroboration)', async () => {
    const res = await app.graphql('{ organizations(first: 5) { nodes { id corroboration { sourceCount } } } }');
    expect(res.errors).toBeUndefined();
    const text = await (await scrape()).text();
    expect(text).toMatch(/^dataloader_batch_size_count\{loader="citations"\} [1-9]\d*$/m);
    expect(text).toMatch(/^dataloader_batch_size_sum\{loader="citations"\} [2-9]\d*$/m);
  });

  it('labels an operation without a name as anonymous', async () => {
    await app.graphql('{ entity(id: "duogenic-stemcells") { id } }');
    const text = await (await scrape()).text();
    expect(text).toMatch(/^graphql_requests_total\{operation="anonymous",outcome="ok"\} \d+$/m);
  });

  it('truncates long operation names and maps names past the cap to "other"', () => {
    const metrics = createMetrics({ defaultMetrics: false, maxOperationNames: 2 });
    expect(metrics.operationLabel('x'.repeat(100))).toHaveLength(MAX_LABEL_LENGTH);
    expect(metrics.operationLabel('Second')).toBe('Second');
    expect(metrics.operationLabel('Third')).toBe('other');
    expect(metrics.operationLabel('Second')).toBe('Second');
    expect(metrics.operationLabel(undefined)).toBe('anonymous');
  });

  it('logs one line per operation with request id, name, duration, outcome and codes, but never the variables', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const logger = pino({ level: 'info' }, sink);
    const server = await createServer({
      config: { NODE_ENV: 'test' },
      executor: app.executor,
      logger,
      statistics: new StatisticsCache(app.executor, 0),
      version: 'test',
    });
    await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.httpServer.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'obs-1' },
        // An id over 200 characters is refused with BAD_USER_INPUT; its text must not reach the log.
        body: JSON.stringify({ query: BAD_INPUT, variables: { id: `secret-variable-${'x'.repeat(200)}` }, operationName: 'MetricsBadInput' }),
      });
      await response.json();
    } finally {
      await server.stop();
    }

    const operations = lines.filter((l) => l.msg === 'graphql operation');
    expect(operations).toHaveLength(1);
    expect(operations[0]).toMatchObject({
      requestId: 'obs-1',
      operationName: 'MetricsBadInput',
      outcome: 'BAD_USER_INPUT',
      errorCodes: ['BAD_USER_INPUT'],
    });
    expect(typeof operations[0]?.durationMs).toBe('number');
    expect(operations[0]).not.toHaveProperty('variables');
    expect(lines.map((l) => JSON.stringify(l)).join('\n')).not.toContain('secret-variable');
  });
});
