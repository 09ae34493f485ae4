import { AccountStore } from '../src/auth/accounts';
import { startTestApp, type TestApp } from './support/harness';
import { CookieJar, freePort, signInThroughProvider, startOidcProvider, type TestProvider } from './support/oidcSignIn';
import { bearerHeader, newJwtSecret } from './support/tokens';

const SOURCE = { id: 'geneonline-2025-04-29-taiwan-japan-regen-forum' };
const PROPOSE = 'mutation($input: ProposeChangeInput!) { proposeChange(input: $input) { id status author } }';
const proposal = (id: string) => ({
  operations: [{ upsertEntity: { type: 'ORGANIZATION', id, name: `Signed In Biologics ${id}`, description: 'A test organization proposed after signing in.', kind: 'COMPANY', country: 'TW', source: SOURCE, evidence: 'The test names it.' } }],
  note: 'Proposed from a page session.',
});

describe('Signing in to the pages: local accounts and an OpenID provider, sessions in cookies, CSRF tokens', () => {
  let app: TestApp;
  let provider: TestProvider;
  const jwtSecret = newJwtSecret();

  beforeAll(async () => {
    const providerPort = await freePort();
    app = await startTestApp({
      auth: { jwtSecret },
      config: {
        SESSION_SECRET: 'a-session-secret-of-the-sign-in-tests-0123456789',
        LOGIN_MAX_FAILURES: 3,
        OIDC_ISSUER: `http://127.0.0.1:${providerPort}`,
        OIDC_CLIENT_ID: 'regen-graph-test',
        OIDC_CLIENT_SECRET: 'a-client-secret-for-the-sign-in-tests',
        OIDC_ROLES_CLAIM: 'roles',
      },
    });
    provider = await startOidcProvider(providerPort, `${app.url}/auth/oidc/callback`, { 'rin.reviewer': ['reviewer'], 'kai.reader': [] });
    const accounts = new AccountStore(app.executor);
    await accounts.set('mei.editor', 'correct horse battery staple', ['editor']);
    await accounts.set('throttled.user', 'another long password here', ['editor']);
  });
  afterAll(async () => {
    await provider?.stop();
    await app?.close();
  });

  const login = (name: string, password: string) =>
    fetch(`${app.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) });
  const sessionOf = async (jar: CookieJar) => (await (await fetch(`${app.url}/auth/session`, { headers: { cookie: jar.header(app.url) } })).json()) as { user: { subject: string; name: string; roles: string[]; via: string } | null; csrfToken: string | null };
  const graphqlAs = (jar: CookieJar, query: string, variables: unknown, headers: Record<string, string> = {}) =>
    fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: jar.header(app.url), ...headers }, body: JSON.stringify({ query, variables }) });

  it('signs in with a local account: an HttpOnly, SameSite=Lax session cookie, and mutations carry the CSRF token', async () => {
    const response = await login('mei.editor', 'correct horse battery staple');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { user: { subject: string; roles: string[] }; csrfToken: string };
    expect(body.user).toMatchObject({ subject: 'local:mei.editor', roles: ['editor'] });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('regen_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const jar = new CookieJar();
    jar.take(app.url, response);

    const noToken = await graphqlAs(jar, PROPOSE, { input: proposal('si-no-token') });
    expect(noToken.status).toBe(403);
    expect(((await noToken.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('CSRF_REJECTED');
    const wrongToken = await graphqlAs(jar, PROPOSE, { input: proposal('si-wrong-token') }, { 'x-csrf-token': 'forged' });
    expect(wrongToken.status).toBe(403);

    const withToken = await graphqlAs(jar, PROPOSE, { input: proposal('si-local') }, { 'x-csrf-token': body.csrfToken });
    const result = (await withToken.json()) as { data: { proposeChange: { status: string; author: string } } };
    expect(result.data.proposeChange).toMatchObject({ status: 'PROPOSED', author: 'local:mei.editor' });
    // A session's token is also handed out again when a page loads.
    const session = await sessionOf(jar);
    expect(session.user).toMatchObject({ name: 'mei.editor', roles: ['editor'], via: 'local' });
    expect(session.csrfToken).toBeTruthy();
  });

  it('answers queries from a session without a CSRF token: reads change nothing', async () => {
    const jar = new CookieJar();
    jar.take(app.url, await login('mei.editor', 'correct horse battery staple'));
    const response = await graphqlAs(jar, `{ entity(id: "si-nothing") { id } }`, {});
    expect(response.status).toBe(200);
  });

  it('refuses a wrong password and, after LOGIN_MAX_FAILURES of them, refuses even the right one for a while (429 with Retry-After)', async () => {
    const wrong = await login('throttled.user', 'not the password');
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    expect(wrong.headers.getSetCookie().some((c) => c.startsWith('regen_session='))).toBe(false);
    await login('throttled.user', 'still not it');
    await login('throttled.user', 'nor this');
    const limited = await login('throttled.user', 'another long password here');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    // An unknown name is refused the same way as a wrong password.
    expect((await login('nobody.here', 'whatever password')).status).toBe(401);
  });

  it('signs in through a real OpenID provider (authorization code with PKCE), roles from the configured claim', async () => {
    const jar = new CookieJar();
    const landed = await signInThroughProvider(jar, `${app.url}/auth/oidc/start?returnTo=/curate/review`, 'rin.reviewer');
    expect(landed).toBe(`${app.url}/curate/review`);
    const session = await sessionOf(jar);
    expect(session.user).toMatchObject({ subject: 'oidc:rin.reviewer', name: 'rin.reviewer (provider)', roles: ['reviewer'], via: 'oidc' });
    // The provider was asked for a PKCE challenge: the authorization URL carried it.
    const start = await fetch(`${app.url}/auth/oidc/start`, { redirect: 'manual' });
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.origin).toBe(provider.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(start.headers.getSetCookie().find((c) => c.startsWith('regen_oidc='))).toMatch(/HttpOnly/);
  });

  it('gives a provider user without a role of this API a reader session: their mutations are refused', async () => {
    const jar = new CookieJar();
    await signInThroughProvider(jar, `${app.url}/auth/oidc/start`, 'kai.reader');
    const session = await sessionOf(jar);
    expect(session.user).toMatchObject({ subject: 'oidc:kai.reader', roles: [] });
    const response = await graphqlAs(jar, PROPOSE, { input: proposal('si-reader') }, { 'x-csrf-token': session.csrfToken! });
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('FORBIDDEN');
  });

  it('refuses a callback that no sign-in of this browser started (state and PKCE verifier unknown)', async () => {
    const response = await fetch(`${app.url}/auth/oidc/callback?code=stolen&state=guessed`, { redirect: 'manual' });
    expect(response.status).toBe(401);
  });

  it('signs out: the cookie is cleared and needs the CSRF token to do so', async () => {
    const jar = new CookieJar();
    const response = await login('mei.editor', 'correct horse battery staple');
    jar.take(app.url, response);
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    const forged = await fetch(`${app.url}/auth/logout`, { method: 'POST', headers: { cookie: jar.header(app.url) } });
    expect(forged.status).toBe(403);
    const logout = await fetch(`${app.url}/auth/logout`, { method: 'POST', headers: { cookie: jar.header(app.url), 'x-csrf-token': csrfToken } });
    expect(logout.status).toBe(204);
    jar.take(app.url, logout);
    expect(jar.get(app.url, 'regen_session')).toBeUndefined();
    expect((await sessionOf(jar)).user).toBeNull();
  });

  it('keeps bearer tokens working for API clients, with no CSRF token, even beside a session cookie', async () => {
    const jar = new CookieJar();
    jar.take(app.url, await login('mei.editor', 'correct horse battery staple'));
    const headers = await bearerHeader(jwtSecret, 'api-client@example.org', ['editor']);
    const response = await graphqlAs(jar, PROPOSE, { input: proposal('si-bearer') }, headers);
    const body = (await response.json()) as { data: { proposeChange: { author: string } } };
    expect(body.data.proposeChange.author).toBe('api-client@example.org');
  });
});
