import { foldHanVariants } from './hanVariants';

/**
 * A name as search and entity resolution compare it: NFKC (width and compatibility
 * forms folded), lower case, and every Han character folded to one form of its
 * variants (foldHanVariants: 台/臺, 楽/樂, 医/醫, 戸/戶, Simplified/Traditional). Spaces
 * and punctuation are kept, so words stay words.
 */
export function foldName(name: string): string {
  return foldHanVariants(name.normalize('NFKC').toLowerCase());
}

/**
 * Lower-case, width-folded, Han variants folded, without spaces, punctuation or
 * marks such as ®: the key two names clash on ("臺北醫學大學" and "台北医学大学" share it).
 */
export function normaliseName(name: string): string {
  return foldName(name).replace(/[\s\p{P}\p{S}]+/gu, '');
}

/**
 * The stored search keys of an entity's names: `searchName` (foldName of the
 * name) and `searchAliases` (foldName of each alias, each key once). The
 * full-text index (entity_search) holds these instead of the names, so a query,
 * folded the same way, finds 台北 by 臺北 while the names stay as written for
 * display. Keys only for what `props` sets: no `name` → no searchName; `aliases`
 * null or empty → searchAliases null (removed, as the aliases are).
 */
export function searchKeyProperties(props: { name?: unknown; aliases?: unknown }): { searchName?: string; searchAliases?: string[] | null } {
  const keys: { searchName?: string; searchAliases?: string[] | null } = {};
  if (typeof props.name === 'string') keys.searchName = foldName(props.name);
  if (props.aliases === null || Array.isArray(props.aliases)) keys.searchAliases = searchAliasesOf(props.aliases as readonly string[] | null);
  return keys;
}

/** foldName of each alias, each key once; null when there is none. */
export function searchAliasesOf(aliases: readonly string[] | null | undefined): string[] | null {
  if (!aliases || aliases.length === 0) return null;
  return [...new Set(aliases.map(foldName))];
}
