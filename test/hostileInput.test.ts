import fc from 'fast-check';
import * as jose from 'jose';
import { jsonDepth } from '../src/http/limits';
import { startTestApp, type TestApp } from './support/harness';
import { mintToken, newJwtSecret } from './support/tokens';

/** Codes a refusal may carry; INTERNAL_SERVER_ERROR would mean an input crashed something. */
// LIKELY_DUPLICATE: a generated name or alias can repeat an earlier run's, which curation refuses with that code (nothing written).
const EXPECTED_CODES = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'LIMIT_EXCEEDED', 'NOT_FOUND', 'BAD_REQUEST', 'LIKELY_DUPLICATE']);
const secret = newJwtSecret();
const RUNS = Number(process.env.PROPERTY_RUNS ?? 100);
// PROPERTY_SEED replays a failed run: set it to the seed fast-check printed.
if (process.env.PROPERTY_SEED) fc.configureGlobal({ seed: Number(process.env.PROPERTY_SEED) });
let generated = 0;
/** What a leaked stack trace or Cypher statement looks like in an error message. */
const LEAK = /Neo4jError|MATCH \(|\bat \S+\.(ts|js):\d+/;
/** Texts sent so far that look like a leak: an error may quote them back (a duplicate names the earlier entity's name), and that is none. */
const sentLeakLikeTexts = new Set<string>();

/** Text an attacker or a careless paste would send: Unicode, Lucene and Cypher syntax, very long strings. */
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom(
    '") RETURN 1 //',
    "' OR 1=1 --",
    'MATCH (n) DETACH DELETE n',
    '}] ) CALL db.clearQueryCaches()',
    'title:[* TO *]',
    'AND OR NOT ~ ^ * ? \\',
    '"unterminated',
    '\u0000\u0001\uFFFF',
    '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 台灣 日本 再生医療',
  ),
  fc.string({ minLength: 1000, maxLength: 6000 }),
);
const anyNumber = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 2 ** 31, 2 ** 53, 1e308, -1e308));
const maybeNull = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, fc.constant(null));

function rememberTexts(value: unknown): void {
  if (typeof value === 'string') {
    if (LEAK.test(value)) sentLeakLikeTexts.add(value).add(value.trim());
  } else if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) rememberTexts(inner);
  }
}

/** The message without the leak-like texts the fuzzer sent, so only the server's own words are checked. */
function serverWords(message: string): string {
  let rest = message;
  for (const text of [...sentLeakLikeTexts].sort((a, b) => b.length - a.length)) rest = rest.split(text).join('');
  return rest;
}

/** Sends one request; fails the property on a 5xx, an unexpected code or a leak. Returns whether it was refused. */
async function expectHandled(app: TestApp, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<boolean> {
  generated++;
  rememberTexts(variables);
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  expect(response.status).toBeLessThan(500);
  const body = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
  for (const error of body.errors ?? []) {
    if (!EXPECTED_CODES.has(String(error.extensions?.code))) {
      throw new Error(`unexpected error ${JSON.stringify(error)} for ${JSON.stringify(variables).slice(0, 300)}`);
    }
    expect(serverWords(error.message)).not.toMatch(LEAK);
  }
  return (body.errors ?? []).length > 0;
}

describe('hostile and malformed arguments (property-based)', () => {
  let app: TestApp;
  let entitiesBefore = 0;
  beforeAll(async () => {
    app = await startTestApp({ auth: { jwtSecret: secret } });
    const { records } = await app.driver.executeQuery('MATCH (n:Entity) RETURN count(n) AS n');
    entitiesBefore = records[0]!.get('n');
  });
  afterAll(async () => {
    await app.close();
    process.stdout.write(`hostile-input properties sent ${generated} generated requests\n`);
  });

  it('never fails search with anything but a coded refusal', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, maybeNull(anyNumber), async (text, first) => {
        await expectHandled(app, 'query($q: String!, $f: Int) { search(query: $q, first: $f) { score entity { id } } }', { q: text, f: first });
      }),
      { numRuns: RUNS },
    );
  });

  it('never fails list conditions, full text, cursors and page sizes with anything but a coded refusal', async () => {
    await fc.assert(
      fc.asyncProperty(
        maybeNull(hostileText),
        fc.record({
          countryCode: maybeNull(fc.record({ in: maybeNull(fc.array(hostileText, { maxLength: 3 })) })),
          id: maybeNull(fc.record({ in: maybeNull(fc.array(hostileText, { maxLength: 3 })) })),
          modalities: maybeNull(fc.record({ some: maybeNull(fc.record({ id: fc.record({ eq: hostileText }) })) })),
        }),
        maybeNull(anyNumber),
        maybeNull(hostileText),
        async (search, where, first, after) => {
          await expectHandled(
            app,
            'query($s: String, $w: OrganizationWhere, $n: Int, $a: String) { organizations(search: $s, where: $w, first: $n, after: $a) { totalCount nodes { id } } }',
            { s: search, w: where, n: first, a: after },
          );
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('never fails entity lookups and relation arguments with anything but a coded refusal', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, fc.array(hostileText, { maxLength: 120 }), maybeNull(anyNumber), async (id, ids, first) => {
        await expectHandled(
          app,
          'query($id: ID!, $ids: [ID!]!, $n: Int) { entity(id: $id) { id } entities(ids: $ids) { id } bpipo: entity(id: "bpipo") { relations(first: $n) { type } } }',
          { id, ids, n: first },
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('sends wrong types and nulls where values are required and gets validation errors', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constant(null), anyNumber, fc.boolean(), fc.array(fc.string()), fc.object()), async (value) => {
        await expectHandled(app, 'query($q: String!) { search(query: $q) { score } }', { q: value });
        await expectHandled(app, 'query($n: Int) { organizations(first: $n) { totalCount } }', { n: value });
      }),
      { numRuns: RUNS },
    );
  });

  it('never fails partnership, neighbourhood, broker or suggestion arguments with anything but a coded refusal', async () => {
    const ids = fc.oneof(hostileText, fc.constantFrom('duogenic-stemcells', 'astellas-pharma', 'forum-2025-04-23-tokyo', 'bpipo'));
    await fc.assert(
      fc.asyncProperty(
        ids,
        ids,
        maybeNull(fc.oneof(fc.integer({ min: -2, max: 8 }), anyNumber)),
        maybeNull(fc.oneof(fc.integer({ min: -2, max: 12 }), anyNumber)),
        fc.oneof(fc.constant(null), fc.array(fc.constantFrom('PARTICIPATED_IN', 'PARTY_TO', 'DEVELOPS', 'FACILITATED'), { maxLength: 3 }), fc.array(hostileText, { maxLength: 2 })),
        maybeNull(fc.array(ids, { maxLength: 12 })),
        async (from, to, hops, first, types, avoid) => {
        await expectHandled(
          app,
          `query($from: ID!, $to: ID!, $h: Int, $f: Int, $t: [RelationshipType!], $a: [ID!]) {
             partnershipPaths(from: $from, to: $to, maxHops: $h, first: $f, relationshipTypes: $t, avoid: $a) { length hops { type } }
             neighborhood(id: $from, depth: $h, limit: $f) { truncated }
             brokers(between: $a, first: $f) { score }
             suggestedPartners(id: $to, first: $f) { score } }`,
          { from, to, h: hops, f: first, t: types, a: avoid ?? [from, to] },
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses bad mutation input with a coded error and writes nothing for a refused write', async () => {
    const token = await mintToken(secret, 'fuzzer', ['editor'], '10m');
    const editor = { authorization: `Bearer ${token}` };
    let counter = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({ name: hostileText, description: hostileText, kind: fc.oneof(fc.constantFrom('COMPANY', 'PHARMA'), hostileText), country: maybeNull(hostileText), evidence: maybeNull(hostileText), alias: hostileText }),
        async (input) => {
          const id = `fuzz-org-${counter++}`;
          const refused = await expectHandled(
            app,
            'mutation($i: UpsertEntityInput!) { upsertEntity(input: $i) { created } }',
            { i: { type: 'ORGANIZATION', id, name: input.name, aliases: [input.alias], description: input.description, kind: input.kind, country: input.country, source: { id: 'geneonline-2025-04-29-taiwan-japan-regen-forum' }, evidence: input.evidence } },
            editor,
          );
          const { records } = await app.driver.executeQuery('MATCH (n:Entity {id: $id}) RETURN n.name AS name, n.description AS description', { id });
          if (refused) {
            expect(records).toHaveLength(0);
          } else {
            expect(records[0]?.get('name')).toBe(input.name.trim());
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('refuses JSON nested past MAX_JSON_DEPTH (64) at any depth with 400 LIMIT_EXCEEDED, and handles any shallower nesting', async () => {
    // Each shape wraps a value one level deeper, as text: JSON.stringify itself overflows on the deepest.
    const shapes = {
      where: { query: 'query($v: OrganizationWhere) { organizations(where: $v) { totalCount } }', open: '{"AND":[', close: ']}', inner: '{}' },
      list: { query: 'query($v: [ID!]!) { entities(ids: $v) { id } }', open: '[', close: ']', inner: '"bpipo"' },
      unknownField: { query: 'query($v: OrganizationWhere) { organizations(where: $v) { totalCount } }', open: '{"x":', close: '}', inner: '1' },
    };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.values(shapes)), fc.oneof(fc.integer({ min: 1, max: 80 }), fc.integer({ min: 1, max: 20_000 })), async (shape, depth) => {
        generated++;
        const body = `{"query":${JSON.stringify(shape.query)},"variables":{"v":${shape.open.repeat(depth)}${shape.inner}${shape.close.repeat(depth)}}}`;
        const response = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const answer = (await response.json()) as { errors?: { message: string; extensions?: { code?: string; limit?: string } }[] };
        if (jsonDepth(body) > 64) {
          expect(response.status).toBe(400);
          expect(answer.errors?.[0]?.extensions).toEqual({ code: 'LIMIT_EXCEEDED', limit: 'maxJsonDepth', max: 64 });
        } else {
          expect(response.status).toBeLessThan(500);
          for (const error of answer.errors ?? []) expect(EXPECTED_CODES).toContain(String(error.extensions?.code));
        }
      }),
      { numRuns: RUNS },
    );
  });

  /** Names that are keys of every JavaScript object: a lookup of one in a plain table finds a function, not undefined. */
  const prototypeKey = fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', 'isPrototypeOf', '__defineGetter__');
  const fieldName = fc.oneof(prototypeKey, fc.constantFrom('name', 'countryCode', 'kind', 'technologies', 'facts', 'createdBy', 'updatedBy', 'sourceIds'), hostileText);

  it('never fails a where, group key or fact name that is a prototype key or hostile text with anything but a coded refusal', async () => {
    await fc.assert(
      fc.asyncProperty(fieldName, fieldName, fieldName, hostileText, async (key, via, fact, value) => {
        await expectHandled(app, 'query($w: OrganizationWhere) { organizations(where: $w) { totalCount } }', { w: { [key]: { eq: value } } });
        await expectHandled(app, 'query($w: OrganizationWhere) { organizations(where: $w) { totalCount } }', { w: { facts: [{ name: fact, text: { startsWith: value } }] } });
        await expectHandled(app, 'query($g: [GroupKey!]!) { organizationsAggregate(groupBy: $g) { totalCount } }', { g: [{ field: key, via }] });
      }),
      { numRuns: RUNS },
    );
  });

  it('answers an export whose parameters hold prototype keys or hostile JSON with 200 or a coded 4xx, never 500', async () => {
    const json = fc.oneof(
      fieldName.map((key) => `{${JSON.stringify(key)}:{}}`),
      fc.tuple(fieldName, fieldName).map(([key, op]) => `{${JSON.stringify(key)}:{${JSON.stringify(op)}:"x"}}`),
      fc.tuple(fieldName, hostileText).map(([key, value]) => `[{"field":${JSON.stringify(key)},"via":${JSON.stringify(value)}}]`),
      fc.json(),
      hostileText,
    );
    const parameter = fc.constantFrom('where', 'sort', 'search', 'groupBy', 'measures', 'first', '__proto__', 'constructor', 'filter');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('organizations.csv', 'technologies.ndjson', 'aggregate/organizations.csv'), parameter, json, async (file, name, value) => {
        generated++;
        rememberTexts(value);
        try {
          rememberTexts(JSON.parse(value));
        } catch {
          // not JSON: the raw text is remembered above
        }
        const response = await fetch(`${app.url}/export/${file}?${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
        expect([name, value, response.status < 500]).toEqual([name, value, true]);
        if (response.status >= 400) {
          const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
          expect(EXPECTED_CODES.has(body.errors[0]!.extensions.code)).toBe(true);
          expect(serverWords(body.errors[0]!.message)).not.toMatch(LEAK);
          expect(body.errors[0]!.message).not.toMatch(/\[native code\]/);
        } else {
          await response.arrayBuffer();
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('answers any Authorization header with 401 UNAUTHENTICATED, or as anonymous when it is blank; tokens that never expire or live too long included', async () => {
    const now = Math.floor(Date.now() / 1000);
    const sign = (claims: jose.JWTPayload, key = secret) => new jose.SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(key));
    const printable = (text: string) => text.replace(/[^\x20-\x7e]/g, '');
    const header = fc.oneof(
      hostileText.map(printable),
      hostileText.map((text) => `Bearer ${printable(text)}`),
      fc.record({ sub: fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: undefined }), iat: fc.option(fc.integer({ min: now - 1e6, max: now + 1e6 }), { nil: undefined }), exp: fc.option(fc.integer({ min: now + 25 * 3_600, max: now + 1e9 }), { nil: undefined }), roles: fc.constant(['admin']) })
        .chain((claims) => fc.constantFrom(secret, newJwtSecret()).map((key) => ({ claims, key })))
        .map(({ claims, key }) => ({ claims: Object.fromEntries(Object.entries(claims).filter(([, v]) => v !== undefined)), key })),
    );
    await fc.assert(
      fc.asyncProperty(header, async (given) => {
        generated++;
        const authorization = typeof given === 'string' ? given : `Bearer ${await sign(given.claims, given.key)}`;
        const response = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query: '{ __typename }' }) });
        const answer = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
        if (authorization.trim() === '') {
          expect(response.status).toBe(200);
        } else {
          expect(response.status).toBe(401);
          expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses a source URL that is not http or https, and writes nothing for it', async () => {
    const token = await mintToken(secret, 'fuzzer', ['editor'], '10m');
    const editor = { authorization: `Bearer ${token}` };
    const scheme = fc.constantFrom('javascript:', 'JavaScript:', ' javascript:', 'data:', 'vbscript:', 'file:', 'ftp:', 'blob:', 'http:', 'https:', 'mailto:');
    let counter = 0;
    await fc.assert(
      fc.asyncProperty(scheme, fc.oneof(fc.constantFrom('//example.org/a', 'alert(1)', 'text/html,<script>alert(1)</script>'), hostileText), async (prefix, rest) => {
        const n = counter++;
        // The fragment keeps each URL unique: two sources with one URL are refused as a CONFLICT.
        const url = `${prefix}${rest}#${n}`;
        const source = { new: { id: `fuzz-url-source-${n}`, publisher: 'Fuzz', title: 'Fuzz', publishedOn: '2025-05-01', url } };
        const input = { type: 'ORGANIZATION', id: `fuzz-org-url-${n}`, name: `Fuzz URL Org ${n} ${prefix}`, description: 'Fuzz.', kind: 'COMPANY', source, evidence: 'Fuzz.' };
        const refused = await expectHandled(app, 'mutation($i: UpsertEntityInput!) { upsertEntity(input: $i) { created } }', { i: input }, editor);
        const { records } = await app.driver.executeQuery('MATCH (s:Source {id: $id}) RETURN s.url AS url', { id: source.new.id });
        const stored = records.map((r) => String(r.get('url')));
        expect(stored.every((u) => /^https?:/i.test(u))).toBe(true);
        if (!/^https?:$/.test(prefix.trim().toLowerCase())) expect([url, refused]).toEqual([url, true]);
      }),
      { numRuns: RUNS },
    );
  });

  it('leaves the graph as it was: nothing was written by any query', async () => {
    const { records } = await app.driver.executeQuery("MATCH (n:Entity) WHERE NOT n.id STARTS WITH 'fuzz-org-' RETURN count(n) AS n");
    expect(records[0]!.get('n')).toBe(entitiesBefore);
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
  });
});
