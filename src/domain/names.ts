import { foldHanVariants } from './hanVariants';
import { LANGUAGES, type Language, type NameLanguage } from './language';

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
  return normalisedOfFolded(foldName(name));
}

/** normaliseName of a name already folded (foldName). */
export function normalisedOfFolded(folded: string): string {
  return folded.replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** foldName of each alias, each key once; null when there is none. */
export function searchAliasesOf(aliases: readonly string[] | null | undefined): string[] | null {
  if (!aliases || aliases.length === 0) return null;
  return [...new Set(aliases.map(foldName))];
}

/**
 * Where the language of each name is stored: a list per language of the
 * entity's names (its name and aliases) written in it. A name in no list is
 * `und`; a name the pages write in two languages (三顧 in Japanese and Chinese
 * pages) is in both. The name and alias lists, and so their search keys, stay as
 * they were; an alias written without a language simply has none.
 */
export const NAME_LANGUAGE_PROPERTIES = { en: 'namesEn', ja: 'namesJa', 'zh-Hant': 'namesZhHant' } as const satisfies Record<Language, string>;
export type NameLanguageProperty = (typeof NAME_LANGUAGE_PROPERTIES)[Language];

const stringsOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** The entity's names (name first, then aliases), each once. */
export function allNames(props: Readonly<Record<string, unknown>>): string[] {
  const name = typeof props.name === 'string' ? [props.name] : [];
  return [...new Set([...name, ...stringsOf(props.aliases)])];
}

/** The languages `value` is tagged with on the entity; `und` when none. */
export function languagesOfName(props: Readonly<Record<string, unknown>>, value: string): NameLanguage[] {
  const tagged = LANGUAGES.filter((lang) => stringsOf(props[NAME_LANGUAGE_PROPERTIES[lang]]).includes(value));
  return tagged.length ? tagged : ['und'];
}

/** Every name of the entity with its language, name first: a name in two languages appears twice. */
export function taggedNames(props: Readonly<Record<string, unknown>>): { value: string; language: NameLanguage }[] {
  return allNames(props).flatMap((value) => languagesOfName(props, value).map((language) => ({ value, language })));
}

/**
 * The name to show a reader of `lang`: a name tagged `lang` (the canonical name
 * when it is one, else the first such alias), else one tagged English, else the
 * canonical name. Undefined only for a record without a name.
 */
export function localizedName(props: Readonly<Record<string, unknown>>, lang: Language): string | undefined {
  const canonical = typeof props.name === 'string' ? props.name : undefined;
  for (const l of lang === 'en' ? (['en'] as const) : ([lang, 'en'] as const)) {
    // Most entities tag no name: nothing is built for them (this runs for every name a read shows).
    const tagged = props[NAME_LANGUAGE_PROPERTIES[l]];
    if (!Array.isArray(tagged) || tagged.length === 0) continue;
    if (canonical !== undefined && tagged.includes(canonical)) return canonical;
    const alias = stringsOf(props.aliases).find((n) => tagged.includes(n));
    if (alias !== undefined) return alias;
  }
  return canonical;
}

/**
 * The name-language lists for names given with their tags (seed files, import):
 * each language's names, each once, in the order given; null for a language
 * without any, so a write removes a stale list.
 */
export function nameLanguageProperties(names: readonly { value: string; lang?: NameLanguage | null }[]): Record<string, string[] | null> {
  return Object.fromEntries(
    LANGUAGES.map((lang) => {
      const values = [...new Set(names.filter((n) => n.lang === lang).map((n) => n.value))];
      return [NAME_LANGUAGE_PROPERTIES[lang], values.length ? values : null];
    }),
  );
}
