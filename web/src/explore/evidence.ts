/**
 * The selected entity's provenance sections: its timeline, where sources
 * disagree, other values sources state, and its sources with their kinds.
 * Pure builders: each takes the entity's answer and returns a section.
 */
import { h } from '../gql';
import { formatDate, formatList, pageUrl, t, tNodes } from '../i18n';
import { countryName, entityTypeName, propertyName } from '../i18n/terms';
import { countryOf } from '../graph';
import {
  citationItem, citationList, conflictAbout, corroborationNote, kindBadge, unverifiedMark, valueText,
} from '../provenance';
import { timelineEntryItem } from '../timeline/entry';
import { sameAsNames } from '../../../src/domain/identity';
import type { Claim, Conflict, Details, IdentityDecision } from './queries';

/**
 * Dated facts, oldest first, each with its sources folded behind "N sources ▸";
 * disputed and unverified ones marked. A link opens the timeline across
 * entities of the same type and country.
 */
export function timelineSection(entity: Details, open: (id: string) => void): HTMLElement {
  const entries = entity.timeline;
  const country = countryOf(entity);
  // A country's own timeline is every entity of it; any other entity's, those of its type (and country).
  const isCountry = entity.type === 'COUNTRY';
  const across = pageUrl('/timeline', { ...(isCountry ? {} : { type: entity.type }), ...(country ? { country } : {}) });
  const acrossText = isCountry && country
    ? t('timeline.acrossCountry', { country: countryName(country) })
    : t('timeline.acrossLink', { type: entityTypeName(entity.type, true), country: country ? countryName(country) : 'none' });
  return h(
    'section',
    { id: 'timeline', class: 'timeline', 'aria-label': t('explorer.timeline.label') },
    h('h3', {}, t('explorer.timeline.title', { count: entries.length })),
    entries.length
      ? h('ol', { class: 'timeline-list' }, ...entries.map((entry) => timelineEntryItem(entry, { open, href: (id) => pageUrl('/explore', { focus: id }) })))
      : h('p', { class: 'muted' }, t('explorer.timeline.none')),
    h('p', { class: 'small' }, h('a', { id: 'timeline-across', href: across }, acrossText)),
  );
}

/** One value a source gives: the value, its corroboration and mark, and who states it. */
function claimItem(claim: Claim): HTMLElement {
  return h(
    'li',
    { class: `claim-value${claim.unverified ? ' unverified' : ''}`, 'data-value': valueText(claim.value) },
    h('div', {},
      h('b', { class: 'value' }, valueText(claim.value)),
      claim.asOf ? h('span', { class: 'muted' }, ' ', t('explorer.claims.asOf', { date: formatDate(claim.asOf) })) : null,
      ' ',
      claim.unverified ? unverifiedMark() : null,
      ' ',
      corroborationNote(claim.corroboration),
    ),
    claim.note ? h('div', { class: 'muted small' }, claim.note) : null,
    h('div', { class: 'stated-by muted small' }, t('explorer.claims.statedBy')),
    citationList(claim.sources, { evidence: true, className: 'claim-sources' }),
  );
}

function conflictTitle(conflict: Conflict): string {
  return t('explorer.conflicts.item', { about: conflictAbout(conflict.property, conflict.relationshipType, conflict.other?.name ?? null), count: conflict.values.length });
}

/** Every property sources disagree on, every value with who states it; none merged, none preferred. */
export function conflictsSection(entity: Details): HTMLElement {
  return h(
    'section',
    { id: 'conflicts', 'aria-label': t('explorer.conflicts.label') },
    h('h3', {}, t('explorer.conflicts.title', { count: entity.conflicts.length })),
    entity.conflicts.length
      ? h('div', {}, ...entity.conflicts.map((conflict) =>
        h('div', { class: 'conflict', 'data-property': conflict.property },
          h('div', { class: 'conflict-title' }, conflictTitle(conflict)),
          h('ul', { class: 'conflict-values' }, ...conflict.values.map(claimItem)),
        )))
      : h('p', { class: 'muted' }, t('explorer.conflicts.none')),
  );
}

/** Values sources state about it that are kept as claims but do not contradict each other (an AI digest's date, a count as of a page). */
export function claimsSection(entity: Details): HTMLElement | null {
  const inConflict = new Set(entity.conflicts.flatMap((c) => c.values.map((v) => v.id)));
  const others = entity.claims.filter((claim) => !inConflict.has(claim.id));
  if (!others.length) return null;
  return h(
    'section',
    { id: 'claims', 'aria-label': t('explorer.claims.label') },
    h('h3', {}, t('explorer.claims.title', { count: others.length })),
    h('ul', { class: 'claims' }, ...others.map((claim) => h('li', { class: 'claim', 'data-property': claim.property },
      h('span', { class: 'muted' }, t('explorer.claims.property', { property: propertyName(claim.property) })), h('ul', { class: 'conflict-values' }, claimItem(claim))))),
  );
}

/** The pages that state it, with their kind, publisher and date, and what each says. */
export function sourcesSection(entity: Details): HTMLElement {
  return h(
    'section',
    { id: 'sources', 'aria-label': t('explorer.sources.label') },
    h('h3', {}, t('explorer.sources.title', { count: entity.sources.length })),
    h('div', { class: 'muted small' }, t('explorer.sources.kinds'), ' ', ...entity.corroboration.kinds.map((kind) => kindBadge(kind))),
    h('ul', { class: 'citations source-list' }, ...entity.sources.map((c) => citationItem(c, { evidence: true }))),
  );
}

/** Where a reviewer left a decision, in words: "Standing: …", "Confirmed by … on …: note". */
function rulingText(decision: IdentityDecision): string {
  if (!decision.ruling) return t('explorer.identity.standing');
  const { by, at, note } = decision.ruling;
  const values = { by, date: formatDate(at.slice(0, 10)), note };
  return decision.status === 'CONFIRMED' ? t('explorer.identity.confirmed', values) : t('explorer.identity.undone', values);
}

/**
 * The sentence of one decision, as text nodes and (for PROBABLY_SAME) a link to
 * the other entity: "Same entity as … because: …", "Probably the same as <other>
 * because: …". The other id is plain text when it is no longer an entity of its
 * own (a confirmation merged it into this one).
 */
function identitySentence(entity: Details, decision: IdentityDecision, open: (id: string) => void): (Node | string)[] {
  if (decision.decision === 'SAME') return [t('explorer.identity.same', { names: formatList(sameAsNames(decision.names, entity.name)), reason: decision.reason })];
  const other = decision.other;
  const named = other
    ? h('a', { class: 'identity-other', href: `/explore?focus=${encodeURIComponent(other.id)}`, onclick: (event: Event) => { event.preventDefault(); open(other.id); } }, other.name)
    : h('span', { class: 'identity-other' }, decision.otherId ?? t('explorer.identity.another'), decision.status === 'CONFIRMED' ? ` ${t('explorer.identity.merged')}` : '');
  return tNodes('explorer.identity.probably', { other: named, reason: decision.reason });
}

/** Whether names the sources use denote this entity, with the reasoning, the pages and where reviewers left it; null when no decision is about it. */
export function identitySection(entity: Details, open: (id: string) => void): HTMLElement | null {
  const decisions = entity.identityDecisions;
  if (!decisions.length) return null;
  return h(
    'section',
    { id: 'identity', 'aria-label': t('explorer.identity.label') },
    h('h3', {}, t('explorer.identity.title', { count: decisions.length })),
    h('ul', { class: 'identity-decisions' }, ...decisions.map((decision) =>
      h('li', { class: `identity-decision${decision.unverified ? ' unverified' : ''}`, 'data-id': decision.id, 'data-decision': decision.decision, 'data-status': decision.status },
        h('p', { class: 'identity-text' }, ...identitySentence(entity, decision, open)),
        h('div', { class: 'identity-status muted small' }, rulingText(decision), decision.unverified ? ' ' : null, decision.unverified ? unverifiedMark() : null),
        h('div', { class: 'stated-by muted small' }, t('explorer.identity.restingOn')),
        citationList(decision.sources, { evidence: true, className: 'identity-sources' }),
      ))),
  );
}
