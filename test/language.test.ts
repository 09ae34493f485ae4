import { LANGUAGES, languageOfTag, localize, negotiateLanguage } from '../src/domain/language';

describe('the languages the graph speaks', () => {
  it('are English, Japanese and Traditional Chinese', () => {
    expect(LANGUAGES).toEqual(['en', 'ja', 'zh-Hant']);
  });

  it('localize picks the text of the language', () => {
    expect(localize({ en: 'licensor', ja: 'ライセンサー', 'zh-Hant': '授權方' }, 'ja')).toBe('ライセンサー');
  });

  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['ja', 'ja'],
    ['ja-JP,ja;q=0.9,en;q=0.8', 'ja'],
    ['zh-TW,zh;q=0.9', 'zh-Hant'],
    ['zh-HK', 'zh-Hant'],
    ['zh-Hant-TW', 'zh-Hant'],
    ['zh', 'zh-Hant'],
    ['fr-FR,fr;q=0.9', 'en'],
    ['fr;q=1, ja;q=0.5, zh-TW;q=0.7', 'zh-Hant'],
    ['ja;q=0, en', 'en'],
    ['*', 'en'],
    ['de, en-GB;q=0.3', 'en'],
  ])('negotiates %p to %p', (header, expected) => {
    expect(negotiateLanguage(header)).toBe(expected);
  });

  it('a tag is looked up by cutting its last subtag (RFC 4647)', () => {
    expect(languageOfTag('ja-Jpan-JP')).toBe('ja');
    expect(languageOfTag('zh_TW')).toBe('zh-Hant');
    expect(languageOfTag('ko')).toBeUndefined();
  });
});
