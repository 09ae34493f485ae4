/**
 * One dated fact as the pages show it, on an entity's timeline (the explorer's
 * details) and on the timeline across entities (/timeline): its date, what
 * happened, its marks, and its sources folded behind "N sources, M publishers ▸" (a
 * <details> a keyboard opens with Enter or Space).
 */
import { h } from '../gql';
import { formatDate } from '../i18n';
import { dateKindName, entityTypeName } from '../i18n/terms';
import { CITATION_FIELDS, citationList, corroborationNote, corroborationOf, disputedMark, unverifiedMark, type CitationRef } from '../provenance';
import type { TimelineEntry } from '../explore/queries';
import './timeline.css';

/** The GraphQL selection of a timeline entry, as timelineEntryItem reads it. */
export const TIMELINE_ENTRY_FIELDS = `date property description relationshipType disputed unverified related { id name type } sources { ${CITATION_FIELDS} }`;

/** An entry as the explorer's entity query and the timeline query both select it (TIMELINE_ENTRY_FIELDS). */
export type TimelineEntryView = TimelineEntry;

/** The entity an entry is about, when the list holds several entities' entries. */
export interface EntryEntity {
  id: string;
  name: string;
  type: string;
}

/** The sources of one fact, folded: "3 sources, 2 publishers ▸" opens the list of citations with what each says. */
export function foldedSources(sources: readonly CitationRef[]): HTMLElement {
  const corroboration = corroborationOf(sources);
  return h('details', { class: 'sources-fold', 'data-count': corroboration.sourceCount },
    h('summary', {}, corroborationNote(corroboration)),
    citationList(sources, { evidence: true, className: 'timeline-sources' }));
}

/**
 * The entry's sentence, without its entity's name in front when the entity is
 * shown above it ("X: took effect 2018-09, as some sources state." → "took
 * effect 2018-09, as some sources state."), and none when nothing is left
 * but the word the entry's head already shows ("X: promulgated.").
 */
function descriptionOf(entry: TimelineEntryView, entity: EntryEntity | undefined): string {
  if (!entity) return entry.description;
  const prefix = [`${entity.name}: `, `${entity.name}：`].find((p) => entry.description.startsWith(p));
  if (!prefix) return entry.description;
  const rest = entry.description.slice(prefix.length);
  return rest.replace(/[.。]$/, '') === dateKindName(entry.property) ? '' : rest;
}

/**
 * One entry as a list item: date, what happened, its marks, the sentence, the
 * entity it is about (when `entity` is given) or the related one, and its
 * folded sources. `open` follows a link to an entity (the explorer's details,
 * or a page); given an href-maker instead, links are plain links.
 */
export function timelineEntryItem(entry: TimelineEntryView, options: { open?: (id: string) => void; href: (id: string) => string; entity?: EntryEntity }): HTMLLIElement {
  const link = (target: { id: string; name: string }, className: string) => h('a', {
    class: className,
    href: options.href(target.id),
    onclick: options.open ? (event: Event) => { event.preventDefault(); options.open!(target.id); } : undefined,
  }, target.name);
  return h('li', {
    class: `timeline-entry${entry.disputed ? ' disputed' : ''}${entry.unverified ? ' unverified' : ''}`,
    'data-date': entry.date,
    'data-property': entry.property,
    'data-entity': options.entity?.id,
  },
  h('div', { class: 'timeline-head' },
    h('time', { class: 'date', datetime: entry.date }, formatDate(entry.date)),
    h('span', { class: 'what muted' }, dateKindName(entry.property)),
    entry.disputed ? disputedMark() : null,
    entry.unverified ? unverifiedMark() : null,
  ),
  options.entity
    ? h('div', { class: 'timeline-entity' }, link(options.entity, 'entity-link'), h('span', { class: 'muted' }, ` · ${entityTypeName(options.entity.type)}`))
    : null,
  descriptionOf(entry, options.entity)
    ? h('div', { class: 'timeline-description' }, descriptionOf(entry, options.entity),
      entry.related ? h('span', { class: 'muted' }, ' · ', link(entry.related, 'related-link')) : null)
    : null,
  foldedSources(entry.sources),
  );
}
