/**
 * The timeline across entities (/timeline): the dated facts of the entities a
 * type and a country choose, oldest first, a page at a time, from the
 * `timeline` query. The filters live in the URL (?type=POLICY&country=TW&from=&to=),
 * so "Taiwan's laws in date order" is a link; each entry links into the
 * explorer, and the page links the CSV export of the list it shows.
 */
import { ENTITY_LABELS } from '../../src/domain/model';
import { TERMS } from '../../src/domain/terms';
import { exportLink, filtersByCountry } from './exportLink';
import { gql, h } from './gql';
import { localizePage, pageUrl, t } from './i18n';
import { countryName, entityTypeName } from './i18n/terms';
import { TIMELINE_ENTRY_FIELDS, timelineEntryItem, type EntryEntity, type TimelineEntryView } from './timeline/entry';
import './style.css';
import './timeline/timeline.css';

/** Entries one page reads. */
const PAGE_SIZE = 50;

const TIMELINE = /* GraphQL */ `
  query TimelineAcross($types: [EntityType!], $countries: [String!], $from: Date, $to: Date, $first: Int, $after: String) {
    timeline(types: $types, countries: $countries, from: $from, to: $to, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ${TIMELINE_ENTRY_FIELDS} entity { id name type } } }
    }
  }
`;

interface Answer {
  timeline: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: TimelineEntryView & { entity: EntryEntity } }[];
  };
}

/** The filters, as the URL and the form hold them. */
interface Filters {
  type: string;
  country: string;
  from: string;
  to: string;
}

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const TYPES = ENTITY_LABELS.map((label) => label.toUpperCase());
const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

function filtersFromUrl(): Filters {
  const params = new URLSearchParams(window.location.search);
  const type = params.get('type') ?? '';
  const country = params.get('country') ?? '';
  const date = (name: string) => (DATE.test(params.get(name) ?? '') ? params.get(name)! : '');
  return { type: TYPES.includes(type) ? type : '', country: /^[A-Z]{2}$/.test(country) ? country : '', from: date('from'), to: date('to') };
}

function fillForm(filters: Filters): void {
  const type = byId<HTMLSelectElement>('filter-type');
  type.replaceChildren(
    h('option', { value: '' }, t('timeline.filters.anyType')),
    ...TYPES.map((value) => h('option', { value, selected: value === filters.type }, entityTypeName(value, true))),
  );
  const country = byId<HTMLSelectElement>('filter-country');
  const codes = Object.keys(TERMS.countries).sort((a, b) => countryName(a).localeCompare(countryName(b)));
  country.replaceChildren(
    h('option', { value: '' }, t('timeline.filters.anyCountry')),
    ...codes.map((code) => h('option', { value: code, selected: code === filters.country }, countryName(code))),
  );
  byId<HTMLInputElement>('filter-from').value = filters.from;
  byId<HTMLInputElement>('filter-to').value = filters.to;
}

/** The sentence above the list: how many entries, of what, where, between which dates. */
function statusText(filters: Filters, total: number): string {
  return t('timeline.status', {
    count: total,
    type: filters.type ? entityTypeName(filters.type, true) : 'none',
    country: filters.country ? countryName(filters.country) : 'none',
  });
}

/** The link to the CSV export of the list the filters choose (its type, and country where the list filters by one). */
function exportPart(filters: Filters): (HTMLElement | string)[] {
  if (!filters.type) return [t('timeline.exportPickType')];
  const where = filters.country && filtersByCountry(filters.type) ? { countryCode: { eq: filters.country } } : {};
  const link = exportLink(filters.type, where, t('timeline.export', { type: entityTypeName(filters.type, true), country: where.countryCode ? countryName(filters.country) : 'none' }), 'timeline-export-link');
  return link ? [link] : [];
}

async function main(): Promise<void> {
  localizePage();
  const filters = filtersFromUrl();
  fillForm(filters);
  byId<HTMLFormElement>('timeline-filters').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const params = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v).trim()]).filter(([, v]) => v !== ''));
    window.location.assign(pageUrl('/timeline', params));
  });
  byId('timeline-export').replaceChildren(...exportPart(filters));

  const list = byId<HTMLOListElement>('timeline-entries');
  const status = byId('timeline-status');
  const more = byId<HTMLButtonElement>('timeline-more');
  const variables = {
    types: filters.type ? [filters.type] : null,
    countries: filters.country ? [filters.country] : null,
    from: filters.from || null,
    to: filters.to || null,
    first: PAGE_SIZE,
  };
  let after: string | null = null;
  const load = async () => {
    status.textContent = t('common.loading');
    more.disabled = true;
    let answer: Answer;
    try {
      answer = await gql<Answer>(TIMELINE, { ...variables, after });
    } catch (error) {
      status.className = 'error';
      status.textContent = t('timeline.couldNotLoad', { message: (error as Error).message });
      return;
    }
    const { timeline } = answer;
    list.append(...timeline.edges.map(({ node }) => timelineEntryItem(node, { href: (id) => pageUrl('/explore', { focus: id }), entity: node.entity })));
    status.textContent = statusText(filters, timeline.totalCount);
    after = timeline.pageInfo.endCursor;
    more.hidden = !timeline.pageInfo.hasNextPage;
    more.disabled = false;
  };
  more.addEventListener('click', () => void load());
  await load();
}

void main();
