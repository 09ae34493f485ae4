import type { Executor } from '../../db/executor';
import type { Language, NameLanguage } from '../../domain/language';
import type { EntityLabel } from '../../domain/model';
import { foldName, NAME_LANGUAGE_PROPERTIES, normalisedOfFolded, taggedNames } from '../../domain/names';
import type { EntityPlan } from '../../translate/plan';
import { compileSearch } from '../../translate/roots';
import { toEntityRecord, type EntityRecord, type NodeRow } from '../entity/records';
import { buildLuceneQuery, exactSearchKey } from './lucene';

export interface SearchHitRecord {
  entity: EntityRecord;
  score: number;
  /** The name or alias that matched, with its language; null when only the description did. */
  matchedName: { value: string; language: NameLanguage } | null;
}

/** The searched text's keys, computed once per search (matchStrength compares every name of every hit with them). */
interface SearchKeys {
  normalised: string;
  folded: string;
  words: string[];
}

function searchKeysOf(text: string): SearchKeys {
  const folded = foldName(text).trim();
  return { normalised: normalisedOfFolded(folded), folded, words: folded.split(/\s+/).filter(Boolean) };
}

/** How well a name matches the text: 3 the whole name, 2 the name starts with it, 1 holds it (or every word of it), 0 not at all. */
function matchStrength(name: string, text: SearchKeys): number {
  const key = foldName(name);
  if (normalisedOfFolded(key) === text.normalised) return 3;
  if (!text.folded) return 0;
  if (key.startsWith(text.folded)) return 2;
  if (key.includes(text.folded)) return 1;
  return text.words.length > 1 && text.words.every((w) => key.includes(w)) ? 1 : 0;
}

/**
 * The name of the entity `text` matched: the strongest match, a name in the
 * reader's language before others, the canonical name before aliases; null
 * when none holds the text (the description matched, or a typo did).
 */
export function matchedNameOf(props: Readonly<Record<string, unknown>>, text: string | SearchKeys, language: Language): { value: string; language: NameLanguage; strength: number } | null {
  const keys = typeof text === 'string' ? searchKeysOf(text) : text;
  let best: { value: string; language: NameLanguage; strength: number } | null = null;
  for (const name of taggedNames(props)) {
    const strength = matchStrength(name.value, keys);
    if (strength === 0) continue;
    const better = !best || strength > best.strength || (strength === best.strength && name.language === language && best.language !== language);
    if (better) best = { ...name, strength };
  }
  return best;
}

/**
 * Full-text search over the entity_search index, best first (a name or alias
 * that is the whole text, Han variants and case aside, first of all), at most `first`
 * hits, optionally only some labels, each hit's entity read as `plan` selects
 * it: one query. Text that leaves nothing searchable returns no hits (not an
 * error).
 */
export async function searchEntities(
  executor: Executor,
  text: string,
  labels: EntityLabel[] | null,
  first: number,
  plan: EntityPlan,
  language: Language = 'en',
): Promise<SearchHitRecord[]> {
  const lucene = buildLuceneQuery(text);
  if (!lucene) return [];
  // A few more than asked, so a name in the reader's language just below the cut can move up.
  const limit = Math.min(first * 3, 150);
  const withNames: EntityPlan = plan.properties === 'all' ? plan : { ...plan, properties: [...new Set([...plan.properties, ...NAME_PROPERTIES])] };
  const query = compileSearch({ lucene, exact: exactSearchKey(text), labels, limit, candidates: labels ? limit * 20 : limit * 2, plan: withNames });
  const [row] = await executor.read<{ hits: { entity: NodeRow; score: number }[] }>(query, query.params);
  const keys = searchKeysOf(text);
  const hits = (row?.hits ?? []).map((hit, rank) => {
    const entity = toEntityRecord(hit.entity);
    const match = matchedNameOf(entity.props, keys, language);
    return { entity, score: hit.score, rank, match };
  });
  // Best first: the whole name before partial matches (as the index ranked them), then a name in the reader's language, then the index's order.
  const tier = (h: (typeof hits)[number]) => (h.match?.strength === 3 ? 2 : 0) + (h.match?.language === language ? 1 : 0);
  return hits
    .sort((a, b) => tier(b) - tier(a) || a.rank - b.rank)
    .slice(0, first)
    .map(({ entity, score, match }) => ({ entity, score, matchedName: match ? { value: match.value, language: match.language } : null }));
}

/** The stored properties matchedNameOf reads. */
const NAME_PROPERTIES = ['name', 'aliases', ...Object.values(NAME_LANGUAGE_PROPERTIES)];
