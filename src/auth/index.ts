import type { JWTVerifyGetKey } from 'jose';
import { ForbiddenError, UnauthenticatedError } from '../errors';
import * as jose from 'jose';

/** The longest a token may live when AuthSettings.maxLifetimeSeconds is not given: 24 hours (JWT_MAX_LIFETIME_SECONDS). */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 24 * 3_600;

/** Roles a token may carry in its `roles` claim: editor writes, reviewer also merges entities; admin includes every role. */
export const ROLES = ['editor', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who made the request, from a verified token. */
export interface AuthUser {
  /** The token's `sub` claim; recorded on every write. */
  subject: string;
  roles: string[];
}

/** How tokens are verified. At least one of jwtSecret and jwksUrl. */
export interface AuthSettings {
  /** Shared HS256 secret (at least 32 characters). */
  jwtSecret?: string;
  /** Expected `iss`, when set. */
  issuer?: string;
  /** Expected `aud`, when set. */
  audience?: string;
  /** JWKS endpoint for asymmetric tokens (RS256, ES256, EdDSA …). */
  jwksUrl?: string;
  /** The longest lifetime a token may claim (exp − iat, or exp − now without iat), in seconds; default DEFAULT_MAX_TOKEN_LIFETIME_SECONDS. */
  maxLifetimeSeconds?: number;
}

export interface TokenVerifier {
  /**
   * Verifies a compact JWT; throws UnauthenticatedError when it is invalid,
   * expired, lacks a subject or an expiry (`sub`, `exp`), or claims a lifetime
   * over the maximum: a stolen token must stop working by itself.
   */
  verify(token: string): Promise<AuthUser>;
}

const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** Builds the verifier from settings; undefined when neither a secret nor a JWKS URL is set (then every token is refused). */
export function createTokenVerifier(settings: AuthSettings): TokenVerifier | undefined {
  const secret = settings.jwtSecret ? new TextEncoder().encode(settings.jwtSecret) : undefined;
  const jwks = settings.jwksUrl ? jose.createRemoteJWKSet(new URL(settings.jwksUrl)) : undefined;
  if (!secret && !jwks) return undefined;
  if (settings.jwtSecret !== undefined && settings.jwtSecret.length < 32) throw new Error('the JWT secret must be at least 32 characters');
  const algorithms = [...(secret ? ['HS256'] : []), ...(jwks ? ASYMMETRIC : [])];
  const maxLifetime = settings.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  const getKey: JWTVerifyGetKey = async (header, token) => {
    if (header.alg === 'HS256' && secret) return secret;
    if (jwks) return jwks(header, token);
    throw new UnauthenticatedError('The token is signed with an algorithm this server does not accept');
  };
  return {
    async verify(token) {
      try {
        const { payload } = await jose.jwtVerify(token, getKey, {
          algorithms,
          issuer: settings.issuer,
          audience: settings.audience,
          requiredClaims: ['sub', 'exp'],
        });
        // An iat in the future would shorten the lifetime it claims: count from now then.
        const now = Math.floor(Date.now() / 1000);
        const lifetime = payload.exp! - Math.min(payload.iat ?? now, now);
        if (lifetime > maxLifetime) throw new UnauthenticatedError(`The token lives longer than this server accepts (at most ${maxLifetime} s from iat to exp)`);
        const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
        return { subject: String(payload.sub), roles };
      } catch (error) {
        if (error instanceof UnauthenticatedError) throw error;
        if (error instanceof jose.errors.JWTExpired) throw new UnauthenticatedError('The token has expired');
        if (error instanceof jose.errors.JWTClaimValidationFailed && error.claim === 'exp' && error.reason === 'missing') throw new UnauthenticatedError('The token has no expiry (exp); this server accepts only tokens that expire');
        throw new UnauthenticatedError('The token is not valid');
      }
    },
  };
}

/**
 * The user behind an Authorization header: null without one; UnauthenticatedError
 * when it is not `Bearer <jwt>`, when the token fails verification, or when no
 * verifier is configured.
 */
export async function authenticate(verifier: TokenVerifier | undefined, authorization: string | undefined): Promise<AuthUser | null> {
  if (authorization === undefined || authorization.trim() === '') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw new UnauthenticatedError('The Authorization header must be "Bearer <token>"');
  if (!verifier) throw new UnauthenticatedError('This server is not configured to accept tokens');
  return verifier.verify(match[1]!);
}

/** The request's user if it holds `role` (admin holds every role); UNAUTHENTICATED without a user, FORBIDDEN without the role. */
export function requireRole(ctx: { user: AuthUser | null }, role: Role): AuthUser {
  if (!ctx.user) throw new UnauthenticatedError();
  if (!ctx.user.roles.includes(role) && !ctx.user.roles.includes('admin')) throw new ForbiddenError(role);
  return ctx.user;
}
