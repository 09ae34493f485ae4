import { foldName, normalisedOfFolded, normaliseName, searchAliasesOf } from './names';

/**
 * What entity resolution compares of a name (src/entityResolution/likelyDuplicates.ts
 * closeness), and the lookup keys an entity stores so the full-text index finds
 * its likely duplicates by exact terms instead of by shared words:
 * - the name's key (normaliseName: "ReproCELL Inc" and "REPROCELL Inc." share it);
 * - its core, the key without its legal form ("Hitachi" and "Hitachi, Ltd.");
 * - for a Latin core of TWO_EDITS_FROM characters or more, its two halves, each
 *   marked (HALF_MARKS): a name two edits away whose edits fall in one half
 *   shares the other half exactly.
 */

/** Latin legal-form words, compared as whole words after NFKC and lower case. */
const LEGAL_FORM_WORDS = new Set([
  'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'ltd', 'limited', 'llc', 'plc', 'gmbh', 'ag', 'sa', 'kk', 'bv', 'nv', 'pte', 'pty',
]);
/** CJK legal forms, dropped where a word starts or ends with them; folded as names are, so one spelling covers its Japanese, Simplified and Traditional forms. */
const LEGAL_FORM_AFFIXES = [
  '股份有限公司', '有限公司', '株式会社', '有限会社', '合同会社', '公益財団法人', '一般財団法人', '公益社団法人', '一般社団法人',
  '国立大学法人', '国立研究開発法人', '独立行政法人', '学校法人', '財団法人', '社団法人', '財團法人', '社團法人', '(株)', '㈱',
].map(foldName);

/** Every CJK legal form holds a character beyond ASCII: folded text of ASCII alone has none to drop. */
const BEYOND_ASCII = /[\u0080-\uffff]/;

/** A core of Latin letters and digits only: the kind a near spelling can be. */
const LATIN_KEY = /^[a-z0-9]+$/;
/** Shortest core a near spelling may have (one edit apart). */
export const NEAR_SPELLING_FROM = 6;
/** Shortest core two edits may separate from a near spelling. */
export const TWO_EDITS_FROM = 12;
/** Marks of the stored halves of a long Latin core, so a half never equals a whole key. */
export const HALF_MARKS = { first: 'p', second: 's' } as const;

/** The words of a folded text without its CJK legal forms and Latin legal-form words. */
function coreWords(folded: string): string[] {
  let text = folded;
  if (BEYOND_ASCII.test(text)) for (const affix of LEGAL_FORM_AFFIXES) text = text.split(affix).join(' ');
  return text
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .filter((w) => !LEGAL_FORM_WORDS.has(w));
}

/** The name without its legal form, as a normaliseName key; the whole name's key when nothing else would remain. */
function coreOfFolded(folded: string, name: string): string {
  const core = coreWords(folded).join('');
  return core.length > 0 ? core : normaliseName(name);
}

/** What closeness compares of one name, computed once per name. */
export interface NameKeys {
  key: string;
  core: string;
  /** The core's digits when the core is Latin letters and digits only (a near spelling is possible), else null. */
  latinDigits: string | null;
}

const digitsOf = (key: string) => key.replace(/\D+/g, ' ').trim();

/** The keys closeness compares of `name`. Pure. */
export function nameKeys(name: string): NameKeys {
  const folded = foldName(name);
  const core = coreOfFolded(folded, name);
  return { key: normalisedOfFolded(folded), core, latinDigits: LATIN_KEY.test(core) ? digitsOf(core) : null };
}

/** The halves a Latin core of `length` characters is stored with: the first floor(length / 2) characters and the rest. */
export const halfLength = (length: number): number => Math.floor(length / 2);

/** The lookup keys stored for one name: its key, its core and, for a long Latin core, its marked halves; each once, none empty. */
export function lookupKeys(name: string): string[] {
  const { key, core, latinDigits } = nameKeys(name);
  const keys = [key, core];
  if (latinDigits !== null && core.length >= TWO_EDITS_FROM) {
    const half = halfLength(core.length);
    keys.push(HALF_MARKS.first + core.slice(0, half), HALF_MARKS.second + core.slice(half));
  }
  return [...new Set(keys.filter(Boolean))];
}

/** The lookup keys of several names (an entity's aliases), each once; null when there is none. */
export function lookupKeysOf(names: readonly string[] | null | undefined): string[] | null {
  const keys = [...new Set((names ?? []).flatMap(lookupKeys))];
  return keys.length > 0 ? keys : null;
}

/** The properties an entity's names are indexed by (entity_search): folded text for search, lookup keys for entity resolution. */
export interface NameIndexProperties {
  searchName?: string;
  nameKeys?: string[];
  searchAliases?: string[] | null;
  aliasKeys?: string[] | null;
}

/**
 * The stored search and lookup keys of an entity's names: `searchName` (foldName
 * of the name) and `searchAliases` (foldName of each alias, each key once), which
 * the full-text index (entity_search) holds instead of the names, so a query,
 * folded the same way, finds 台北 by 臺北 while the names stay as written for
 * display; and `nameKeys` and `aliasKeys` (lookupKeys), which the likely-duplicate
 * check looks up. Keys only for what `props` sets: no `name` → no searchName or
 * nameKeys; `aliases` null or empty → searchAliases and aliasKeys null (removed,
 * as the aliases are).
 */
export function searchKeyProperties(props: { name?: unknown; aliases?: unknown }): NameIndexProperties {
  const keys: NameIndexProperties = {};
  if (typeof props.name === 'string') {
    keys.searchName = foldName(props.name);
    keys.nameKeys = lookupKeys(props.name);
  }
  if (props.aliases === null || Array.isArray(props.aliases)) Object.assign(keys, aliasKeyProperties(props.aliases as readonly string[] | null));
  return keys;
}

/** The keys of aliases alone: for writes that change the aliases of an entity and not its name (a merge, a load's union). */
export function aliasKeyProperties(aliases: readonly string[] | null | undefined): { searchAliases: string[] | null; aliasKeys: string[] | null } {
  return { searchAliases: searchAliasesOf(aliases), aliasKeys: lookupKeysOf(aliases) };
}
