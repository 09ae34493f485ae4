import { foldName } from '../../domain/names';

/** One entity a name may stand for. */
export interface MentionCandidate {
  id: string;
  label: string;
  name: string;
  /** The name or alias of the entity the text matched, as stored. */
  matchedName: string;
  byAlias: boolean;
}

/** A stretch of the text that names a known entity. Offsets are UTF-16 code units of the text as sent, end exclusive. */
export interface Mention {
  start: number;
  end: number;
  text: string;
  /** The name is shared by several entities: the curator must choose. */
  ambiguous: boolean;
  /** How many entities have the name; at most MAX_CANDIDATES of them are listed. */
  candidateCount: number;
  candidates: MentionCandidate[];
}

/** A name entry, packed in one number: the entity's index times two, plus one when the key is one of its aliases. */
type Entry = number;

/** Names shorter than this (after folding) are not looked for: two letters match too much that is not a name. */
const MIN_KEY_LENGTH = 2;
/** The most candidates listed for one mention: a name that dozens of entities share is not a useful mention anyway. */
export const MAX_CANDIDATES = 20;
/** The longest name looked for, in folded code units; longer names are not kept. */
const MAX_KEY_LENGTH = 120;
const LATIN_WORD = /[\p{Script=Latin}\p{N}]/u;

/** Characters whose folded form is remembered: an article's alphabet is small, so folding becomes a lookup. */
const FOLD_CACHE_SIZE = 50_000;
const foldCache = new Map<string, string>();

/**
 * The folded form of one character as names are folded (foldName: NFKC, lower
 * case, Han variants); runs of white space become one space.
 */
function foldChar(c: string): string {
  let f = foldCache.get(c);
  if (f === undefined) {
    f = /\s/u.test(c) ? ' ' : foldName(c);
    if (foldCache.size < FOLD_CACHE_SIZE) foldCache.set(c, f);
  }
  return f;
}

const wordCache = new Map<number, boolean>();
/** Whether the code unit at `i` of `s` is a Latin letter or digit (names in those scripts must stand as words). */
function isWordAt(s: string, i: number): boolean {
  const code = s.charCodeAt(i);
  let word = wordCache.get(code);
  if (word === undefined) {
    word = LATIN_WORD.test(s[i]!);
    if (wordCache.size < FOLD_CACHE_SIZE) wordCache.set(code, word);
  }
  return word;
}

/** `text` folded, with the original offset of every folded code unit (and one past the end). */
export function foldWithOffsets(text: string): { folded: string; origin: number[] } {
  // Pieces joined once: a string grown by += is a rope of many nodes, which a kept key would carry.
  const pieces: string[] = [];
  const origin: number[] = [];
  let offset = 0;
  let lastSpace = false;
  for (const c of text) {
    const f = foldChar(c);
    if (!(f === ' ' && lastSpace)) {
      pieces.push(f);
      lastSpace = f.endsWith(' ');
      for (let i = 0; i < f.length; i++) origin.push(offset);
    }
    offset += c.length;
  }
  origin.push(offset);
  return { folded: pieces.join(''), origin };
}

/** A name's key: folded as the text is, trimmed. */
export function nameKey(name: string): string {
  return foldWithOffsets(name.trim()).folded.trim();
}

/**
 * Every name and alias of the graph's entities, folded, for finding mentions in
 * a text. Memory: three parallel arrays of the entities' ids, labels (shared
 * strings) and names, their aliases for those that have any, one Map from folded
 * name to its entry (a number; an array only for a name several entities share),
 * plus, per first two code units of a key, the
 * key lengths that start with them (so a position of the text is tried only at
 * lengths some name has). Its size is bounded by `maxNames` (MENTION_DICTIONARY_MAX_NAMES):
 * names past it are not kept and `complete` is false.
 */
export class MentionDictionary {
  private readonly ids: string[] = [];
  private readonly labels: string[] = [];
  private readonly names: string[] = [];
  private readonly aliases = new Map<number, readonly string[]>();
  private readonly keys = new Map<string, Entry | Entry[]>();
  private readonly lengthsByPrefix = new Map<string, number[]>();
  /** How many names and aliases are kept. */
  size = 0;
  /** False when names were left out because the dictionary reached its bound. */
  complete = true;

  constructor(private readonly maxNames: number) {}

  /** Adds an entity with its name and aliases. */
  add(id: string, label: string, name: string, aliases: readonly string[]): void {
    const entity = this.ids.push(id) - 1;
    this.labels.push(label);
    this.names.push(name);
    if (aliases.length > 0) this.aliases.set(entity, aliases);
    const seen = new Set<string>();
    for (const [text, byAlias] of [[name, false] as const, ...aliases.map((a) => [a, true] as const)]) {
      const key = nameKey(text);
      if (key.length < MIN_KEY_LENGTH || key.length > MAX_KEY_LENGTH || seen.has(key)) continue;
      if (this.size >= this.maxNames) {
        this.complete = false;
        return;
      }
      seen.add(key);
      this.size += 1;
      const entry = entity * 2 + (byAlias ? 1 : 0);
      const entries = this.keys.get(key);
      if (Array.isArray(entries)) entries.push(entry);
      else if (entries !== undefined) this.keys.set(key, [entries, entry]);
      else {
        this.keys.set(key, entry);
        const prefix = key.slice(0, 2);
        const lengths = this.lengthsByPrefix.get(prefix);
        if (!lengths) this.lengthsByPrefix.set(prefix, [key.length]);
        else if (!lengths.includes(key.length)) {
          lengths.push(key.length);
          lengths.sort((a, b) => b - a);
        }
      }
    }
  }

  /**
   * Every mention in `text`: at each position the longest name that starts
   * there, never overlapping an earlier one. A name that begins or ends with a
   * Latin letter or digit must stand as a word (no Latin letter or digit just
   * before or after it); names in Han or kana need no boundary, as those
   * scripts write none.
   */
  find(text: string): Mention[] {
    const { folded, origin } = foldWithOffsets(text);
    const mentions: Mention[] = [];
    let at = 0;
    while (at < folded.length - 1) {
      // Inside a Latin word no name starts: skip without looking anything up.
      if (at > 0 && isWordAt(folded, at) && isWordAt(folded, at - 1)) {
        at += 1;
        continue;
      }
      const lengths = this.lengthsByPrefix.get(folded.slice(at, at + 2));
      let matched = 0;
      if (lengths) {
        for (const length of lengths) {
          if (at + length > folded.length) continue;
          const key = folded.slice(at, at + length);
          const found = this.keys.get(key);
          if (found === undefined) continue;
          const entries = Array.isArray(found) ? found : [found];
          if (isWordAt(folded, at + length - 1) && at + length < folded.length && isWordAt(folded, at + length)) continue;
          const start = origin[at]!;
          const end = origin[at + length]!;
          // Each entity holds a key once (add() skips its repeats), so entries are distinct entities.
          const candidates = entries.slice(0, MAX_CANDIDATES).map((e) => this.candidate(e, key));
          mentions.push({ start, end, text: text.slice(start, end), ambiguous: entries.length > 1, candidateCount: entries.length, candidates });
          matched = length;
          break;
        }
      }
      at += matched > 0 ? matched : 1;
    }
    return mentions;
  }

  /** The entity of an entry, with the name of it the key matched (an alias is found again by its key). */
  private candidate(entry: Entry, key: string): MentionCandidate {
    const entity = entry >> 1;
    const byAlias = (entry & 1) === 1;
    const name = this.names[entity]!;
    const matchedName = byAlias ? (this.aliases.get(entity)?.find((a) => nameKey(a) === key) ?? name) : name;
    return { id: this.ids[entity]!, label: this.labels[entity]!, name, matchedName, byAlias };
  }
}
