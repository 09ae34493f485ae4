import type { NextFunction, Request, Response } from 'express';
import { Kind, parse } from 'graphql';
import { doubleCsrf } from 'csrf-csrf';
import * as jose from 'jose';
import type { AuthUser } from './index';

/** The session cookie: a signed (HS256, SESSION_SECRET) token of who signed in, their roles and until when. */
export const SESSION_COOKIE = 'regen_session';
/** The CSRF cookie of the double-submit pattern (csrf-csrf); its pair travels in the X-CSRF-Token header. */
export const CSRF_COOKIE = 'regen_csrf';

/** Who holds a session: the user behind the cookie plus a name to show. */
export interface SessionUser extends AuthUser {
  /** What the pages show: the account name, or the provider's name/email. */
  displayName: string;
  /** How they signed in. */
  via: 'local' | 'oidc';
}

/** How sessions are made: the secret, their lifetime and whether cookies are marked Secure. */
export interface SessionSettings {
  secret: string;
  maxAgeSeconds: number;
  /** true or false, or 'auto': Secure when the request came over HTTPS (req.secure or X-Forwarded-Proto: https). */
  secureCookies: boolean | 'auto';
}

const AUDIENCE = 'regen-session';

/** Whether cookies set in answer to `req` are marked Secure. */
export function secureFor(settings: SessionSettings, req: Request): boolean {
  if (settings.secureCookies !== 'auto') return settings.secureCookies;
  return req.secure || String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]?.trim() === 'https';
}

/**
 * Sessions in cookies: HttpOnly, SameSite=Lax, Secure behind HTTPS. The cookie
 * holds a signed token (no server-side store): signing out clears it, and a
 * copied cookie stops working by itself after maxAgeSeconds. Every
 * state-changing request that carries it must also carry a CSRF token bound to
 * it (csrf-csrf's double submit: a cookie and the X-CSRF-Token header).
 */
export class Sessions {
  private readonly key: Uint8Array;
  private readonly csrf: ReturnType<typeof doubleCsrf>;

  constructor(private readonly settings: SessionSettings) {
    if (settings.secret.length < 32) throw new Error('the session secret must be at least 32 characters');
    this.key = new TextEncoder().encode(settings.secret);
    this.csrf = doubleCsrf({
      getSecret: () => settings.secret,
      getSessionIdentifier: (req) => String((req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE] ?? ''),
      cookieName: CSRF_COOKIE,
      cookieOptions: { sameSite: 'lax', path: '/', secure: false, httpOnly: true },
      getCsrfTokenFromRequest: (req) => req.headers['x-csrf-token'],
    });
  }

  /** Signs a session token for `user`. */
  sign(user: SessionUser, lifetimeSeconds = this.settings.maxAgeSeconds): Promise<string> {
    return new jose.SignJWT({ roles: user.roles, name: user.displayName, via: user.via })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.subject)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + lifetimeSeconds)
      .sign(this.key);
  }

  /** The user of a session token; null when it is missing, forged or expired. */
  async read(token: string | undefined): Promise<SessionUser | null> {
    if (!token) return null;
    try {
      const { payload } = await jose.jwtVerify(token, this.key, { algorithms: ['HS256'], audience: AUDIENCE, requiredClaims: ['sub', 'exp'] });
      const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
      return { subject: String(payload.sub), roles, displayName: String(payload.name ?? payload.sub), via: payload.via === 'oidc' ? 'oidc' : 'local' };
    } catch {
      return null;
    }
  }

  /** The request's session user (null without a valid cookie). */
  fromRequest(req: Request): Promise<SessionUser | null> {
    return this.read((req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE]);
  }

  /** Sets the session cookie for `user` and answers the CSRF token bound to it. */
  async start(req: Request, res: Response, user: SessionUser): Promise<string> {
    const token = await this.sign(user);
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: secureFor(this.settings, req), path: '/', maxAge: this.settings.maxAgeSeconds * 1000 });
    // The CSRF token is bound to the new cookie's value, which this request did not carry yet.
    (req.cookies as Record<string, string>)[SESSION_COOKIE] = token;
    return this.csrfToken(req, res, true);
  }

  /** Clears the session and CSRF cookies. */
  end(req: Request, res: Response): void {
    const secure = secureFor(this.settings, req);
    res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
    res.clearCookie(CSRF_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
  }

  /** A CSRF token for the request's session (setting its cookie when needed). */
  csrfToken(req: Request, res: Response, overwrite = false): string {
    return this.csrf.generateCsrfToken(req, res, { overwrite, cookieOptions: { secure: secureFor(this.settings, req) } });
  }

  /** True when the request carries a CSRF token valid for its session cookie. */
  validCsrf(req: Request): boolean {
    return this.csrf.validateRequest(req);
  }

  /**
   * Refuses (403, CSRF_REJECTED) a state-changing request (any but GET, HEAD and
   * OPTIONS for which `changesState` holds) that carries a session cookie but no
   * valid CSRF token. Requests with an Authorization header are
   * not cookie-authenticated and pass: a page on another site cannot set that header.
   */
  protection(changesState: (req: Request) => boolean = () => true) {
    return (req: Request, res: Response, next: NextFunction): void => {
      if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
      if (req.headers.authorization) return next();
      if (!changesState(req)) return next();
      if (!(req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE]) return next();
      if (this.validCsrf(req)) return next();
      res
        .status(403)
        .set('cache-control', 'no-store')
        .json({ errors: [{ message: 'This request carries a session cookie but no valid CSRF token (X-CSRF-Token header); reload the page and try again', extensions: { code: 'CSRF_REJECTED' } }] });
    };
  }
}

/**
 * Whether a POST /graphql body (already parsed) may change state: it holds a
 * mutation, or it cannot be read (then the CSRF check decides, to be safe).
 * Queries sent by POST from a signed-in page change nothing and need no token.
 */
export function graphqlMayChangeState(req: Request): boolean {
  const query = (req.body as { query?: unknown } | undefined)?.query;
  if (typeof query !== 'string') return true;
  try {
    return parse(query, { noLocation: true, maxTokens: 5_000 }).definitions.some((d) => d.kind !== Kind.OPERATION_DEFINITION || d.operation !== 'query');
  } catch {
    return true;
  }
}
