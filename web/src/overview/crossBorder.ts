/**
 * Cross-border agreements over time: agreements whose parties are based in
 * different countries, per year signed and per kind. One agreementsAggregate
 * query groups agreements by id, year signed, kind and the country of each
 * party; the page keeps those with two or more countries, and says which
 * borders it counted: any pair of countries, and of those, how many are
 * between Taiwan and Japan (what an analyst filtering for Taiwan–Japan gets). (A
 * `where` that says "parties in different countries" has to be an OR over
 * every pair of countries, which the server plans slowly enough to time out.)
 * Agreements without one signing date in the graph are shown as their own bar,
 * not spread over years.
 */
import { AGREEMENT_KINDS } from '../../../src/domain/model';
import { gql, h } from '../gql';
import { exportLink } from '../exportLink';
import { formatList, formatNumber, t, tNodes } from '../i18n';
import { countryName, termName } from '../i18n/terms';
import { barChart, chartCard, explore } from './charts';

/** One agreement and one of its parties' countries: key [id, year signed or null, kind, country or null]. */
interface Group {
  key: [string, string | null, string, string | null];
}

/** One agreement with the countries its parties are based in. */
interface AgreementCountries {
  key: [string, string | null, string];
  countries: Set<string>;
}

/** The groups folded per agreement, each with the set of its parties' known countries. */
function perAgreement(groups: readonly Group[]): AgreementCountries[] {
  const byId = new Map<string, AgreementCountries>();
  for (const { key: [id, year, kind, country] } of groups) {
    const agreement = byId.get(id) ?? { key: [id, year, kind] as [string, string | null, string], countries: new Set<string>() };
    if (country) agreement.countries.add(country);
    byId.set(id, agreement);
  }
  return [...byId.values()];
}

/** The label of the bar for agreements that have no signing date the graph can use. */
export const noSigningDate = (): string => t('overview.crossBorder.noSigningDate');

/** The most agreements read; beyond it the note says the chart is cut short. */
const MOST_AGREEMENTS = 1000;

const KIND_COLORS = ['#0b6e69', '#6a4c93', '#f08c00', '#1f5fbf', '#d62728', '#8c6d31', '#17becf', '#7f7f7f'];

const AGGREGATE = /* GraphQL */ `
  query AgreementPartyCountries($first: Int) {
    agreementsAggregate(
      where: { parties: { count: { gte: 2 } } }
      groupBy: [{ field: "id" }, { field: "signedOn", bucket: YEAR }, { field: "kind" }, { via: "parties", field: "countryCode" }]
      first: $first
    ) {
      truncated
      groups { key }
    }
  }
`;

/** Every year from the first to the last given, so gaps show as empty years. */
function everyYear(years: string[]): (string | null)[] {
  if (!years.length) return [];
  const numbers = years.map(Number);
  const [first, last] = [Math.min(...numbers), Math.max(...numbers)];
  return Array.from({ length: last - first + 1 }, (_, i) => String(first + i));
}

const kindLabel = termName;

/** The chart's numbers as a table for screen readers (and for tests): one row per year, one column per kind. */
function dataTable(years: (string | null)[], kinds: readonly string[], count: (year: string | null, kind: string) => number): HTMLElement {
  return h('table', { class: 'visually-hidden', id: 'crossborder-years-data' },
    h('thead', {}, h('tr', {}, h('th', {}, t('overview.crossBorder.year')), ...kinds.map((kind) => h('th', { 'data-kind': kind }, kindLabel(kind))))),
    h('tbody', {}, ...years.map((year) => h('tr', { 'data-year': year ?? '' }, h('th', {}, year ?? noSigningDate()), ...kinds.map((kind) => h('td', { 'data-kind': kind }, String(count(year, kind))))))));
}

/** Draws the chart of cross-border agreements per year, stacked by kind; a bar opens one of its agreements in the explorer. */
export async function renderCrossBorderAgreements(): Promise<void> {
  const { agreementsAggregate: aggregate } = await gql<{ agreementsAggregate: { truncated: boolean; groups: Group[] } }>(AGGREGATE, { first: MOST_AGREEMENTS });
  const crossBorder = perAgreement(aggregate.groups).filter((g) => g.countries.size >= 2);
  const taiwanJapan = crossBorder.filter((g) => g.countries.has('TW') && g.countries.has('JP')).length;
  const others = [...new Set(crossBorder.flatMap((g) => [...g.countries]))].filter((c) => c !== 'TW' && c !== 'JP').sort().map(countryName);
  const years = everyYear(crossBorder.map((g) => g.key[1]).filter((year): year is string => Boolean(year)));
  if (crossBorder.some((g) => g.key[1] === null)) years.push(null);
  const kinds = AGREEMENT_KINDS.filter((kind) => crossBorder.some((g) => g.key[2] === kind));
  const agreementsOf = (year: string | null, kind: string) => crossBorder.filter((g) => g.key[1] === year && g.key[2] === kind).map((g) => g.key[0]);
  const count = (year: string | null, kind: string) => agreementsOf(year, kind).length;
  const undated = crossBorder.filter((g) => g.key[1] === null).length;
  const hint = h(
    'span',
    { id: 'crossborder-note', 'data-total': crossBorder.length, 'data-undated': undated, 'data-taiwan-japan': taiwanJapan },
    t('overview.crossBorder.total', { count: crossBorder.length }),
    t('common.sentenceSeparator'),
    h('span', { id: 'crossborder-borders' }, t('overview.crossBorder.borders', { others: others.length ? formatList(others) : 'none', taiwanJapan })),
    t('common.sentenceSeparator'),
    ...(undated ? tNodes('overview.crossBorder.undated', { undated: h('b', {}, t('overview.crossBorder.undatedCount', { count: undated })) }) : []),
    undated ? ' ' : '',
    aggregate.truncated ? h('b', {}, t('overview.crossBorder.truncated', { most: formatNumber(MOST_AGREEMENTS) })) : '',
    aggregate.truncated ? ' ' : '',
    t('overview.crossBorder.hint'),
  );
  const canvas = chartCard('crossborder-years', t('overview.crossBorder.title'), hint);
  canvas.after(dataTable(years, kinds, count));
  const exported = exportLink('AGREEMENT', { parties: { count: { gte: 2 } } }, t('overview.crossBorder.export'), 'crossborder-export');
  if (exported) canvas.closest('.card')!.append(h('p', { class: 'hint' }, exported));
  barChart(
    canvas,
    years.map((year) => year ?? noSigningDate()),
    kinds.map((kind, i) => ({ label: kindLabel(kind), backgroundColor: KIND_COLORS[i % KIND_COLORS.length], data: years.map((year) => count(year, kind)) })),
    (index, datasetIndex) => {
      const kind = kinds[datasetIndex];
      const id = kind ? agreementsOf(years[index] ?? null, kind)[0] : undefined;
      if (id) explore({ focus: id });
    },
    { stacked: true, categoryAxis: t('overview.crossBorder.yearSigned'), valueAxis: t('overview.crossBorder.agreements'), legend: t('overview.axes.agreementKind') },
  );
}
