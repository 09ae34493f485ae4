import type { ManagedTransaction } from 'neo4j-driver';
import { cypherQuery } from '../db/cypher';
import { run } from '../db/executor';
import type { EntityLabel } from '../domain/model';
import { HALF_MARKS, NEAR_SPELLING_FROM, TWO_EDITS_FROM, halfLength, nameKeys, type NameKeys } from '../domain/nameKeys';
import { LOOKUP_KEYS_OF } from '../domain/properties';

/**
 * Entity resolution at write time: is a new id's name or alias the name of an
 * entity the graph already has under another id? Shared by the curation
 * mutations and the seed loaders, so both refuse the same things.
 *
 * The full-text index (entity_search) finds candidates by the lookup keys every
 * entity stores (candidateQuery); the decision is made here, on the candidates'
 * names and aliases, never on the index's score. Two names are
 * close when, within one label:
 * - SAME_NAME: they are equal after normaliseName (NFKC, lower case, Han variants
 *   folded, no spaces, punctuation or symbols): "ReproCELL Inc" and "REPROCELL Inc.",
 *   "リプロセル"; "楽迦" and "樂迦";
 * - SAME_NAME_BUT_LEGAL_FORM: they are equal once legal-form words are dropped
 *   ("Inc.", "Co., Ltd.", 株式会社, 股份有限公司, 財團法人 …): "Hitachi" and "Hitachi, Ltd.";
 * - NEAR_SPELLING: both are Latin letters and digits, at least 6 long, with the
 *   same digits, one edit apart (two from 12 characters): "Astelas Pharma" and
 *   "Astellas Pharma". Names that differ in a number ("… 2017", "Phase 2") are
 *   never near spellings.
 * Labels differ → never a duplicate (a company and its product may share a name).
 */

export type DuplicateReason = 'SAME_NAME' | 'SAME_NAME_BUT_LEGAL_FORM' | 'NEAR_SPELLING';

/** Optimal-string-alignment distance (an adjacent swap is one edit), or max + 1 once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      current.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}

function closenessOfKeys(a: NameKeys, b: NameKeys): DuplicateReason | null {
  if (!a.key || !b.key) return null;
  if (a.key === b.key) return 'SAME_NAME';
  if (a.core === b.core) return 'SAME_NAME_BUT_LEGAL_FORM';
  if (a.latinDigits === null || a.latinDigits !== b.latinDigits) return null;
  const shorter = Math.min(a.core.length, b.core.length);
  if (shorter < NEAR_SPELLING_FROM) return null;
  const max = shorter >= TWO_EDITS_FROM ? 2 : 1;
  return editDistance(a.core, b.core, max) <= max ? 'NEAR_SPELLING' : null;
}

/** How closely two names match, or null when they are not likely the same entity's. Pure. */
export function closeness(a: string, b: string): DuplicateReason | null {
  return closenessOfKeys(nameKeys(a), nameKeys(b));
}

/** Candidates the index returns per name, before the label is checked. */
export const CANDIDATES_PER_NAME = 50;

/**
 * A Lucene query finding the entities whose stored lookup keys (nameKeys,
 * aliasKeys: lookupKeys of their name and aliases) could make them close to
 * `name`, by exact terms where it can: its key (SAME_NAME) and its core
 * (SAME_NAME_BUT_LEGAL_FORM), found whatever words other names share; for a
 * Latin core of NEAR_SPELLING_FROM characters or more, the cores one edit away
 * (a fuzzy term); from TWO_EDITS_FROM characters, the stored halves a core two
 * edits away keeps intact when both edits fall in its other half (each length
 * such a core can have, so the halves line up). A near spelling two edits away
 * with one edit in each half is not found. Null when the name has no key. Keys
 * are letters, digits and marks only, so nothing in them is Lucene syntax; Han
 * keys are phrases of the characters the index splits them into.
 */
export function candidateQuery(name: string): string | null {
  const { key, core, latinDigits } = nameKeys(name);
  if (!key) return null;
  const terms = [...new Set([key, core])].map((k) => `"${k}"`);
  if (latinDigits !== null && core.length >= NEAR_SPELLING_FROM) terms.push(`${core}~1`);
  if (latinDigits !== null && core.length >= TWO_EDITS_FROM) {
    for (let length = Math.max(TWO_EDITS_FROM, core.length - 2); length <= core.length + 2; length++) {
      const half = halfLength(length);
      terms.push(HALF_MARKS.first + core.slice(0, half), HALF_MARKS.second + core.slice(core.length - (length - half)));
    }
  }
  return [...new Set(terms)].flatMap((term) => Object.values(LOOKUP_KEYS_OF).map((field) => `${field}:${term}`)).join(' ');
}

/** A new entity to check: its id, label and names, each with the field it came from (for the message). */
export interface NewEntityNames {
  id: string;
  label: EntityLabel;
  names: { value: string; field: string }[];
}

export interface LikelyDuplicate {
  /** The new id. */
  id: string;
  label: EntityLabel;
  /** Where the clashing name came from, e.g. "input.aliases.1" or "nodes.4.name". */
  field: string;
  value: string;
  existing: { id: string; name: string };
  /** The existing entity's name or alias it matched. */
  existingValue: string;
  reason: DuplicateReason;
}

/** One row of curation/duplicateCandidates: a name's key and the entities the full-text index found for it. */
export interface CandidateRow {
  key: number;
  candidates: { id: string; name: string | null; aliases: string[] | null }[];
}

/**
 * The likely-duplicate check of `entities` split in two, for a caller that runs
 * curation/duplicateCandidates inside a statement of its own (one round trip
 * fewer): `params` for the statement (null: no name to look up), and `read`, the
 * duplicates its rows name.
 */
export function duplicateCheck(entities: NewEntityNames[], onlyNewIds = false): { params: Record<string, unknown> | null; read: (rows: CandidateRow[]) => LikelyDuplicate[] } {
  const requests = entities.flatMap((entity) =>
    entity.names.flatMap((name) => {
      const lucene = candidateQuery(name.value);
      return lucene ? [{ entity, name, lucene }] : [];
    }),
  );
  const params = requests.length === 0 ? null : { requests: requests.map((r, key) => ({ key, id: r.entity.id, label: r.entity.label, lucene: r.lucene })), limit: CANDIDATES_PER_NAME, onlyNewIds };
  const read = (rows: CandidateRow[]): LikelyDuplicate[] => {
    const found: LikelyDuplicate[] = [];
    const seen = new Set<string>();
    for (const row of [...rows].sort((a, b) => Number(a.key) - Number(b.key))) {
      const { entity, name } = requests[Number(row.key)]!;
      // The name's keys once per row, not once per candidate (50 of them): the check's main cost in Node.
      const keys = nameKeys(name.value);
      for (const candidate of row.candidates) {
        if (seen.has(`${entity.id}|${candidate.id}`)) continue;
        for (const existingValue of [candidate.name ?? '', ...(candidate.aliases ?? [])]) {
          const reason = closenessOfKeys(keys, nameKeys(existingValue));
          if (!reason) continue;
          seen.add(`${entity.id}|${candidate.id}`);
          found.push({
            id: entity.id,
            label: entity.label,
            field: name.field,
            value: name.value,
            existing: { id: candidate.id, name: candidate.name ?? candidate.id },
            existingValue,
            reason,
          });
          break;
        }
      }
    }
    return found;
  };
  return { params, read };
}

/**
 * The likely duplicates among `entities` in the graph `tx` sees: for each name,
 * the entities of the same label under another id (live: not retracted, not
 * merged) whose name or an alias is close (see closeness). Ids already in the
 * graph are skipped when `onlyNewIds` (what the seed does; curation checks only
 * new ids anyway). One statement whatever the number of names. At most one
 * duplicate per (new id, existing id), the first field in the given order.
 */
export async function findLikelyDuplicates(tx: ManagedTransaction, entities: NewEntityNames[], onlyNewIds = false): Promise<LikelyDuplicate[]> {
  const { params, read } = duplicateCheck(entities, onlyNewIds);
  if (!params) return [];
  return read(await run<CandidateRow>(tx, cypherQuery('curation/duplicateCandidates'), params));
}

/**
 * The likely duplicates among `entities` themselves, without the database: every
 * two ids of one label with a close name or alias (closeness, as
 * findLikelyDuplicates decides on its candidates), reported once per pair with the
 * later entity as the new one and the first field of it that is close. Give each
 * id once, with all its names. findLikelyDuplicates' candidates are some of the
 * graph's entities of the same label, so over everything a seed writes into an
 * empty graph this finds every pair the per-file lookups could, and also pairs
 * within one file. Pure.
 */
export function likelyDuplicatesAmong(entities: readonly NewEntityNames[]): LikelyDuplicate[] {
  const keyed = entities.map((entity) => ({ entity, names: entity.names.map((name) => ({ name, keys: nameKeys(name.value) })) }));
  const found: LikelyDuplicate[] = [];
  keyed.forEach((later, j) => {
    for (const earlier of keyed.slice(0, j)) {
      if (earlier.entity.label !== later.entity.label || earlier.entity.id === later.entity.id) continue;
      const match = later.names
        .flatMap((name) => earlier.names.map((existing) => ({ name: name.name, existing: existing.name, reason: closenessOfKeys(name.keys, existing.keys) })))
        .find((pair) => pair.reason !== null);
      if (!match) continue;
      found.push({
        id: later.entity.id,
        label: later.entity.label,
        field: match.name.field,
        value: match.name.value,
        existing: { id: earlier.entity.id, name: earlier.entity.names[0]?.value ?? earlier.entity.id },
        existingValue: match.existing.value,
        reason: match.reason!,
      });
    }
  });
  return found;
}

const REASON_TEXT: Record<DuplicateReason, string> = {
  SAME_NAME: 'is the same name as',
  SAME_NAME_BUT_LEGAL_FORM: 'is the same name, but for the legal form, as',
  NEAR_SPELLING: 'is spelled almost as',
};

/** One line naming both entities, e.g. `new Organization "x" (name "ReproCELL Inc") is the same name as "REPROCELL Inc." of existing "reprocell" (REPROCELL Inc.)`. */
export function describeDuplicate(d: LikelyDuplicate): string {
  return (
    `new ${d.label} "${d.id}" (${d.field} ${JSON.stringify(d.value)}) ${REASON_TEXT[d.reason]} ${JSON.stringify(d.existingValue)} ` +
    `of existing "${d.existing.id}" (${d.existing.name})`
  );
}

/** The names of seed nodes (either format; a mention has aliases only), each field named by its place in the file's `nodes`. */
export function seedNodeNames(nodes: readonly { id: string; label: string; name?: string; aliases?: readonly string[] }[]): NewEntityNames[] {
  return nodes.map((node, i) => ({
    id: node.id,
    label: node.label as EntityLabel,
    names: [
      ...(node.name ? [{ value: node.name, field: `nodes.${i}.name` }] : []),
      ...(node.aliases ?? []).map((value, j) => ({ value, field: `nodes.${i}.aliases.${j}` })),
    ],
  }));
}

/**
 * The duplicates whose two ids are not a pair in `keptApart` (keys `a|b`, ids
 * sorted: pairKey of ecosystemFile.ts): a PROBABLY_SAME identity decision
 * records that two entities with close names are kept apart on purpose.
 */
export function notKeptApart(duplicates: LikelyDuplicate[], keptApart: ReadonlySet<string>): LikelyDuplicate[] {
  return duplicates.filter((d) => !keptApart.has([d.id, d.existing.id].sort().join('|')));
}

/**
 * For the seed loaders: throws naming every likely duplicate among the seed's
 * nodes whose id is new to the graph, but for pairs in `keptApart`. Call it inside the load's write
 * transaction, before the nodes are written, so a refused file writes nothing.
 */
export async function refuseLikelyDuplicates(tx: ManagedTransaction, entities: NewEntityNames[], keptApart: ReadonlySet<string> = new Set()): Promise<void> {
  const duplicates = notKeptApart(await findLikelyDuplicates(tx, entities, true), keptApart);
  if (duplicates.length > 0) {
    throw new Error(
      `likely duplicate${duplicates.length === 1 ? '' : 's'} of entities already in the graph (reuse their id, or merge them): ` +
        duplicates.slice(0, 10).map(describeDuplicate).join('; '),
    );
  }
}
