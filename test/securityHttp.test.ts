import * as fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import * as jose from 'jose';
import { GraphQLError } from 'graphql';
import pino from 'pino';
import { buildWeb, webBuildIsStale } from '../scripts/build-web';
import { createTokenVerifier, type AuthSettings } from '../src/auth';
import { loadConfig } from '../src/config';
import { BadUserInputError } from '../src/errors';
import { createErrorFormatter } from '../src/http/errorFormatter';
import { StatisticsCache } from '../src/modules/statistics/cache';
import { createServer } from '../src/server';
import { neo4j, startTestApp, type TestApp } from './support/harness';
import { bearerHeader, newJwtSecret } from './support/tokens';

const secret = newJwtSecret();
const HOUR = 3_600;

/** A server over the test database, configured as `env` would configure `npm start`, whose log lines are kept. */
interface LoggedServer {
  url: string;
  lines: Record<string, unknown>[];
  close(): Promise<void>;
}

async function startLoggedServer(app: TestApp, env: Record<string, string>, auth?: AuthSettings): Promise<LoggedServer> {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const server = await createServer({
    config: { ...loadConfig(env), PLANNER_WARM_UP: false },
    executor: app.executor,
    logger: pino({ level: 'info' }, sink),
    statistics: new StatisticsCache(app.executor, 0),
    version: 'test',
    auth: auth ? createTokenVerifier(auth) : undefined,
  });
  await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = server.httpServer.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, lines, close: () => server.stop() };
}

async function postGraphql(url: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
}

/** `{"AND":[` … `]}` nested `depth` times around an empty object: a `where` as deep as the client likes, written as text (JSON.stringify would overflow first). */
const deepWhere = (depth: number) => `${'{"AND":['.repeat(depth)}{}${']}'.repeat(depth)}`;

/** A token signed with `secret` carrying exactly the claims given (no defaults). */
function signedToken(claims: jose.JWTPayload): Promise<string> {
  return new jose.SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
}

const now = () => Math.floor(Date.now() / 1000);

describe('security and integrity over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ auth: { jwtSecret: secret } });
  });
  afterAll(async () => {
    await app.close();
  });

  describe('unexpected errors (EXPOSE_ERROR_DETAILS)', () => {
    const STORED = 7654321;
    const AGGREGATE = '{ agreementsAggregate(groupBy: [{ field: "signedOn", bucket: YEAR }]) { totalCount groups { key count } } }';
    beforeAll(async () => {
      // A stored value of the wrong type makes Neo4j itself fail the aggregate, quoting the value.
      await app.driver.executeQuery("CREATE (:Entity:Agreement {id: 'security-bad-date', name: 'Security bad date', kind: 'LICENSE', signedOn: $stored})", { stored: neo4j.int(STORED) });
    });
    afterAll(async () => {
      await app.driver.executeQuery("MATCH (n {id: 'security-bad-date'}) DETACH DELETE n");
    });

    it('are masked for a server started as `npm start` starts it (no NODE_ENV): no Neo4j text, no stored value, no stack; the log has it all', async () => {
      const server = await startLoggedServer(app, {});
      try {
        const { text, body } = await postGraphql(server.url, JSON.stringify({ query: AGGREGATE }));
        expect(body.errors).toEqual([expect.objectContaining({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } })]);
        expect(text).not.toContain(String(STORED));
        expect(text).not.toMatch(/Long\(|MATCH|stacktrace|\bat \S+\.(ts|js):\d+/);
        const logged = JSON.stringify(server.lines);
        expect(logged).toContain(String(STORED));
        expect(logged).toContain('stack');
      } finally {
        await server.close();
      }
    });

    it('show their message, and still no stack, when the operator sets EXPOSE_ERROR_DETAILS=true', async () => {
      const server = await startLoggedServer(app, { EXPOSE_ERROR_DETAILS: 'true' });
      try {
        const { text, body } = await postGraphql(server.url, JSON.stringify({ query: AGGREGATE }));
        expect(body.errors?.[0]?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
        expect(body.errors?.[0]?.message).toContain(String(STORED));
        expect(text).not.toMatch(/stacktrace|\bat \S+\.(ts|js):\d+/);
      } finally {
        await server.close();
      }
    });
  });

  describe('error formatting', () => {
    it('answers a client text that reads like a limit refusal with its own code, not LIMIT_EXCEEDED', async () => {
      const { body } = await postGraphql(app.url, JSON.stringify({ query: '{ search(query: "x", first: "Query depth limit of 1 exceeded") { score } }' }));
      expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });

    it('never throws: a failure while formatting answers the masked error', () => {
      const format = createErrorFormatter(true, () => {
        throw new Error('the logger is broken');
      });
      const unexpected = new GraphQLError('Neo4jError: secret', { originalError: new Error('Neo4jError: secret') });
      expect(format({ message: 'Neo4jError: secret' }, unexpected)).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      const refusal = new BadUserInputError('Invalid argument first: too large', 'first');
      expect(format({ message: 'ignored' }, new GraphQLError('wrapped', { originalError: refusal }))).toMatchObject({ message: 'Invalid argument first: too large', extensions: { code: 'BAD_USER_INPUT', field: 'first' } });
    });
  });

  describe('security headers', () => {
    beforeAll(() => {
      if (webBuildIsStale()) buildWeb();
    });

    it('come with every page, GraphiQL and the assets: a CSP without inline scripts, no framing, no sniffing, no referrer', async () => {
      const page = await fetch(`${app.url}/`);
      const asset = /\/assets\/[^"]+\.js/.exec(await page.text())![0];
      for (const [path, accept] of [['/', 'text/html'], ['/explore', 'text/html'], ['/graphql', 'text/html'], [asset, '*/*']] as const) {
        const response = await fetch(`${app.url}${path}`, { headers: { accept } });
        expect(`${path} ${response.status}`).toBe(`${path} 200`);
        await response.arrayBuffer();
        const csp = response.headers.get('content-security-policy') ?? '';
        const scriptSrc = /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1];
        expect(scriptSrc).toBe("'self'");
        expect(csp).toMatch(/(?:^|;)\s*frame-ancestors 'none'/);
        expect(csp).toMatch(/(?:^|;)\s*object-src 'none'/);
        expect(csp).toMatch(/(?:^|;)\s*default-src 'self'/);
        expect(response.headers.get('x-frame-options')).toBe('DENY');
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      }
    });
  });

  describe('HTTP statuses of refusals', () => {
    it('answers a document over the token limit with 400 LIMIT_EXCEEDED naming maxTokens', async () => {
      const fields = Array.from({ length: 3_000 }, (_, i) => `a${i}: __typename`).join(' ');
      const { status, body } = await postGraphql(app.url, JSON.stringify({ query: `{ ${fields} }` }));
      expect(status).toBe(400);
      expect(body.errors?.[0]?.extensions).toEqual({ code: 'LIMIT_EXCEEDED', limit: 'maxTokens', max: 5_000 });
    });

    it('refuses variables nested 20,000 levels deep with 400 LIMIT_EXCEEDED before parsing them, and logs one warning, no stack', async () => {
      const server = await startLoggedServer(app, {});
      try {
        const query = 'query($w: OrganizationWhere) { organizations(where: $w) { totalCount } }';
        for (const depth of [5_000, 20_000]) {
          const { status, text, body } = await postGraphql(server.url, `{"query":${JSON.stringify(query)},"variables":{"w":${deepWhere(depth)}}}`);
          expect(status).toBe(400);
          expect(body.errors?.[0]?.extensions).toEqual({ code: 'LIMIT_EXCEEDED', limit: 'maxJsonDepth', max: 64 });
          expect(text).not.toMatch(/stack|Maximum call/);
        }
        // A URL holds at most 16 KB (Node's header limit): 200 levels, still well over the limit.
        const byGet = await fetch(`${server.url}/graphql?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(`{"w":${deepWhere(200)}}`)}`, { headers: { 'apollo-require-preflight': 'true' } });
        expect(byGet.status).toBe(400);
        expect(((await byGet.json()) as { errors: { extensions: unknown }[] }).errors[0]!.extensions).toEqual({ code: 'LIMIT_EXCEEDED', limit: 'maxJsonDepth', max: 64 });
        const exported = await fetch(`${server.url}/export/organizations.csv?where=${encodeURIComponent(deepWhere(200))}`);
        expect(exported.status).toBe(400);
        await exported.arrayBuffer();

        const warnings = server.lines.filter((line) => line.level === 40);
        expect(warnings).toHaveLength(4);
        expect(warnings.every((line) => line.msg === 'refused JSON nested deeper than the limit')).toBe(true);
        expect(server.lines.filter((line) => Number(line.level) >= 50)).toEqual([]);
        expect(JSON.stringify(server.lines)).not.toMatch(/stack|Maximum call/);

        const shallow = await postGraphql(server.url, `{"query":${JSON.stringify(query)},"variables":{"w":${deepWhere(10)}}}`);
        expect(shallow.status).toBe(200);
        expect(shallow.body.errors).toBeUndefined();
      } finally {
        await server.close();
      }
    });
    it('refuses an operation that is not on the allow-list with 403 FORBIDDEN_OPERATION, and runs one that is', async () => {
      const listed = '{ __typename }';
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'allowlist-')), 'operations.json');
      fs.writeFileSync(file, JSON.stringify({ dashboard: listed }));
      const server = await startLoggedServer(app, { OPERATION_ALLOWLIST_FILE: file });
      try {
        const refused = await postGraphql(server.url, JSON.stringify({ query: '{ about { version } }' }));
        expect(refused.status).toBe(403);
        expect(refused.body.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN_OPERATION' });
        const allowed = await postGraphql(server.url, JSON.stringify({ query: listed }));
        expect([allowed.status, allowed.body.data]).toEqual([200, { __typename: 'Query' }]);
      } finally {
        await server.close();
      }
    });
  });

  describe('token lifetimes', () => {
    const ask = (token: string) => app.graphql('{ __typename }', undefined, { authorization: `Bearer ${token}` });

    it('refuse a token without exp with 401 UNAUTHENTICATED', async () => {
      const response = await ask(await signedToken({ sub: 'forever', roles: ['admin'], iat: now() }));
      expect(response.status).toBe(401);
      expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(response.errors?.[0]?.message).toMatch(/exp/);
    });

    it('refuse a token that lives longer than 24 hours, by exp − iat or, without iat, by exp − now', async () => {
      const tooLong = await ask(await signedToken({ sub: 'long', iat: now(), exp: now() + 25 * HOUR }));
      expect(tooLong.status).toBe(401);
      expect(tooLong.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const noIat = await ask(await signedToken({ sub: 'long', exp: now() + 48 * HOUR }));
      expect(noIat.status).toBe(401);
      const day = await ask(await signedToken({ sub: 'day', iat: now(), exp: now() + 23 * HOUR }));
      expect(day.status).toBe(200);
      expect(day.errors).toBeUndefined();
    });

    it('follow JWT_MAX_LIFETIME_SECONDS', async () => {
      const verifier = createTokenVerifier({ jwtSecret: secret, maxLifetimeSeconds: 600 })!;
      await expect(verifier.verify(await signedToken({ sub: 'short', iat: now(), exp: now() + 900 }))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      await expect(verifier.verify(await signedToken({ sub: 'short', iat: now(), exp: now() + 300 }))).resolves.toMatchObject({ subject: 'short' });
      expect(loadConfig({}).JWT_MAX_LIFETIME_SECONDS).toBe(24 * HOUR);
      expect(loadConfig({ JWT_MAX_LIFETIME_SECONDS: '600' }).JWT_MAX_LIFETIME_SECONDS).toBe(600);
    });
  });

  describe('with READS_REQUIRE_TOKEN=true', () => {
    let server: LoggedServer;
    beforeAll(async () => {
      server = await startLoggedServer(app, { READS_REQUIRE_TOKEN: 'true' }, { jwtSecret: secret });
    });
    afterAll(async () => {
      await server.close();
    });
    const QUERY = `/graphql?query=${encodeURIComponent('{ organizations { totalCount } }')}`;

    it('answers a read without a token with HTTP 401 UNAUTHENTICATED', async () => {
      const { status, body } = await postGraphql(server.url, JSON.stringify({ query: '{ entity(id: "bpipo") { id } }' }));
      expect(status).toBe(401);
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('checks the token before the cache: If-None-Match: * without a token gets 401 and no ETag, on /graphql and on exports', async () => {
      for (const path of [QUERY, '/export/organizations.csv']) {
        const response = await fetch(`${server.url}${path}`, { headers: { 'if-none-match': '*', 'apollo-require-preflight': 'true' } });
        expect(`${path} ${response.status}`).toBe(`${path} 401`);
        expect(response.headers.get('etag')).toBeNull();
        expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
      }
    });

    it('still answers If-None-Match with 304 for a reader', async () => {
      const reader = await bearerHeader(secret, 'dash', ['reader']);
      for (const path of [QUERY, '/export/organizations.csv']) {
        const first = await fetch(`${server.url}${path}`, { headers: { ...reader, 'apollo-require-preflight': 'true' } });
        expect(first.status).toBe(200);
        await first.arrayBuffer();
        const again = await fetch(`${server.url}${path}`, { headers: { ...reader, 'apollo-require-preflight': 'true', 'if-none-match': first.headers.get('etag')! } });
        expect(`${path} ${again.status}`).toBe(`${path} 304`);
      }
    });
  });

  describe('/metrics', () => {
    it('is not served without METRICS_TOKEN', async () => {
      const response = await fetch(`${app.url}/metrics`);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('graphql_requests_total');
    });

    it('is served only to the bearer of METRICS_TOKEN', async () => {
      const token = 'metrics-scraper-token-0123456789abcdef';
      const server = await startLoggedServer(app, { METRICS_TOKEN: token });
      try {
        for (const headers of [{} as Record<string, string>, { authorization: 'Bearer wrong' }, { authorization: `Bearer ${token}x` }, { authorization: token }]) {
          const refused = await fetch(`${server.url}/metrics`, { headers });
          expect(refused.status).toBe(401);
          expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
          expect(await refused.text()).not.toContain('graphql_requests_total');
        }
        const scraped = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
        expect(scraped.status).toBe(200);
        expect(await scraped.text()).toContain('graphql_requests_total');
      } finally {
        await server.close();
      }
    });
  });
});
