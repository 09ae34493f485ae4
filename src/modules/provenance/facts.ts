import { isConflict } from '../../domain/claims';
import { DATE_PROPERTIES, SOURCE_KINDS, type EntityLabel, type SourceKind } from '../../domain/model';
import { relationshipCitations, toEntityRecord, type CitationRecord, type SourceRecord } from '../entity/records';
import { inEveryLanguage, type Language } from '../../domain/language';
import { termOf } from '../../domain/terms';
import { explainHop, nameOf } from '../paths/explain';
import type { ClaimRecord, ConflictRecord, CorroborationRecord, DatedFactsRow, TimelineRecord } from './records';

/**
 * Pure functions from what the graph stores to what the API shows about
 * provenance: conflicts among claims, an entity's timeline, and corroboration.
 */

/** The claims grouped by what they are about (entity or relationship, and property), keeping only groups whose values contradict. */
export function conflictsOf(claims: readonly ClaimRecord[]): ConflictRecord[] {
  const groups = new Map<string, ClaimRecord[]>();
  for (const claim of claims) {
    const key = JSON.stringify([claim.subjectId, claim.subjectRelationshipId, claim.property]);
    groups.set(key, [...(groups.get(key) ?? []), claim]);
  }
  return [...groups.values()]
    .filter((values) => isConflict(values, values[0]!.property))
    .map((values) => {
      const first = values[0]!;
      return {
        subjectId: first.subjectId,
        relationshipId: first.subjectRelationshipId,
        relationshipType: first.relationshipType,
        otherId: first.otherId,
        property: first.property,
        values,
      };
    });
}

/** What happened on a date of each kind, in `lang` (TERMS.dateKinds); the property itself for one the model does not name. */
const dateWord = (property: string, lang: Language) => termOf('dateKinds', property, lang);

/** The sentences of a timeline entry, in each language. */
const SAY = {
  /** "X: signed." */
  dated: (name: string, word: string, lang: Language) => ({ en: `${name}: ${word}.`, ja: `${name}：${word}。`, 'zh-Hant': `${name}：${word}。` })[lang],
  /** A claim's date: "X: signed 2017-04, as some sources state." */
  claimedDate: (about: string, word: string, date: string, lang: Language) =>
    ({ en: `${about}: ${word} ${date}, as some sources state.`, ja: `${about}：一部の情報源によれば${date}に${word}。`, 'zh-Hant': `${about}：據部分來源，於${date}${word}。` })[lang],
  /** A claim's value as of a date: "X: title was CEO." */
  claimedValue: (about: string, property: string, value: string, lang: Language) =>
    ({ en: `${about}: ${property} was ${value}.`, ja: `${about}：${termOf('conflictLabels', property, lang)}は${value}であった。`, 'zh-Hant': `${about}：${termOf('conflictLabels', property, lang)}為${value}。` })[lang],
  /** Who a claim on a relationship is about: "X and Y (HOLDS_ROLE)". */
  pair: (name: string, other: string, type: string, lang: Language) => ({ en: `${name} and ${other} (${type})`, ja: `${name}と${other}（${type}）`, 'zh-Hant': `${name}與${other}（${type}）` })[lang],
};

/** Date properties of an entity: the model's, and an event's start and end as the forum seed states them. */
export const NODE_DATE_PROPERTIES: readonly string[] = [...DATE_PROPERTIES, 'startDate', 'endDate'];
/** Entities whose own dates belong on the timelines of what they link (a licence's signing on its licensor's). */
export const DATED_LABELS: readonly EntityLabel[] = ['Agreement', 'Trial', 'Approval', 'Event', 'Policy', 'Patent'];
const isDateProperty = (property: string) => (DATE_PROPERTIES as readonly string[]).includes(property);
/** A claim holds a date when its property is a date property or is named like one (marketingApplicationFiledOn). */
const isDatedClaim = (property: string) => isDateProperty(property) || /On$/.test(property);
const dateText = (value: unknown): string | null => (typeof value === 'string' && /^\d{4}/.test(value) ? value : value && typeof value === 'object' && 'year' in value ? String(value) : null);

/**
 * An entity's dated facts, oldest first (then by property): its own date
 * properties, each date of its relationships (the hop sentence says what
 * happened), and its claims that hold a date or are stated as of one.
 * `names` gives the names of the entities claims' relationships lead to.
 */
export function timelineOf(facts: DatedFactsRow, claims: readonly ClaimRecord[], citations: readonly CitationRecord[], names: ReadonlyMap<string, string>): TimelineRecord[] {
  const self = toEntityRecord(facts.entity);
  const entries: TimelineRecord[] = [];
  for (const property of NODE_DATE_PROPERTIES) {
    const date = dateText(self.props[property]);
    if (!date) continue;
    const description = inEveryLanguage((lang) => SAY.dated(nameOf(self, lang), dateWord(property, lang), lang));
    entries.push({ subjectId: self.id, own: true, date, property, description, relationshipType: null, relatedId: null, disputed: false, unverified: self.props.unverified === true, citations: [...citations] });
  }
  for (const r of facts.relationships) {
    const other = toEntityRecord(r.node);
    if ((DATED_LABELS as readonly string[]).includes(other.label)) {
      for (const property of NODE_DATE_PROPERTIES) {
        const date = dateText(other.props[property]);
        if (!date) continue;
        const description = inEveryLanguage((lang) => SAY.dated(nameOf(other, lang), dateWord(property, lang), lang));
        entries.push({ subjectId: self.id, own: false, date, property, description, relationshipType: r.type, relatedId: other.id, disputed: false, unverified: other.props.unverified === true, citations: r.nodeCitations });
      }
    }
    for (const property of DATE_PROPERTIES) {
      const date = dateText(r.props[property]);
      if (!date) continue;
      const onlyThisDate = Object.fromEntries(Object.entries(r.props).filter(([k]) => k === property || !isDateProperty(k)));
      const [from, to] = r.outgoing ? [self, other] : [other, self];
      const description = inEveryLanguage((lang) => explainHop({ from, to, type: r.type, direction: 'FORWARD', properties: onlyThisDate }, lang));
      entries.push({ subjectId: self.id, own: r.outgoing, date, property, description, relationshipType: r.type, relatedId: other.id, disputed: false, unverified: r.props.unverified === true, citations: relationshipCitations(r.props) });
    }
  }
  const disputed = new Set(conflictsOf(claims).flatMap((c) => c.values.map((v) => v.id)));
  for (const claim of claims) {
    const dated = isDatedClaim(claim.property) ? dateText(claim.value) : null;
    const date = dated ?? claim.asOf;
    if (!date) continue;
    const description = inEveryLanguage((lang) => {
      const name = nameOf(self, lang);
      const about = claim.otherId ? SAY.pair(name, names.get(claim.otherId) ?? claim.otherId, String(claim.relationshipType), lang) : name;
      return dated ? SAY.claimedDate(about, dateWord(claim.property, lang), dated, lang) : SAY.claimedValue(about, claim.property, String(claim.value), lang);
    });
    entries.push({ subjectId: self.id, own: true, date, property: claim.property, description, relationshipType: claim.relationshipType, relatedId: claim.otherId, disputed: disputed.has(claim.id), unverified: claim.unverified, citations: claim.citations });
  }
  return mergeSameFacts(entries).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.property.localeCompare(b.property)));
}

/**
 * One entry per date, property and relationship (type and other end): several
 * claims or the entity's own property may state the same date (two seed files
 * each keep a page's "took effect 2026-01-01" as a claim), which is one fact
 * with every page that states it. The first entry's sentence stays (the stored
 * property's before a claim's); the citations are merged (mergeCitations);
 * disputed when any was, unverified only when all were.
 */
export function mergeSameFacts(entries: readonly TimelineRecord[]): TimelineRecord[] {
  const merged = new Map<string, TimelineRecord>();
  for (const entry of entries) {
    const key = JSON.stringify([entry.date, entry.property, entry.relationshipType, entry.relatedId]);
    const seen = merged.get(key);
    if (!seen) {
      merged.set(key, { ...entry, citations: mergeCitations(entry.citations, []) });
      continue;
    }
    seen.citations = mergeCitations(seen.citations, entry.citations);
    seen.disputed ||= entry.disputed;
    seen.unverified &&= entry.unverified;
    seen.own ||= entry.own;
  }
  return [...merged.values()];
}

/** Citations of one fact from several statements of it: each page once, its different evidence notes joined in order. */
function mergeCitations(first: readonly CitationRecord[], more: readonly CitationRecord[]): CitationRecord[] {
  const bySource = new Map<string, CitationRecord>();
  for (const citation of [...first, ...more]) {
    const seen = bySource.get(citation.sourceId);
    if (!seen) bySource.set(citation.sourceId, { ...citation });
    else if (citation.evidence && !seen.evidence.split(' · ').includes(citation.evidence)) seen.evidence = seen.evidence ? `${seen.evidence} · ${citation.evidence}` : citation.evidence;
  }
  return [...bySource.values()];
}

/** How many pages state a fact and how many publishers those are (pages of one publisher count once). */
export function corroborationOf(citations: readonly CitationRecord[], sources: readonly (SourceRecord | null)[]): CorroborationRecord {
  const cited = new Map(sources.filter((s): s is SourceRecord => s !== null).map((s) => [s.id, s]));
  const sourceIds = [...new Set(citations.map((c) => c.sourceId))];
  const publishers = [...new Set(sourceIds.map((id) => String(cited.get(id)?.props.publisher ?? '').trim()).filter(Boolean))].sort();
  const kinds = SOURCE_KINDS.filter((kind) => sourceIds.some((id) => cited.get(id)?.props.kind === kind));
  return { sourceCount: sourceIds.length, publisherCount: publishers.length, publishers, kinds: kinds as SourceKind[] };
}
