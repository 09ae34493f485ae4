/**
 * How the pages show where a fact comes from: a source's kind as a badge, its
 * publisher and date, how many sources and publishers state a fact, and the
 * marks for unverified and disputed facts. Pure builders of elements.
 */
import { SOURCE_KINDS, type SourceKind } from '../../src/domain/model';
import { h } from './gql';
import { formatDate, formatList, t } from './i18n';
import { propertyName, relationshipName, relationshipWith, sourceKindName } from './i18n/terms';

export interface SourceRef {
  id?: string;
  title: string;
  publisher: string;
  kind: SourceKind | null;
  url?: string | null;
  publishedOn?: string | null;
  dateNote?: string | null;
  partial?: boolean;
}
export interface CitationRef {
  evidence?: string;
  source: SourceRef;
}
export interface Corroboration {
  sourceCount: number;
  publisherCount: number;
  publishers?: string[];
  kinds?: SourceKind[];
}

/** The GraphQL selection for a citation, as the badges and lists below read it. */
export const CITATION_FIELDS = 'evidence source { id title publisher kind url publishedOn dateNote partial }';
export const CORROBORATION_FIELDS = 'corroboration { sourceCount publisherCount publishers kinds }';

/** Every kind has a label: the list comes from the model, the words from the model's terms. */
export const SOURCE_KIND_LABELS = (): readonly { kind: SourceKind; label: string }[] => SOURCE_KINDS.map((kind) => ({ kind, label: sourceKindName(kind) }));

/** A badge naming the source's kind ("Trade press"), or "Unclassified" when nobody has classified it. */
export function kindBadge(kind: SourceKind | null): HTMLElement {
  return h(
    'span',
    { class: `badge kind kind-${(kind ?? 'unclassified').toLowerCase().replace(/_/g, '-')}`, 'data-kind': kind ?? 'UNCLASSIFIED', title: t(`provenance.kindMeaning.${kind ?? 'UNCLASSIFIED'}`) },
    kind ? sourceKindName(kind) : t('provenance.unclassified'),
  );
}

/** "3 sources, 2 publishers". */
export function corroborationText(c: Corroboration): string {
  return t('provenance.corroboration', { sources: c.sourceCount, publishers: c.publisherCount });
}

/** The corroboration of a fact from its citations: distinct sources and distinct publishers. */
export function corroborationOf(citations: readonly CitationRef[]): Corroboration {
  const sources = new Set(citations.map((c) => c.source.id ?? `${c.source.publisher}\u0000${c.source.title}`));
  const publishers = [...new Set(citations.map((c) => c.source.publisher))].sort();
  return { sourceCount: sources.size, publisherCount: publishers.length, publishers };
}

/** A small line: "3 sources, 2 publishers" with the publishers in its tooltip. */
export function corroborationNote(c: Corroboration): HTMLElement {
  return h('span', { class: 'corroboration', title: c.publishers?.length ? t('provenance.publishers', { list: formatList(c.publishers, 'unit') }) : undefined }, corroborationText(c));
}

/** The mark on a fact that only AI-generated or otherwise unverified pages state. */
export function unverifiedMark(): HTMLElement {
  return h('span', { class: 'mark unverified', title: t('provenance.unverifiedTitle') }, t('provenance.unverified'));
}

/** The mark on a date sources disagree on. */
export function disputedMark(): HTMLElement {
  return h('span', { class: 'mark disputed', title: t('provenance.disputedTitle') }, t('provenance.disputed'));
}


/** Whether a source URL may be a link: http or https only (a javascript: or data: URL stays plain text). */
export function webLink(url: string | null | undefined): url is string {
  return typeof url === 'string' && /^https?:\/\//i.test(url.trim());
}

/** One citation: kind badge, publisher, title (linked), date and, when asked, the evidence note. */
export function citationItem(citation: CitationRef, options: { evidence?: boolean } = {}): HTMLElement {
  const s = citation.source;
  return h(
    'li',
    { class: 'citation', 'data-kind': s.kind ?? 'UNCLASSIFIED' },
    kindBadge(s.kind),
    ' ',
    h('span', { class: 'publisher' }, s.publisher),
    ': ',
    webLink(s.url) ? h('a', { href: s.url, target: '_blank', rel: 'noopener' }, s.title) : h('span', {}, s.title),
    h('span', { class: 'muted', title: s.publishedOn ? undefined : s.dateNote ?? undefined }, ' · ', s.publishedOn ? formatDate(s.publishedOn) : t('provenance.undated'), s.partial ? ` · ${t('provenance.partial')}` : ''),
    options.evidence && citation.evidence ? h('q', {}, citation.evidence) : null,
  );
}

/** A list of citations. */
export function citationList(citations: readonly CitationRef[], options: { evidence?: boolean; className?: string } = {}): HTMLElement {
  return h('ul', { class: `citations ${options.className ?? ''}`.trim() }, ...citations.map((c) => citationItem(c, options)));
}

/** A stated value as text: lists joined, objects as JSON. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(valueText).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** What a conflict is about: "date signed", or "date signed (is a party to X)" with the relationship it is on. */
export function conflictAbout(property: string, relationshipType: string | null, other: string | null): string {
  const what = propertyName(property);
  if (!relationshipType) return what;
  return t('provenance.conflictOn', { property: what, relationship: other ? relationshipWith(relationshipType, other) : relationshipName(relationshipType) });
}
