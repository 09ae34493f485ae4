import { foldName } from '../../domain/names';

/** Characters with a meaning in Lucene's query syntax. */
const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/<>=]/g;

/** Escapes a single term so Lucene reads every character literally. */
export function escapeLuceneTerm(term: string): string {
  return term.replace(LUCENE_SPECIAL, '\\$&');
}

/** Most terms taken from one search text; the rest are ignored. */
export const MAX_TERMS = 8;
/** Most two-character pieces one Han term adds (a long name's first ones). */
export const MAX_BIGRAMS = 12;

/**
 * Characters the index's standard analyzer makes a word each (Han ideographs,
 * hiragana): a term holding one is matched as a phrase, never as its characters
 * one by one, which any name sharing a character would match.
 */
const SINGLE_CHARACTER_WORDS = /[\p{Script=Han}\p{Script=Hiragana}]/u;

/** What a person typed as search terms: folded as names are (foldName), split on spaces, commas and semicolons, trimmed of punctuation. */
export function searchTerms(text: string): string[] {
  return foldName(text)
    .split(/[\s,;]+/)
    .map((t) => t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((t) => /[\p{L}\p{N}]/u.test(t))
    .slice(0, MAX_TERMS);
}

/**
 * The whole search text as a stored search key would hold a whole name
 * (foldName, spaces collapsed), for the exact-match ranking of `search`; null
 * when nothing searchable remains.
 */
export function exactSearchKey(text: string): string | null {
  const key = foldName(text).trim().replace(/\s+/g, ' ');
  return /[\p{L}\p{N}]/u.test(key) ? key : null;
}

/** Adjacent pairs of single-character words in a term (生醫 in 仲恩生醫 → 仲恩, 恩生, 生醫), at most MAX_BIGRAMS. */
function bigrams(term: string): string[] {
  const chars = [...term];
  const pairs: string[] = [];
  for (let i = 0; i + 1 < chars.length && pairs.length < MAX_BIGRAMS; i++) {
    if (SINGLE_CHARACTER_WORDS.test(chars[i]!) && SINGLE_CHARACTER_WORDS.test(chars[i + 1]!)) pairs.push(chars[i]! + chars[i + 1]!);
  }
  return pairs;
}

/**
 * A term with Han or hiragana (仲恩生醫, 臺北醫學大學, iPS細胞): the whole term as a
 * phrase (its characters in order, as a name or alias or inside one), then each
 * two-character piece as a phrase at a small weight, so a name sharing a piece
 * is found below the names holding the whole term, and a name sharing single
 * characters only is not found by this term at all.
 */
function cjkClause(term: string): string {
  const phrase = `"${escapeLuceneTerm(term)}"`;
  const parts = [`searchName:${phrase}^8`, `searchAliases:${phrase}^6`, `description:${phrase}`];
  const pieces = bigrams(term);
  if (pieces.length > 1) for (const piece of pieces) parts.push(`searchName:"${escapeLuceneTerm(piece)}"^0.5`, `searchAliases:"${escapeLuceneTerm(piece)}"^0.4`);
  return `(${parts.join(' ')})`;
}

/**
 * Turns what a person typed into a forgiving Lucene query over the search keys
 * (searchName, searchAliases: names folded as the text is, see foldName) and
 * descriptions. A Latin or katakana term matches exactly, as a prefix ("exo" →
 * exosome) and, in names and aliases from four letters on, within one edit (two
 * from eight letters: "Astelas" → Astellas). A term with Han characters matches
 * as a phrase, with its two-character pieces below it (cjkClause). Names weigh
 * most, then aliases, then descriptions. Terms are OR-ed, so more matching terms
 * rank higher. Returns null when nothing searchable remains. User text is always
 * escaped, never parsed as syntax.
 */
export function buildLuceneQuery(text: string): string | null {
  const terms = searchTerms(text);
  if (terms.length === 0) return null;
  const clauses = terms.map((term) => {
    if (SINGLE_CHARACTER_WORDS.test(term)) return cjkClause(term);
    const e = escapeLuceneTerm(term);
    const letters = [...term].length;
    const fuzzy = letters >= 4 ? `~${letters >= 8 ? 2 : 1}` : null;
    const parts = [`searchName:${e}^8`, `searchName:${e}*^4`, `searchAliases:${e}^6`, `searchAliases:${e}*^3`, `description:${e}`, `description:${e}*^0.5`];
    if (fuzzy) parts.push(`searchName:${e}${fuzzy}^3`, `searchAliases:${e}${fuzzy}^2`);
    return `(${parts.join(' ')})`;
  });
  return clauses.join(' ');
}
