import Parser from 'rss-parser';
import { recordLoad } from '../src/ingest/loadRecord';
import * as changes from '../src/modules/changes/repository';
import { startTestApp, type TestApp } from './support/harness';
import { mintToken, newJwtSecret } from './support/tokens';

const secret = newJwtSecret();
const bearer = async (subject: string, roles: string[]) => ({ authorization: `Bearer ${await mintToken(secret, subject, roles)}` });
const SOURCE = { id: 'geneonline-2025-04-29-taiwan-japan-regen-forum' };
const UPSERT = `mutation($input: UpsertEntityInput!) { upsertEntity(input: $input) { entity { id } change { id } } }`;
const CHANGES = `query($since: DateTime, $until: DateTime, $entity: ID, $types: [EntityType!], $countries: [String!], $status: [ChangeStatus!], $first: Int, $after: String) {
  changes(since: $since, until: $until, entity: $entity, types: $types, countries: $countries, status: $status, first: $first, after: $after) {
    edges { cursor node { id kind status summary author } } pageInfo { hasNextPage endCursor } } }`;

function entity(type: string, id: string, name: string, country: string, extra: Record<string, unknown> = {}) {
  return { type, id, name, description: 'Written for the change feed test.', country, source: SOURCE, evidence: 'The page names it.', ...extra };
}

interface Page {
  changes: { edges: { cursor: string; node: { id: string; kind: string; status: string; summary: string; author: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

describe('the change feed: a connection and an Atom feed of applied changes', () => {
  let app: TestApp;
  let editor: Record<string, string>;
  let startedAt: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp({ auth: { jwtSecret: secret }, queryTimeoutMs: 60_000, config: { HTTP_CACHE_MAX_AGE_SECONDS: 30 } });
    editor = await bearer('alice@example.org', ['editor']);
    startedAt = new Date(Date.now() - 1000).toISOString();
    const write = async (input: Record<string, unknown>) => {
      const { data, errors } = await app.graphql<{ upsertEntity: { change: { id: string } } }>(UPSERT, { input }, editor);
      expect(errors).toBeUndefined();
      return data!.upsertEntity.change.id;
    };
    ids.tw = await write(entity('ORGANIZATION', 'feed-tw-org', 'Feedwatch Taipei Cells', 'TW', { kind: 'COMPANY' }));
    ids.jp = await write(entity('ORGANIZATION', 'feed-jp-org', 'Osaka Feedline Regenerative', 'JP', { kind: 'COMPANY' }));
    ids.tech = await write({ ...entity('TECHNOLOGY', 'feed-tech', 'Feedsheet Cell Sheet', 'JP', { kind: 'PLATFORM' }), country: undefined });
    ids.tw2 = await write(entity('ORGANIZATION', 'feed-tw-org', 'Feedwatch Taipei Cells', 'TW', { kind: 'COMPANY', description: 'Second edit of the Taipei one.' }));
    ids.load = await recordLoad(app.executor, { loader: 'seed', summary: 'loaded 1 seed file: 0 nodes, 0 relationships', note: 'a test load' });
  });
  afterAll(async () => {
    await app.close();
  });

  it('lists applied changes newest first, with since, entity, types and countries filters, a page at a time', async () => {
    const all = await app.graphql<Page>(CHANGES, { since: startedAt });
    expect(all.errors).toBeUndefined();
    expect(all.data!.changes.edges.map((e) => e.node.id)).toEqual([ids.load, ids.tw2, ids.tech, ids.jp, ids.tw]);
    expect(all.data!.changes.edges[0]!.node).toMatchObject({ kind: 'LOAD', status: 'APPROVED', author: 'seed' });
    const about = await app.graphql<Page>(CHANGES, { since: startedAt, entity: 'feed-tw-org' });
    expect(about.data!.changes.edges.map((e) => e.node.id)).toEqual([ids.tw2, ids.tw]);
    const tech = await app.graphql<Page>(CHANGES, { since: startedAt, types: ['TECHNOLOGY'] });
    expect(tech.data!.changes.edges.map((e) => e.node.id)).toEqual([ids.tech]);
    const japan = await app.graphql<Page>(CHANGES, { since: startedAt, countries: ['JP'] });
    expect(japan.data!.changes.edges.map((e) => e.node.id)).toEqual([ids.jp]);
    const first = await app.graphql<Page>(CHANGES, { since: startedAt, first: 2 });
    expect(first.data!.changes.pageInfo.hasNextPage).toBe(true);
    const next = await app.graphql<Page>(CHANGES, { since: startedAt, first: 2, after: first.data!.changes.pageInfo.endCursor });
    expect(next.data!.changes.edges.map((e) => e.node.id)).toEqual([ids.tech, ids.jp]);
    const none = await app.graphql<Page>(CHANGES, { since: startedAt, until: startedAt });
    expect(none.data!.changes.edges).toEqual([]);
  });

  it('shows proposed and rejected changes only to curators', async () => {
    const anonymous = await app.graphql<Page>(CHANGES, { status: ['PROPOSED'] });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const curator = await app.graphql<Page>(CHANGES, { status: ['PROPOSED'] }, editor);
    expect(curator.errors).toBeUndefined();
    const bad = await app.graphql<Page>(CHANGES, { countries: ['Japan'] });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'countries.0' });
  });

  it('serves /feed.atom with the same filters: a valid Atom feed a real parser reads', async () => {
    const response = await fetch(`${app.url}/feed.atom?entity=feed-tw-org&since=${encodeURIComponent(startedAt)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/atom+xml');
    const xml = await response.text();
    const feed = await new Parser().parseString(xml);
    expect(feed.title).toContain('feed-tw-org');
    expect(feed.items.map((i) => i.id)).toEqual([`urn:uuid:${ids.tw2}`, `urn:uuid:${ids.tw}`]);
    expect(feed.items[0]).toMatchObject({ author: 'alice@example.org' });
    expect(feed.items[0]!.title).toContain('feed-tw-org');
    const countries = await new Parser().parseString(await (await fetch(`${app.url}/feed.atom?countries=JP,KR&types=ORGANIZATION&since=${encodeURIComponent(startedAt)}`)).text());
    expect(countries.items.map((i) => i.id)).toEqual([`urn:uuid:${ids.jp}`]);
  });

  it('answers an unchanged feed with 304 on its ETag, and with a new ETag once a change is applied', async () => {
    const url = `${app.url}/feed.atom?types=ORGANIZATION`;
    const first = await fetch(url);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    expect(first.headers.get('cache-control')).toBe('public, max-age=30');
    const again = await fetch(url, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    await app.graphql(UPSERT, { input: entity('ORGANIZATION', 'feed-tw-org', 'Feedwatch Taipei Cells', 'TW', { kind: 'COMPANY', description: 'Third edit.' }) }, editor);
    const changed = await fetch(url, { headers: { 'if-none-match': etag! } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('makes one document from one page read for concurrent identical requests, and a new one once the graph changed', async () => {
    const url = `${app.url}/feed.atom?countries=TW&since=${encodeURIComponent(startedAt)}`;
    // The first page read waits until the other requests have come in, so they overlap whatever the machine's load.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const original = changes.changesPage;
    const pageReads = jest.spyOn(changes, 'changesPage').mockImplementation(async (...args) => {
      await gate;
      return original(...args);
    });
    try {
      const pending = Array.from({ length: 6 }, async () => (await fetch(url)).text());
      while (pageReads.mock.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      await new Promise((resolve) => setTimeout(resolve, 300));
      release();
      const bodies = await Promise.all(pending);
      expect(new Set(bodies).size).toBe(1);
      expect(pageReads).toHaveBeenCalledTimes(1);
      await app.graphql(UPSERT, { input: entity('ORGANIZATION', 'feed-tw-org', 'Feedwatch Taipei Cells', 'TW', { kind: 'COMPANY', description: 'Fourth edit.' }) }, editor);
      const before = await new Parser().parseString(bodies[0]!);
      const after = await new Parser().parseString(await (await fetch(url)).text());
      expect(pageReads).toHaveBeenCalledTimes(2);
      expect(after.items).toHaveLength(before.items.length + 1);
    } finally {
      pageReads.mockRestore();
    }
  });

  it('refuses a bad feed parameter with 400 and the GraphQL error shape', async () => {
    const response = await fetch(`${app.url}/feed.atom?types=SPACESHIP`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
  });
});
