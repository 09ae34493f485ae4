import { BadUserInputError } from '../../errors';

/** A position in a list ordered by (name, id). */
export interface Position {
  name: string;
  id: string;
}

/** Opaque cursor for a position: base64url of JSON. */
export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.name, position.id]), 'utf8').toString('base64url');
}

/** Reads a cursor made by encodeCursor; BAD_USER_INPUT on the `after` argument when it is not one. */
export function decodeCursor(cursor: string): Position {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) {
      return { name: value[0] as string, id: value[1] as string };
    }
  } catch {
    // reported below
  }
  throw new BadUserInputError('Invalid argument after: not a cursor returned by this API', 'after');
}
