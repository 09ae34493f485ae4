/**
 * The languages the pages speak. Until the domain model's src/domain/language.ts
 * lands (h-31a), a copy of its contract; afterwards a re-export of it.
 */
export const LANGUAGES = ['en', 'ja', 'zh-Hant'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

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
