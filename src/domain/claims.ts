import { DATE_PROPERTIES } from './model';

/**
 * When values that sources give for one property disagree. Shared by the seed
 * validator (src/ingest/ecosystemFile.ts) and the API's conflicts, so a file and
 * the graph it loads report the same conflicts.
 */

/** One stated value: scalars as stated, anything else compared as its JSON text. */
export interface StatedValue {
  value: unknown;
  /** The page's date, for a value that changes over time (a count, a holder). */
  asOf?: string | null;
}

const comparable = (value: unknown) => (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : JSON.stringify(value));

/**
 * Two values contradict unless they are equal, are stated as of different dates
 * (a series over time), or are dates of which one is a prefix of the other
 * (2017-04 and 2017-04-24: the same date at two precisions).
 */
export function valuesContradict(a: StatedValue, b: StatedValue, property: string): boolean {
  const [x, y] = [comparable(a.value), comparable(b.value)];
  if (x === y) return false;
  if (a.asOf && b.asOf && a.asOf !== b.asOf) return false;
  if ((DATE_PROPERTIES as readonly string[]).includes(property) && typeof x === 'string' && typeof y === 'string') {
    return !(x.startsWith(y) || y.startsWith(x));
  }
  return true;
}

/** Whether any two of the values stated for `property` contradict. */
export function isConflict(values: readonly StatedValue[], property: string): boolean {
  return values.some((a, i) => values.slice(i + 1).some((b) => valuesContradict(a, b, property)));
}
