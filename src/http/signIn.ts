import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Logger } from 'pino';
import { AccountStore } from '../auth/accounts';
import { LoginThrottle } from '../auth/loginThrottle';
import { OidcSignIn, safeReturnTo, type OidcSettings } from '../auth/oidc';
import type { Sessions } from '../auth/sessions';

const PENDING_COOKIE = 'regen_oidc';
const loginBody = z.object({ name: z.string().trim().min(1).max(64), password: z.string().min(1).max(1_024) });

/** What the sign-in routes need. */
export interface SignInDeps {
  sessions: Sessions;
  accounts: AccountStore;
  oidc?: OidcSettings;
  sessionSecret: string;
  logger: Logger;
  /** Failed sign-ins an account name may have in 15 minutes (an address: ten times as many) before sign-in is refused for a while. */
  maxFailures: number;
}

const problem = (res: Response, status: number, code: string, message: string): void => {
  res.status(status).set('cache-control', 'no-store').json({ error: { code, message } });
};

/**
 * The sign-in routes under /auth:
 * - GET /auth/session: who is signed in, their roles, a CSRF token for their requests, and which sign-ins exist;
 * - POST /auth/login {name, password}: a local account (failed attempts rate-limited, 429 RATE_LIMITED);
 * - POST /auth/logout: ends the session (needs the CSRF token, like every state change with a session);
 * - GET /auth/oidc/start?returnTo=… and GET /auth/oidc/callback: OpenID Connect, authorization code with PKCE.
 */
export function signInRouter(deps: SignInDeps): Router {
  const router = Router();
  const throttle = new LoginThrottle(deps.maxFailures);
  // One address may be a whole office behind NAT: it gets ten times an account's allowance.
  const addressThrottle = new LoginThrottle(deps.maxFailures * 10);
  const oidc = deps.oidc ? new OidcSignIn(deps.oidc, deps.sessionSecret) : undefined;

  router.get('/auth/session', async (req, res) => {
    const user = await deps.sessions.fromRequest(req);
    if (!user && (req.cookies as Record<string, string>)['regen_session']) deps.sessions.end(req, res);
    res.set('cache-control', 'no-store').json({
      user: user ? { subject: user.subject, name: user.displayName, roles: user.roles, via: user.via } : null,
      csrfToken: user ? deps.sessions.csrfToken(req, res) : null,
      signIn: { local: true, oidc: Boolean(oidc) },
    });
  });

  router.post('/auth/login', express.json({ limit: '4kb' }), async (req: Request, res: Response) => {
    const parsed = loginBody.safeParse(req.body);
    if (!parsed.success) return problem(res, 400, 'BAD_USER_INPUT', 'Send {"name": …, "password": …}');
    const { name, password } = parsed.data;
    const keys = [`name:${name.toLowerCase()}`, `ip:${req.ip ?? ''}`];
    const wait = Math.max(throttle.retryAfterSeconds(keys.slice(0, 1)), addressThrottle.retryAfterSeconds(keys.slice(1)));
    if (wait > 0) {
      res.set('retry-after', String(wait));
      return problem(res, 429, 'RATE_LIMITED', `Too many failed sign-ins; try again in ${Math.ceil(wait / 60)} minute(s)`);
    }
    const user = await deps.accounts.check(name, password);
    if (!user) {
      throttle.fail(keys.slice(0, 1));
      addressThrottle.fail(keys.slice(1));
      deps.logger.warn({ account: name, ip: req.ip }, 'failed sign-in');
      return problem(res, 401, 'UNAUTHENTICATED', 'Wrong account name or password');
    }
    throttle.succeed(keys[0]!);
    const csrfToken = await deps.sessions.start(req, res, { ...user, displayName: name, via: 'local' });
    res.set('cache-control', 'no-store').json({ user: { subject: user.subject, name, roles: user.roles, via: 'local' }, csrfToken });
  });

  router.post('/auth/logout', deps.sessions.protection(), (req, res) => {
    deps.sessions.end(req, res);
    res.status(204).set('cache-control', 'no-store').end();
  });

  router.get('/auth/oidc/start', async (req, res) => {
    if (!oidc) return problem(res, 404, 'NOT_FOUND', 'No OpenID provider is configured (OIDC_ISSUER)');
    try {
      const { url, pending } = await oidc.start(`${req.protocol}://${req.get('host')}/auth/oidc/callback`, safeReturnTo(req.query.returnTo));
      res.cookie(PENDING_COOKIE, pending, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/auth/oidc', maxAge: 600_000 });
      res.redirect(302, url);
    } catch (error) {
      deps.logger.error({ err: error }, 'the OpenID provider cannot be reached');
      problem(res, 503, 'SERVICE_UNAVAILABLE', 'The OpenID provider cannot be reached; try again later');
    }
  });

  router.get('/auth/oidc/callback', async (req, res) => {
    if (!oidc) return problem(res, 404, 'NOT_FOUND', 'No OpenID provider is configured (OIDC_ISSUER)');
    const callbackUrl = new URL(req.originalUrl, `${req.protocol}://${req.get('host')}`);
    try {
      const { user, returnTo } = await oidc.finish(callbackUrl, (req.cookies as Record<string, string>)[PENDING_COOKIE]);
      res.clearCookie(PENDING_COOKIE, { path: '/auth/oidc' });
      await deps.sessions.start(req, res, { ...user, via: 'oidc' });
      res.redirect(302, returnTo);
    } catch (error) {
      deps.logger.warn({ err: error }, 'OpenID sign-in failed');
      res.clearCookie(PENDING_COOKIE, { path: '/auth/oidc' });
      problem(res, 401, 'UNAUTHENTICATED', 'The sign-in with your organisation did not complete; start again from the sign-in page');
    }
  });
  return router;
}
