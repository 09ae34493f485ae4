/** Which language a page is in: pure, so the tests can ask it without a browser. */
import { languageOfTag, type Language } from '../../../src/domain/language';

/** Where the switcher remembers the reader's choice. */
export const STORAGE_KEY = 'regen.lang';

/** The URL parameter that names the language (`?lang=ja`). */
export const LANG_PARAM = 'lang';

/**
 * The page language: the URL's `lang` (any tag languageOfTag resolves: ja,
 * zh-TW …), then the remembered choice, then the browser's languages in order,
 * else English.
 */
export function resolveLanguage(input: { search: string; stored: string | null; preferred: readonly string[] }): Language {
  const fromUrl = new URLSearchParams(input.search).get(LANG_PARAM);
  for (const tag of [fromUrl, input.stored, ...input.preferred]) {
    const lang = tag ? languageOfTag(tag) : undefined;
    if (lang) return lang;
  }
  return 'en';
}
