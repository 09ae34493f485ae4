import type { RelationshipType } from './model';

/** The relationship type of a held role (a person's title at an organization): what asOf reads replace by seat. */
export const HELD_ROLE: RelationshipType = 'HOLDS_ROLE';

/**
 * Which titles fill the same seat at an organization, so that a role stated on a
 * later page replaces the earlier holder of that seat (asOf reads). Pages word
 * one seat differently ("Chairman", "Chairperson", "Representative Director and
 * Chairperson"); a title containing a seat word, and none of its exceptions, is
 * that seat. Any other title is its own seat (compared in lower case).
 */
export interface RoleSeat {
  seat: string;
  words: readonly string[];
  unless: readonly string[];
}

export const ROLE_SEATS: readonly RoleSeat[] = [
  { seat: 'chair', words: ['chair', '会長', '理事長', '董事長'], unless: ['vice', 'deputy', '副'] },
  { seat: 'president', words: ['president', '社長', '校長', '院長'], unless: ['vice', 'deputy', '副'] },
  { seat: 'chief executive', words: ['chief executive', 'ceo', '執行長'], unless: ['deputy'] },
];

/** The seat a title fills: a ROLE_SEATS seat, or the title itself in lower case. */
export function roleSeat(title: string): string {
  const lower = title.toLowerCase();
  const found = ROLE_SEATS.find((s) => s.words.some((w) => lower.includes(w)) && !s.unless.some((u) => lower.includes(u)));
  return found ? found.seat : lower;
}
