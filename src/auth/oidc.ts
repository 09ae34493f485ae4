import * as jose from 'jose';
import { ROLES } from './index';

type OpenIdClient = typeof import('openid-client');

/**
 * openid-client is ESM only: loaded through Node's own require (Node ≥ 20.19
 * loads ES modules with it). Taken from process.getBuiltinModule so that jest,
 * which replaces `require` and `module.createRequire` with its CommonJS-only
 * loader, hands over Node's.
 */
let loaded: OpenIdClient | undefined;
function openIdClient(): OpenIdClient {
  const nodeModule = process.getBuiltinModule('node:module') as typeof import('node:module');
  loaded ??= nodeModule.createRequire(__filename)('openid-client') as OpenIdClient;
  return loaded;
}

/** The OpenID provider to sign in with (OIDC_*). */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** The claim holding the user's roles; a dotted path such as realm_access.roles (Keycloak). */
  rolesClaim: string;
  /** The callback URL registered with the provider; when unset, derived from each request's host. */
  redirectUri?: string;
}

/** What the start of a sign-in keeps (in a short-lived signed cookie) for its callback. */
interface PendingSignIn {
  verifier: string;
  state: string;
  nonce: string;
  returnTo: string;
  redirectUri: string;
}

/** The user an OpenID provider vouched for. */
export interface OidcUser {
  subject: string;
  displayName: string;
  roles: string[];
}

/** The values of a claim at a dotted path, as strings; a space-separated string counts as several. */
export function claimValues(claims: Record<string, unknown>, path: string): string[] {
  let value: unknown = claims;
  for (const part of path.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Only a path of this site: a relative path that is not protocol-relative. */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/';
}

/**
 * Sign-in with an OpenID provider: authorization code with PKCE (S256), state
 * and nonce, through openid-client. The provider's metadata is discovered on
 * first use. Roles are the values of the configured claim that name a role of
 * this API (others are ignored).
 */
export class OidcSignIn {
  private configuration: Promise<import('openid-client').Configuration> | undefined;
  private readonly key: Uint8Array;

  constructor(
    private readonly settings: OidcSettings,
    secret: string,
  ) {
    this.key = new TextEncoder().encode(`oidc-pending:${secret}`);
  }

  private config(): Promise<import('openid-client').Configuration> {
    const client = openIdClient();
    this.configuration ??= client
      .discovery(new URL(this.settings.issuer), this.settings.clientId, this.settings.clientSecret, undefined, {
        // A provider on plain http is accepted only on this machine (development and tests).
        execute: /^http:\/\/(localhost|127\.0\.0\.1)(:|\/)/.test(this.settings.issuer) ? [client.allowInsecureRequests] : [],
      })
      .catch((error: unknown) => {
        this.configuration = undefined;
        throw error;
      });
    return this.configuration;
  }

  /** The provider's authorization URL and the sealed state its callback needs. */
  async start(redirectUri: string, returnTo: string): Promise<{ url: string; pending: string }> {
    const client = openIdClient();
    const config = await this.config();
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const uri = this.settings.redirectUri ?? redirectUri;
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: uri,
      scope: 'openid profile email',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const pending = await new jose.SignJWT({ verifier, state, nonce, returnTo: safeReturnTo(returnTo), redirectUri: uri } satisfies PendingSignIn)
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('10m')
      .sign(this.key);
    return { url: url.href, pending };
  }

  /** Exchanges the callback's code (checking state, nonce and PKCE) for the user, and where to send them. */
  async finish(callbackUrl: URL, pendingToken: string | undefined): Promise<{ user: OidcUser; returnTo: string }> {
    if (!pendingToken) throw new Error('no sign-in is under way in this browser (or it took over 10 minutes)');
    const { payload } = await jose.jwtVerify(pendingToken, this.key, { algorithms: ['HS256'] });
    const pending = payload as unknown as PendingSignIn;
    const client = openIdClient();
    const config = await this.config();
    // The provider answered to the registered redirect URI; behind a proxy the request's own URL may differ.
    const current = new URL(pending.redirectUri);
    current.search = callbackUrl.search;
    const tokens = await client.authorizationCodeGrant(config, current, { pkceCodeVerifier: pending.verifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true });
    const claims = (tokens.claims() ?? {}) as Record<string, unknown>;
    const roles = claimValues(claims, this.settings.rolesClaim).filter((r) => (ROLES as readonly string[]).includes(r));
    const displayName = String(claims.name ?? claims.preferred_username ?? claims.email ?? claims.sub);
    return { user: { subject: `oidc:${String(claims.sub)}`, displayName, roles }, returnTo: pending.returnTo };
  }
}
