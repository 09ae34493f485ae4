/**
 * The languages the graph speaks: English, Japanese and Traditional Chinese
 * (BCP 47 tags). Display words of the model (labels, relationship phrases,
 * terms) exist in each; names carry the language their page wrote them in.
 */
export const LANGUAGES = ['en', 'ja', 'zh-Hant'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A name's language: one of LANGUAGES, or `und` where no page tells. */
export type NameLanguage = Language | 'und';
export const NAME_LANGUAGES = [...LANGUAGES, 'und'] as const satisfies readonly NameLanguage[];

/** One text in every language. */
export type Localized = Readonly<Record<Language, string>>;

/** The text in `lang` (every Localized has all three). */
export function localize(text: Localized, lang: Language): string {
  return text[lang];
}

/** A text made in every language by `make`. */
export function inEveryLanguage(make: (lang: Language) => string): Localized {
  return { en: make('en'), ja: make('ja'), 'zh-Hant': make('zh-Hant') };
}

/** The Language enum of the API (EN, JA, ZH_HANT; NameLanguage adds UND) for each tag. */
export const LANGUAGE_ENUM = { en: 'EN', ja: 'JA', 'zh-Hant': 'ZH_HANT', und: 'UND' } as const satisfies Record<NameLanguage, string>;

/** The tag of a Language enum value; undefined for anything else. */
export function languageOfEnum(value: unknown): Language | undefined {
  return LANGUAGES.find((lang) => LANGUAGE_ENUM[lang] === value);
}

/** Whether `value` is one of LANGUAGES. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Whether `value` is one of NAME_LANGUAGES. */
export function isNameLanguage(value: unknown): value is NameLanguage {
  return typeof value === 'string' && (NAME_LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language a tag (one language range of Accept-Language, or a `?lang=`)
 * asks for, by RFC 4647 lookup: the range, then the range with its last subtag
 * cut, until a supported tag is left. Chinese of any region or script is served
 * Traditional (zh, zh-TW, zh-HK, zh-Hant-*), the only Chinese there is.
 * Undefined when nothing matches.
 */
export function languageOfTag(tag: string): Language | undefined {
  let subtags = tag.trim().toLowerCase().split(/[-_]/).filter(Boolean);
  while (subtags.length > 0) {
    const range = subtags.join('-');
    if (range === 'en') return 'en';
    if (range === 'ja') return 'ja';
    if (range === 'zh' || range === 'zh-hant') return 'zh-Hant';
    subtags = subtags.slice(0, -1);
  }
  return undefined;
}

/**
 * The language to answer in, from an Accept-Language header: its ranges in
 * descending q order (ties keep header order, q=0 means "not this"), the first
 * one languageOfTag resolves; English when none does or there is no header.
 */
export function negotiateLanguage(acceptLanguage: string | undefined | null): Language {
  if (!acceptLanguage) return 'en';
  const ranges = acceptLanguage
    .slice(0, 1000)
    .split(',')
    .map((part, index) => {
      const [range = '', ...params] = part.split(';');
      const qParam = params.map((p) => p.trim()).find((p) => p.toLowerCase().startsWith('q='));
      const q = qParam === undefined ? 1 : Number(qParam.slice(2));
      return { range: range.trim(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((r) => r.range !== '' && r.range !== '*' && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { range } of ranges) {
    const lang = languageOfTag(range);
    if (lang) return lang;
  }
  return 'en';
}
