import { DATE_PROPERTIES as SOURCE_DATE_PROPERTIES } from '../../domain/model';

/**
 * How strong a path is and which paths an answer keeps. Pure functions, so the
 * ranking is unit-tested without a database (test/pathRanking.test.ts).
 *
 * strength = product over intermediaries of specificity(degree) × (dated ? 1 : UNDATED)
 *          × product over hops of (corroborated ? 1 : UNCORROBORATED)
 * specificity(d) = 1 / (1 + ln(1 + d)): an agreement between two parties (degree
 * about 5) scores 0.36, an event with 2,635 participants 0.11. A direct link has
 * no intermediary, so it is the strongest. Longer paths multiply more factors
 * below 1 and are weaker.
 */

/** Date properties an intermediary (or the relationships reaching it) may carry: the events' own and those the sources state. */
export const DATE_PROPERTIES: readonly string[] = ['startDate', 'endDate', ...SOURCE_DATE_PROPERTIES];

/** Factor for an intermediary nothing dates. */
export const UNDATED = 0.9;
/** Factor for a hop only one source states. */
export const UNCORROBORATED = 0.9;

/** How specific a link through an entity with `degree` relationships is, in (0, 1]. */
export function specificity(degree: number): number {
  return 1 / (1 + Math.log(1 + Math.max(0, degree)));
}

/** True when any of the property maps carries a date. */
export function isDated(...props: Record<string, unknown>[]): boolean {
  return props.some((p) => DATE_PROPERTIES.some((k) => p[k] !== undefined && p[k] !== null && p[k] !== ''));
}

/** The strength of a path from its intermediaries and hops (see the module comment). */
export function pathStrength(intermediaries: readonly { degree: number; dated: boolean }[], hops: readonly { sourceCount: number }[]): number {
  let strength = 1;
  for (const m of intermediaries) strength *= specificity(m.degree) * (m.dated ? 1 : UNDATED);
  for (const h of hops) strength *= h.sourceCount >= 2 ? 1 : UNCORROBORATED;
  return strength;
}

/** What ranking needs of a path. */
export interface Rankable {
  length: number;
  weak: boolean;
  strength: number;
  /** Tie-breaker that makes the order total (e.g. the ids along the path). */
  key: string;
}

/** Shorter first; at one length specific before weak, then stronger, then by key. */
export function comparePaths(x: Rankable, y: Rankable): number {
  return x.length - y.length || Number(x.weak) - Number(y.weak) || y.strength - x.strength || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0);
}

/**
 * The `first` paths an answer keeps, in comparePaths order: always a shortest
 * path (the first); the other places go to specific paths before weak ones, so
 * many short links through hubs never crowd out a longer specific link, and
 * weak paths fill what is left rather than being dropped.
 */
export function selectPaths<T extends Rankable>(paths: readonly T[], first: number): T[] {
  const sorted = [...paths].sort(comparePaths);
  if (sorted.length <= first) return sorted;
  const [shortest, ...rest] = sorted;
  const byPreference = [...rest.filter((p) => !p.weak), ...rest.filter((p) => p.weak)];
  return [shortest!, ...byPreference.slice(0, first - 1)].sort(comparePaths);
}
