import { isConflict } from '../../domain/claims';
import { DATE_PROPERTIES, SOURCE_KINDS, type EntityLabel, type SourceKind } from '../../domain/model';
import { relationshipCitations, toEntityRecord, type CitationRecord, type SourceRecord } from '../entity/records';
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

/** What happened on a date of each kind, as a verb phrase. */
const DATE_WORDS: Record<string, string> = {
  signedOn: 'signed',
  announcedOn: 'announced',
  effectiveOn: 'took effect',
  approvedOn: 'approved',
  startedOn: 'started',
  startDate: 'started',
  endedOn: 'ended',
  endDate: 'ended',
  passedOn: 'passed',
  promulgatedOn: 'promulgated',
  asOf: 'stated as of this date',
  filedOn: 'filed',
  grantedOn: 'granted',
  resultsAnnouncedOn: 'results announced',
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
  const name = nameOf(self);
  const entries: TimelineRecord[] = [];
  for (const property of NODE_DATE_PROPERTIES) {
    const date = dateText(self.props[property]);
    if (!date) continue;
    entries.push({ date, property, description: `${name}: ${DATE_WORDS[property]}.`, relationshipType: null, relatedId: null, disputed: false, unverified: self.props.unverified === true, citations: [...citations] });
  }
  for (const r of facts.relationships) {
    const other = toEntityRecord(r.node);
    if ((DATED_LABELS as readonly string[]).includes(other.label)) {
      for (const property of NODE_DATE_PROPERTIES) {
        const date = dateText(other.props[property]);
        if (!date) continue;
        entries.push({ date, property, description: `${nameOf(other)}: ${DATE_WORDS[property]}.`, relationshipType: r.type, relatedId: other.id, disputed: false, unverified: other.props.unverified === true, citations: r.nodeCitations });
      }
    }
    for (const property of DATE_PROPERTIES) {
      const date = dateText(r.props[property]);
      if (!date) continue;
      const onlyThisDate = Object.fromEntries(Object.entries(r.props).filter(([k]) => k === property || !isDateProperty(k)));
      const [from, to] = r.outgoing ? [self, other] : [other, self];
      const description = explainHop({ from, to, type: r.type, direction: 'FORWARD', properties: onlyThisDate });
      entries.push({ date, property, description, relationshipType: r.type, relatedId: other.id, disputed: false, unverified: r.props.unverified === true, citations: relationshipCitations(r.props) });
    }
  }
  const disputed = new Set(conflictsOf(claims).flatMap((c) => c.values.map((v) => v.id)));
  for (const claim of claims) {
    const about = claim.otherId ? `${name} and ${names.get(claim.otherId) ?? claim.otherId} (${claim.relationshipType})` : name;
    const dated = isDatedClaim(claim.property) ? dateText(claim.value) : null;
    const date = dated ?? claim.asOf;
    if (!date) continue;
    const description = dated ? `${about}: ${DATE_WORDS[claim.property] ?? claim.property} ${dated}, as some sources state.` : `${about}: ${claim.property} was ${String(claim.value)}.`;
    entries.push({ date, property: claim.property, description, relationshipType: claim.relationshipType, relatedId: claim.otherId, disputed: disputed.has(claim.id), unverified: claim.unverified, citations: claim.citations });
  }
  return entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.property.localeCompare(b.property)));
}

/** How many pages state a fact and how many publishers those are (pages of one publisher count once). */
export function corroborationOf(citations: readonly CitationRecord[], sources: readonly (SourceRecord | null)[]): CorroborationRecord {
  const cited = new Map(sources.filter((s): s is SourceRecord => s !== null).map((s) => [s.id, s]));
  const sourceIds = [...new Set(citations.map((c) => c.sourceId))];
  const publishers = [...new Set(sourceIds.map((id) => String(cited.get(id)?.props.publisher ?? '').trim()).filter(Boolean))].sort();
  const kinds = SOURCE_KINDS.filter((kind) => sourceIds.some((id) => cited.get(id)?.props.kind === kind));
  return { sourceCount: sourceIds.length, publisherCount: publishers.length, publishers, kinds: kinds as SourceKind[] };
}
