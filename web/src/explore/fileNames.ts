/** Download names: safe file-name parts (no page needed, so tested without a browser). */

/** A file-name part: lower-case ASCII letters, digits and hyphens, at most 40 characters. */
export function slug(text: string): string {
  return text.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '');
}
