/** The overview's statistics: totals per type, organizations, modalities, indications, agreements, cross-border links. */
import { countryColor, h } from '../gql';
import { formatDateTime, formatList, formatNumber, t } from '../i18n';
import { showOrganizations } from './organizationList';
import { exportLink } from '../exportLink';
import { countryName, entityTypeName, relationshipName, termName } from '../i18n/terms';
import { barChart, chartCard, countryLabel, explore, orderCountries } from './charts';

interface Usage {
  entity: { id: string; name: string };
  technologyCount: number;
  organizationCount: number;
}
export interface StatisticsData {
  statistics: {
    generatedAt: string;
    maxAgeSeconds: number;
    entitiesByType: { type: string; count: number }[];
    organizationsByCountryAndKind: { countryCode: string | null; kind: string; count: number }[];
    modalities: Usage[];
    indications: Usage[];
    agreementsByKindAndTerritory: { kind: string; territory: string; count: number }[];
    crossBorderLinks: { type: string; between: string[]; count: number }[];
  };
  countries: { id: string; code: string; name: string }[];
  agreements: { edges: { node: { id: string; kind: string | null; territory: { code: string }[] } }[] };
}

export const STATISTICS = /* GraphQL */ `
  query OverviewStatistics {
    statistics {
      generatedAt
      maxAgeSeconds
      entitiesByType { type count }
      organizationsByCountryAndKind { countryCode kind count }
      modalities { entity { id name } technologyCount organizationCount }
      indications { entity { id name } technologyCount organizationCount }
      agreementsByKindAndTerritory { kind territory count }
      crossBorderLinks { type between count }
    }
    countries { id code name }
    agreements(first: 100) { edges { node { id kind ... on Agreement { territory { code } } } } }
  }
`;

function usageChart(id: string, title: string, categoryAxis: string, rows: Usage[]): void {
  const top = [...rows].sort((a, b) => b.technologyCount + b.organizationCount - (a.technologyCount + a.organizationCount)).slice(0, 15);
  const canvas = chartCard(id, title, t('overview.usage.hint'));
  barChart(
    canvas,
    top.map((r) => r.entity.name),
    [
      { label: entityTypeName('ORGANIZATION', true), data: top.map((r) => r.organizationCount), backgroundColor: '#0b6e69' },
      { label: entityTypeName('TECHNOLOGY', true), data: top.map((r) => r.technologyCount), backgroundColor: '#8fc9c4' },
    ],
    (index) => explore({ focus: top[index]!.entity.id }),
    { horizontal: true, stacked: true, categoryAxis: categoryAxis, valueAxis: t('overview.axes.count'), legend: t('overview.axes.counted') },
  );
}

/** Draws the totals and the statistics charts. */
export function renderStatistics(data: StatisticsData): void {
  const s = data.statistics;
  const generated = new Date(s.generatedAt);
  document.getElementById('freshness')!.textContent = t('overview.freshness', { at: formatDateTime(generated), seconds: s.maxAgeSeconds });

  const totals = document.getElementById('totals')!;
  for (const row of [...s.entitiesByType].sort((a, b) => b.count - a.count)) {
    totals.append(h('div', { class: 'tile', 'data-type': row.type }, h('b', {}, formatNumber(row.count)), h('span', {}, entityTypeName(row.type, row.count !== 1))));
  }
  const countryId = new Map(data.countries.map((c) => [c.code, c.id]));

  // Organizations by kind, stacked per country; a bar (or a cell of the table) lists those organizations.
  const kinds = [...new Set(s.organizationsByCountryAndKind.map((r) => r.kind))].sort((a, b) => termName(a).localeCompare(termName(b)));
  const orgCountries = orderCountries(s.organizationsByCountryAndKind.map((r) => r.countryCode));
  const orgCount = (kind: string, code: string | null) => s.organizationsByCountryAndKind.find((r) => r.kind === kind && r.countryCode === code)?.count ?? 0;
  const orgCanvas = chartCard('organizations', t('overview.organizations.title'), t('overview.organizations.hint'));
  const orgPanel = h('div', { id: 'org-list', class: 'org-list-panel', hidden: true, 'aria-live': 'polite' });
  const list = (kind: string, code: string | null) => void showOrganizations(orgPanel, kind, code);
  orgCanvas.closest('.card')!.append(countsTable(kinds, orgCountries, orgCount, list), orgPanel, exportAll('ORGANIZATION'));
  barChart(
    orgCanvas,
    kinds.map(termName),
    orgCountries.map((code) => ({
      label: countryLabel(code),
      backgroundColor: countryColor(code),
      data: kinds.map((kind) => orgCount(kind, code)),
    })),
    (index, datasetIndex) => list(kinds[index]!, orgCountries[datasetIndex] ?? null),
    { stacked: true, categoryAxis: t('overview.axes.organizationKind'), valueAxis: entityTypeName('ORGANIZATION', true), legend: t('overview.axes.country') },
  );

  usageChart('modalities', t('overview.modalities.title', { type: entityTypeName('MODALITY', true) }), entityTypeName('MODALITY'), s.modalities);
  usageChart('indications', t('overview.indications.title', { type: entityTypeName('INDICATION', true) }), entityTypeName('INDICATION'), s.indications);

  // Agreements by kind, stacked per territory.
  const agreementKinds = [...new Set(s.agreementsByKindAndTerritory.map((r) => r.kind))].sort();
  const territories = orderCountries(s.agreementsByKindAndTerritory.map((r) => r.territory)) as string[];
  const agreementCanvas = chartCard('agreements', t('overview.agreements.title'), t('overview.agreements.hint'));
  agreementCanvas.closest('.card')!.append(exportAll('AGREEMENT'));
  barChart(
    agreementCanvas,
    agreementKinds.map(termName),
    territories.map((territory) => ({
      label: countryLabel(territory),
      backgroundColor: countryColor(territory),
      data: agreementKinds.map((kind) => s.agreementsByKindAndTerritory.find((r) => r.kind === kind && r.territory === territory)?.count ?? 0),
    })),
    (index, datasetIndex) => {
      const kind = agreementKinds[index];
      const territory = territories[datasetIndex];
      const nodes = data.agreements.edges.map((e) => e.node).filter((n) => n.kind === kind);
      const match = nodes.find((n) => n.territory.some((t) => t.code === territory)) ?? nodes[0];
      explore(match ? { focus: match.id } : {});
    },
    { stacked: true, categoryAxis: t('overview.axes.agreementKind'), valueAxis: entityTypeName('AGREEMENT', true), legend: t('overview.axes.territory') },
  );

  // Cross-border links per relationship type: which borders each bar counts is in its label, and the hint sums them.
  const links = [...s.crossBorderLinks].sort((a, b) => b.count - a.count);
  const isTaiwanJapan = (between: string[]) => between.includes('TW') && between.includes('JP');
  const taiwanJapan = links.filter((l) => isTaiwanJapan(l.between)).reduce((sum, l) => sum + l.count, 0);
  const total = links.reduce((sum, l) => sum + l.count, 0);
  const others = [...new Set(links.flatMap((l) => (isTaiwanJapan(l.between) ? [] : l.between.filter((c) => c !== 'TW' && c !== 'JP'))))].sort().map(countryName);
  const linksHint = h('span', { id: 'crossborder-links-note', 'data-total': total, 'data-taiwan-japan': taiwanJapan },
    t('overview.crossBorderLinks.counts', { total, taiwanJapan, others: others.length ? formatList(others) : 'none' }),
    t('common.sentenceSeparator'), t('overview.crossBorderLinks.hint'));
  barChart(
    chartCard('crossborder', t('overview.crossBorderLinks.title'), linksHint),
    links.map((l) => `${relationshipName(l.type)} (${l.between.map(countryName).join('–')})`),
    [{ label: t('overview.crossBorderLinks.links'), data: links.map((l) => l.count), backgroundColor: '#6a4c93' }],
    () => {
      const tw = countryId.get('TW');
      explore(tw ? { focus: tw } : {});
    },
    { horizontal: true, categoryAxis: t('overview.axes.relationshipType'), valueAxis: t('overview.crossBorderLinks.links') },
  );
}

/** A card's last line: the CSV export of every entity of the type it counts. */
function exportAll(type: string): HTMLElement {
  return h('p', { class: 'hint' }, exportLink(type, {}, t('overview.exportAll', { type: entityTypeName(type, true) })));
}

/**
 * The chart's numbers as a table a keyboard can use, folded under the chart:
 * one row per kind, one column per country, each count a button that lists
 * those organizations.
 */
function countsTable(kinds: string[], countries: (string | null)[], count: (kind: string, country: string | null) => number, list: (kind: string, country: string | null) => void): HTMLElement {
  return h('details', { class: 'counts-table', id: 'organizations-table' },
    h('summary', {}, t('overview.organizations.table')),
    h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('overview.axes.organizationKind')), ...countries.map((code) => h('th', { scope: 'col', 'data-country': code ?? '' }, countryLabel(code))))),
      h('tbody', {}, ...kinds.map((kind) => h('tr', { 'data-kind': kind },
        h('th', { scope: 'row' }, termName(kind)),
        ...countries.map((code) => {
          const n = count(kind, code);
          return h('td', { 'data-country': code ?? '' }, n
            ? h('button', { type: 'button', class: 'link', 'aria-label': t('overview.organizations.listButton', { count: n, kind: termName(kind), country: code ? countryName(code) : 'none' }), onclick: () => list(kind, code) }, formatNumber(n))
            : h('span', { class: 'muted' }, '0'));
        }))))));
}
