import { Locale } from 'opencc-js';

/**
 * One Han character for every variant of it: Japanese shinjitai (楽, 医, 会, 台, 戸),
 * Simplified (乐, 医, 会, 台, 户), Taiwan and Hong Kong variants (台, 着) and the
 * OpenCC standard Traditional form (樂, 醫, 會, 臺, 戶) all fold to the same
 * character, so names written in any of them compare, and search, as one.
 *
 * The tables are OpenCC's maintained character tables (opencc-js), applied
 * character by character, never phrase by phrase: a fold of a part of a name is
 * then the same part of the name's fold, which substring search and the
 * likely-duplicate check rely on. In order: Japanese shinjitai to Traditional
 * (and the reverse of Traditional to shinjitai, for the few pairs only listed
 * that way, such as 戶/戸), Simplified to Traditional (the first of several
 * candidates), then Taiwan's and Hong Kong's variants back to the standard form.
 * A character is followed through the tables until it no longer changes, so
 * folding twice is folding once. The result is a comparison key, never shown:
 * it is not always the form a Taiwanese or Japanese reader would write.
 */

let foldTable: Map<number, string> | null = null;

/** The character table of a locale's dictionary group (the last dictionary: phrases come first), as single-character pairs. */
function characterPairs(groups: readonly (readonly unknown[])[] | undefined, reversed = false): Map<string, string> {
  if (!groups) throw new Error('opencc-js has no such locale: its Locale tables changed');
  const pairs = new Map<string, string>();
  for (const group of groups) {
    const table = group.at(-1);
    if (typeof table !== 'string') continue;
    for (const entry of table.split('|')) {
      const [from, to] = reversed ? entry.split(' ').reverse() : entry.split(' ');
      if (from && to && [...from].length === 1 && [...to].length === 1 && !pairs.has(from)) pairs.set(from, to);
    }
  }
  return pairs;
}

/** Builds the fold table once, on first use: about 25 ms, plus about 40 ms to load opencc-js (measured on a 2-core machine); then one map lookup per character. */
function table(): Map<number, string> {
  if (foldTable) return foldTable;
  const japanese = characterPairs(Locale.from.jp);
  for (const [shinjitai, traditional] of characterPairs(Locale.to.jp, true)) if (!japanese.has(shinjitai)) japanese.set(shinjitai, traditional);
  const steps = [japanese, characterPairs(Locale.from.cn), characterPairs(Locale.from.tw), characterPairs(Locale.from.hk)];
  const step = (c: string) => steps.reduce((x, pairs) => pairs.get(x) ?? x, c);
  const built = new Map<number, string>();
  for (const c of new Set(steps.flatMap((pairs) => [...pairs.keys()]))) {
    const seen = [c];
    let x = c;
    for (;;) {
      const next = step(x);
      if (next === x) break;
      // A cycle (none in the current tables) folds to its smallest member, so every member agrees.
      if (seen.includes(next)) {
        x = [...seen].sort()[0]!;
        break;
      }
      seen.push(next);
      x = next;
    }
    if (x !== c) built.set(c.codePointAt(0)!, x);
  }
  foldTable = built;
  return built;
}

const HAN = /\p{Script=Han}/u;

/** `text` with every Han character replaced by its variants' one form (see above); other characters are kept. */
export function foldHanVariants(text: string): string {
  if (!HAN.test(text)) return text;
  const fold = table();
  let out = '';
  for (const c of text) out += fold.get(c.codePointAt(0)!) ?? c;
  return out;
}

/** How many characters the fold changes (the table's size): for measurements and tests. */
export function hanVariantCount(): number {
  return table().size;
}
