import fc from 'fast-check';
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

  it('leaves the graph as it was: nothing was written by any query', async () => {
    const { records } = await app.driver.executeQuery("MATCH (n:Entity) WHERE NOT n.id STARTS WITH 'fuzz-org-' RETURN count(n) AS n");
    expect(records[0]!.get('n')).toBe(entitiesBefore);
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
  });
});
