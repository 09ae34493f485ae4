import { Registry } from 'prom-client';
import { ENTRY_OVERHEAD_BYTES, ResultCache } from '../src/http/resultCache';
import { startTestApp, type TestApp } from './support/harness';
import { curatedOrganization } from './support/organizations';
import { mintToken, newJwtSecret } from './support/tokens';

// The server-side result cache (src/http/resultCache.ts): answers kept per
// document, variables, caller's visibility, reader's language and the graph version read from
// Neo4j, so any write, through this API instance or another, is seen at once.

const secret = newJwtSecret();
const METRICS_TOKEN = 'metrics-token-for-the-result-cache-test';
const bearer = async (subject: string, roles: string[]) => ({ authorization: `Bearer ${await mintToken(secret, subject, roles)}` });

const TAIWAN = `query Taiwan { organizations(where: { countryCode: { eq: "TW" } }, first: 100) { totalCount nodes { id } } }`;
const BY_COUNTRY = `query ByCountry { organizationsAggregate(groupBy: [{ field: "countryCode" }], first: 50) { totalCount groups { key count } } }`;
const UPSERT = `mutation($input: UpsertEntityInput!) { upsertEntity(input: $input) { created entity { id } } }`;

async function metric(app: TestApp, name: string): Promise<number> {
  const text = await (await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  return [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? ([\\d.e+-]+)$`, 'gm'))].reduce((sum, m) => sum + Number(m[1]), 0);
}

describe('the result cache', () => {
  let one: TestApp;
  let two: TestApp;
  let editor: Record<string, string>;

  beforeAll(async () => {
    const config = { RESULT_CACHE_MAX_MB: 16, METRICS_TOKEN };
    one = await startTestApp({ auth: { jwtSecret: secret }, config, queryTimeoutMs: 60_000 });
    // A second API instance on the same database, with its own cache.
    two = await startTestApp({ seed: false, auth: { jwtSecret: secret }, config, queryTimeoutMs: 60_000 });
    editor = await bearer('alice@example.org', ['editor']);
  });
  afterAll(async () => {
    await two?.close();
    await one?.close();
  });

  it('answers a repeated aggregate from the cache without running it again, and /metrics counts the hit', async () => {
    const first = await one.graphql<any>(BY_COUNTRY);
    expect(first.errors).toBeUndefined();
    const hits = await metric(one, 'result_cache_hits_total');
    one.queries.length = 0;
    const again = await one.graphql<any>(BY_COUNTRY);
    expect(again.data).toEqual(first.data);
    expect(one.queries.map((q) => q.name)).toEqual(['httpCache/graphVersion']);
    expect(await metric(one, 'result_cache_hits_total')).toBe(hits + 1);
    expect(await metric(one, 'result_cache_bytes')).toBeGreaterThan(0);
  });

  it('sees a write through the API at once: the write changes the graph version the answers are kept under', async () => {
    const before = await one.graphql<any>(TAIWAN);
    await one.graphql<any>(TAIWAN);
    const { errors } = await one.graphql<any>(UPSERT, { input: curatedOrganization('cache-write-one') }, editor);
    expect(errors).toBeUndefined();
    const after = await one.graphql<any>(TAIWAN);
    expect(after.data.organizations.totalCount).toBe(before.data.organizations.totalCount + 1);
    expect(after.data.organizations.nodes.map((n: { id: string }) => n.id)).toContain('cache-write-one');
  });

  it('keeps two API instances on one database correct: a write through one is seen by the other, in lists, aggregates and exports', async () => {
    const csv = async () => (await (await fetch(`${one.url}/export/organizations.csv?where=${encodeURIComponent('{"countryCode":{"eq":"TW"}}')}`)).text()).trim().split('\n').length;
    const list = await one.graphql<any>(TAIWAN);
    const groups = await one.graphql<any>(BY_COUNTRY);
    const rows = await csv();
    expect(await csv()).toBe(rows);
    expect((await one.graphql<any>(TAIWAN)).data).toEqual(list.data);
    const { errors } = await two.graphql<any>(UPSERT, { input: curatedOrganization('cache-write-two') }, editor);
    expect(errors).toBeUndefined();
    expect((await one.graphql<any>(TAIWAN)).data.organizations.totalCount).toBe(list.data.organizations.totalCount + 1);
    const taiwan = (data: any) => data.organizationsAggregate.groups.find((g: { key: string[] }) => g.key[0] === 'TW').count;
    expect(taiwan((await one.graphql<any>(BY_COUNTRY)).data)).toBe(taiwan(groups.data) + 1);
    expect(await csv()).toBe(rows + 1);
  });

  it('keeps the list of applied changes and the feed documents under the graph version, but never a review queue', async () => {
    const CHANGES = `query($status: [ChangeStatus!]) { changes(status: $status, first: 5) { edges { node { id status summary } } } }`;
    const reviewer = await bearer('carol@example.org', ['editor', 'reviewer']);
    const reads = async (send: () => Promise<unknown>) => {
      one.queries.length = 0;
      await send();
      return one.queries.map((q) => q.name);
    };
    const applied = () => one.graphql<any>(CHANGES, {});
    const queue = () => one.graphql<any>(CHANGES, { status: ['PROPOSED'] }, reviewer);
    const feed = () => fetch(`${one.url}/feed.atom?countries=TW`).then((r) => r.text());
    for (const send of [applied, queue, feed]) await send();
    expect(await reads(applied)).not.toContain('changes/page');
    expect(await reads(queue)).toContain('changes/page');
    expect(await reads(feed)).not.toContain('changes/page');
    const { errors } = await one.graphql<any>(UPSERT, { input: curatedOrganization('cache-changes-org') }, editor);
    expect(errors).toBeUndefined();
    expect(await reads(applied)).toContain('changes/page');
    expect((await applied()).data.changes.edges[0].node.summary).toContain('cache-changes-org');
    expect(await reads(feed)).toContain('changes/page');
    expect(await feed()).toContain('cache-changes-org');
  });

  it('keeps answers apart by the caller: an editor does not get the answer kept for an anonymous reader', async () => {
    await one.graphql<any>(BY_COUNTRY);
    const misses = await metric(one, 'result_cache_misses_total');
    await one.graphql<any>(BY_COUNTRY, undefined, await bearer('carol@example.org', ['editor', 'reviewer']));
    expect(await metric(one, 'result_cache_misses_total')).toBe(misses + 1);
  });

  it('stays within its bound in bytes, evicting the least recently used answers first', async () => {
    const registry = new Registry();
    const cache = new ResultCache(64 * 1024, registry);
    const answer = 'x'.repeat(4000);
    for (let i = 0; i < 100; i++) {
      cache.set(`key-${i}`, answer);
      if (i >= 1) cache.get('graphql', 'key-0'); // used again and again: never the least recently used
    }
    expect(cache.get('graphql', 'key-0')).toBe(answer);
    expect(cache.get('graphql', 'key-1')).toBeUndefined();
    const text = await registry.metrics();
    expect(Number(/^result_cache_bytes (\d+)/m.exec(text)![1])).toBeLessThanOrEqual(64 * 1024);
    expect(Number(/^result_cache_evictions_total (\d+)/m.exec(text)![1])).toBeGreaterThan(80);
    cache.set('too-large', 'y'.repeat(9 * 1024));
    expect(cache.get('graphql', 'too-large')).toBeUndefined();
  });

  it('counts what an answer holds: its serialized bytes (UTF-8, so 台灣 is six), its key and the overhead per entry', async () => {
    const registry = new Registry();
    const cache = new ResultCache(1024 * 1024, registry);
    const answers = { [ResultCache.key('graphql', ['{ a }', null, {}], 'anonymous', 'v1')]: JSON.stringify({ data: { name: '台灣再生醫學' } }), 'a-key': 'short' };
    for (const [key, body] of Object.entries(answers)) cache.set(key, body);
    const expected = Object.entries(answers).reduce((sum, [key, body]) => sum + Buffer.byteLength(body) + Buffer.byteLength(key) + ENTRY_OVERHEAD_BYTES, 0);
    expect(Number(/^result_cache_bytes (\d+)/m.exec(await registry.metrics())![1])).toBe(expected);
    expect(cache.get('graphql', 'a-key')).toBe('short');
  });
});
