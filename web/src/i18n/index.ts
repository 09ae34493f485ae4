/**
 * The pages' languages: English, 日本語, 繁體中文. One i18next instance with ICU
 * messages (plurals through i18next-icu) over the catalogues next to this file,
 * the page language, and formatters built on Intl. The language is resolved
 * once per page load: the URL's ?lang= first, then the choice remembered by
 * the switcher, then the browser's languages, else English. Importing this
 * module initialises it, so `t` works in every module that imports it.
 */
import i18next, { type TOptions } from 'i18next';
import ICU from 'i18next-icu';
import { isLanguage, LANGUAGES, type Language } from '../../../src/domain/language';
import { LANG_PARAM, resolveLanguage, STORAGE_KEY } from './resolve';
import { noDoubledStop } from './sentences';
import en from './en.json';
import ja from './ja.json';
import zhHant from './zh-Hant.json';

export { LANG_PARAM, LANGUAGES, resolveLanguage, STORAGE_KEY, type Language };

/** The catalogues, by language: nested objects of ICU messages. */
export const CATALOGUES: Readonly<Record<Language, object>> = { en, ja, 'zh-Hant': zhHant };

function storedChoice(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

const current: Language = typeof window === 'undefined'
  ? 'en'
  : resolveLanguage({ search: window.location.search, stored: storedChoice(), preferred: navigator.languages ?? [navigator.language] });

const instance = i18next.createInstance();
void instance.use(ICU).init({
  lng: current,
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  // zh-Hant is a language of its own here, not zh with a script to strip.
  load: 'currentOnly',
  initAsync: false,
  resources: Object.fromEntries(LANGUAGES.map((lang) => [lang, { translation: CATALOGUES[lang] }])),
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** The language of this page. */
export const lang = (): Language => current;

/** The message `key` in the page language, its ICU arguments filled in. */
export function t(key: string, values: Record<string, string | number | Date> = {}): string {
  return noDoubledStop(instance.t(key, values as TOptions), values);
}

/** Sentences one after another: a space between them in English, none after 。 in Japanese and Chinese. */
export const sentences = (...parts: string[]): string => parts.join(t('common.sentenceSeparator'));

/**
 * A message whose arguments may be elements (a link inside a sentence): the
 * message as text nodes with the elements in their places, so word order
 * stays the catalogue's in every language.
 */
export function tNodes(key: string, values: Record<string, Node | string | number>): (Node | string)[] {
  const nodes: Node[] = [];
  const text: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'object') {
      text[name] = `\uE000${nodes.length}\uE001`;
      nodes.push(value);
    } else {
      text[name] = value;
    }
  }
  return t(key, text)
    .split(/(\uE000\d+\uE001)/)
    .filter((part) => part !== '')
    .map((part) => {
      const match = /^\uE000(\d+)\uE001$/.exec(part);
      return match ? nodes[Number(match[1])]! : part;
    });
}

const numberFormat = new Intl.NumberFormat(current);

/** A number in the page language ("1,234", "1,234", "1,234"). */
export const formatNumber = (n: number, options?: Intl.NumberFormatOptions): string =>
  options ? new Intl.NumberFormat(current, options).format(n) : numberFormat.format(n);

/** A calendar date ("2025-04-23" → "Apr 23, 2025", "2025年4月23日"); a partial date ("2025", "2025-04") keeps its precision. */
export function formatDate(iso: string): string {
  const match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(iso);
  if (!match) return iso;
  const [, year, month, day] = match;
  const date = new Date(Date.UTC(Number(year), Number(month ?? 1) - 1, Number(day ?? 1)));
  const options: Intl.DateTimeFormatOptions = day ? { dateStyle: current === 'ja' ? 'long' : 'medium', timeZone: 'UTC' } : month ? { year: 'numeric', month: 'long', timeZone: 'UTC' } : { year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(current, options).format(date);
}

/** A moment with its time ("Dec 6, 2026, 9:14 AM", "2026/12/06 9:14"). */
export const formatDateTime = (value: string | Date): string =>
  new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value));

/** A list joined as the language joins one ("A, B, and C", "A、B、C"). */
export const formatList = (items: readonly string[], type: 'conjunction' | 'unit' = 'conjunction'): string =>
  new Intl.ListFormat(current, { style: 'long', type }).format(items);

/**
 * An address on this site keeping the URL's explicit language, so a link
 * opened from a `?lang=ja` page stays Japanese even without a remembered choice.
 */
export function pageUrl(path: string, params: Record<string, string> = {}): string {
  const search = new URLSearchParams(params);
  const explicit = typeof window === 'undefined' ? null : new URLSearchParams(window.location.search).get(LANG_PARAM);
  if (explicit && isLanguage(explicit)) search.set(LANG_PARAM, explicit);
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

/** What the switcher shows for each language: its own name, in its own language. */
const OWN_NAMES: Readonly<Record<Language, string>> = { en: 'English', ja: '日本語', 'zh-Hant': '繁體中文' };

/** Remembers `choice` and reloads the page in it, the URL saying which. */
export function switchLanguage(choice: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // Private windows may refuse storage; the URL still carries the choice.
  }
  const url = new URL(window.location.href);
  url.searchParams.set(LANG_PARAM, choice);
  window.location.assign(url.toString());
}

/** The switcher: one button per language, the current one pressed; a press remembers the choice. */
function switcher(): HTMLElement {
  const group = document.createElement('div');
  group.className = 'lang-switcher';
  group.id = 'lang-switcher';
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', t('common.language'));
  for (const choice of LANGUAGES) {
    const button = document.createElement('button');
    button.type = 'button';
    button.lang = choice;
    button.dataset.lang = choice;
    button.setAttribute('aria-pressed', String(choice === current));
    button.textContent = OWN_NAMES[choice];
    button.addEventListener('click', () => {
      if (choice !== current) switchLanguage(choice);
    });
    group.append(button);
  }
  return group;
}

/**
 * Puts the page in its language: <html lang>, every element marked
 * `data-i18n="key"` (its text) or `data-i18n-<attribute>="key"` (an
 * attribute: title, aria-label, placeholder), internal links keeping an
 * explicit ?lang=, and the switcher at the end of the header.
 */
export function localizePage(root: ParentNode = document): void {
  document.documentElement.lang = current;
  for (const el of root.querySelectorAll<HTMLElement>('*')) {
    for (const attribute of [...el.attributes]) {
      if (attribute.name === 'data-i18n') el.textContent = t(attribute.value);
      else if (attribute.name.startsWith('data-i18n-')) el.setAttribute(attribute.name.slice('data-i18n-'.length), t(attribute.value));
    }
  }
  for (const link of root.querySelectorAll<HTMLAnchorElement>('header a[href^="/"]')) {
    const url = new URL(link.href);
    link.href = pageUrl(url.pathname, Object.fromEntries(url.searchParams));
  }
  const header = root.querySelector('header');
  if (header && !header.querySelector('#lang-switcher')) header.append(switcher());
}

if (typeof document !== 'undefined') document.documentElement.lang = current;
