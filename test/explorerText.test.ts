/**
 * The explorer's words and names that need no browser: a name ending in a full
 * stop keeps one stop in a sentence, and download names are safe slugs of what
 * they show. Needs no database.
 */
import { noDoubledStop } from '../web/src/i18n/sentences';
import { slug } from '../web/src/explore/fileNames';

describe('sentences built around names', () => {
  it('keeps one full stop after a name that ends in one ("A&I Co., Ltd.")', () => {
    expect(noDoubledStop('5 paths from DuoGenic to A&I Co., Ltd.. Click a path.', { from: 'DuoGenic', to: 'A&I Co., Ltd.' })).toBe('5 paths from DuoGenic to A&I Co., Ltd. Click a path.');
  });

  it('leaves an ellipsis, a name without a stop and other text alone', () => {
    expect(noDoubledStop('Looking for Acme... .', { name: 'Acme...' })).toBe('Looking for Acme... .');
    expect(noDoubledStop('From Acme Inc to B.', { from: 'Acme Inc', to: 'B' })).toBe('From Acme Inc to B.');
  });
});

describe('download names', () => {
  it('slugs ids and names to lower-case ASCII, hyphens and at most 40 characters', () => {
    expect(slug('metatech')).toBe('metatech');
    expect(slug('A&I Co., Ltd.')).toBe('a-i-co-ltd');
    expect(slug('../../etc/passwd')).toBe('etc-passwd');
    expect(slug('三顧股份有限公司')).toBe('');
    expect(slug('x'.repeat(80))).toHaveLength(40);
  });
});
