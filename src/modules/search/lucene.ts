/** Characters with a meaning in Lucene's query syntax. */
const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/<>=]/g;

/** Escapes a single term so Lucene reads every character literally. */
export function escapeLuceneTerm(term: string): string {
  return term.replace(LUCENE_SPECIAL, '\\$&');
}

/** Most terms taken from one search text; the rest are ignored. */
export const MAX_TERMS = 8;

/**
 * Turns what a person typed into a forgiving Lucene query: each term matches
 * exactly, as a prefix ("exo" → exosome) and, in names and aliases from four
 * letters on, within one edit (two from eight letters: "Astelas" → Astellas).
 * Names weigh most, then aliases, then descriptions. Terms are OR-ed, so more
 * matching terms rank higher. Returns null when nothing
 * searchable remains. User text is always escaped, never parsed as syntax.
 */
export function buildLuceneQuery(text: string): string | null {
  const terms = text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[\s,;]+/)
    .map((t) => t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((t) => /[\p{L}\p{N}]/u.test(t))
    .slice(0, MAX_TERMS);
  if (terms.length === 0) return null;
  const clauses = terms.map((term) => {
    const e = escapeLuceneTerm(term);
    const letters = [...term].length;
    const fuzzy = letters >= 4 ? `~${letters >= 8 ? 2 : 1}` : null;
    const parts = [`name:${e}^8`, `name:${e}*^4`, `aliases:${e}^6`, `aliases:${e}*^3`, `description:${e}`, `description:${e}*^0.5`];
    if (fuzzy) parts.push(`name:${e}${fuzzy}^3`, `aliases:${e}${fuzzy}^2`);
    return `(${parts.join(' ')})`;
  });
  return clauses.join(' ');
}
