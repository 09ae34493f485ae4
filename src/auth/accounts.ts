import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import { cypherQuery } from '../db/cypher';
import type { Executor } from '../db/executor';
import { ROLES, type AuthUser } from './index';

/** A local account's name: what the curator types to sign in, and the subject recorded on their changes ("local:NAME"). */
export const accountName = z
  .string()
  .trim()
  .min(2, 'must be 2 to 64 characters')
  .max(64, 'must be 2 to 64 characters')
  .regex(/^[\p{L}\p{N}._@-]+$/u, 'may hold letters, digits and . _ @ - only');

/** The shortest password an account may have; argon2id makes guessing slow, length makes it hopeless. */
export const MIN_PASSWORD_LENGTH = 12;

// OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane): about 30 ms a check on this machine.
const ARGON2 = { algorithm: 2 /* Algorithm.Argon2id (a const enum) */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Any hash, verified when the name is unknown, so a missing account takes as long to refuse as a wrong password. */
let decoyHash: Promise<string> | undefined;

/** The subject a local account's session and writes carry. */
export const localSubject = (name: string): string => `local:${name}`;

/**
 * Local accounts, for the embedded default without an OpenID provider. They are
 * (:Account) nodes in the graph's own database (migration 010): every API
 * process sees the same accounts, one backup holds them, and no file with
 * password hashes has to be mounted into each container. Passwords are stored
 * only as argon2id hashes.
 */
export class AccountStore {
  constructor(private readonly executor: Executor) {}

  /** Creates the account or replaces its password and roles. */
  async set(name: string, password: string, roles: string[]): Promise<{ name: string; roles: string[] }> {
    const parsed = accountName.parse(name);
    if (password.length < MIN_PASSWORD_LENGTH) throw new Error(`the password must be at least ${MIN_PASSWORD_LENGTH} characters`);
    const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
    if (unknown.length > 0 || roles.length === 0) throw new Error(`roles must be some of ${ROLES.join(', ')}`);
    const passwordHash = await hash(password, ARGON2);
    const [row] = await this.executor.write<{ name: string; roles: string[] }>(cypherQuery('accounts/upsert'), { name: parsed, passwordHash, roles });
    return row!;
  }

  /** Removes the account; false when there was none. */
  async remove(name: string): Promise<boolean> {
    const [row] = await this.executor.write<{ removed: number }>(cypherQuery('accounts/remove'), { name });
    return Number(row?.removed ?? 0) > 0;
  }

  /** Every account's name and roles. */
  list(): Promise<{ name: string; roles: string[] }[]> {
    return this.executor.read<{ name: string; roles: string[] }>(cypherQuery('accounts/list'));
  }

  /** The account's user when the password matches; null otherwise (unknown name or wrong password alike). */
  async check(name: string, password: string): Promise<AuthUser | null> {
    const [row] = await this.executor.read<{ name: string; roles: string[]; passwordHash: string }>(cypherQuery('accounts/byName'), { name });
    if (!row) {
      decoyHash ??= hash('not a password of anyone', ARGON2);
      await verify(await decoyHash, password).catch(() => false);
      return null;
    }
    const ok = await verify(row.passwordHash, password).catch(() => false);
    return ok ? { subject: localSubject(row.name), roles: row.roles } : null;
  }
}
