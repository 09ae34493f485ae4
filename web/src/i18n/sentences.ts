/** Sentence assembly that needs no page: shared by the catalogues' `t` and tested without a browser. */

/**
 * A name that ends in a full stop ("A&I Co., Ltd.") placed before the
 * message's own full stop gives "Ltd.."; the sentence keeps one.
 */
export function noDoubledStop(text: string, values: Record<string, unknown>): string {
  let out = text;
  for (const value of Object.values(values)) {
    if (typeof value === 'string' && /[^.]\.$/.test(value)) out = out.split(`${value}.`).join(value);
  }
  return out;
}
