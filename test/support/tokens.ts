import { randomBytes } from 'node:crypto';
import * as jose from 'jose';

/** A fresh HS256 secret for one test file's server. */
export const newJwtSecret = (): string => randomBytes(32).toString('hex');

/** A signed bearer token for `subject` with `roles`, valid for `expiresIn` (default 5 minutes; negative for an expired one). */
export function mintToken(secret: string, subject: string, roles: string[], expiresIn = '5m'): Promise<string> {
  return new jose.SignJWT({ roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}

/** The Authorization header for a token minted as mintToken does. */
export async function bearerHeader(secret: string, subject: string, roles: string[], expiresIn?: string): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await mintToken(secret, subject, roles, expiresIn)}` };
}
