import type { z } from 'zod';
import { BadUserInputError } from '../errors';

import type { Position } from './roots';

/** Opaque cursor for a position: base64url of JSON. */
export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/**
 * Reads a cursor made by encodeCursor for a list sorted by `keys` keys (the id
 * comes last, so a cursor has keys + 1 values); BAD_USER_INPUT on the `after`
 * argument when it is not one, or was made for another ordering.
 */
export function decodeCursor(cursor: string, keys: number): Position {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === keys + 1 && value.every((v) => ['string', 'number', 'boolean'].includes(typeof v))) {
      return value as Position;
    }
  } catch {
    // reported below
  }
  throw new BadUserInputError('Invalid argument after: not a cursor returned by this API for this ordering', 'after');
}

/** Reads an opaque cursor (base64url of JSON) as `schema` says; BAD_USER_INPUT on `field` when it is not one of this list. */
export function decodeOpaqueCursor<T>(cursor: string, schema: z.ZodType<T>, field: string): T {
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new BadUserInputError(`Invalid argument ${field}: is not a cursor of this list`, field);
  }
}
