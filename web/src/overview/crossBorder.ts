/**
 * Cross-border agreements over time: agreements whose parties are based in
 * different countries, per year signed and per kind, from agreementsAggregate
 * (one database query). Agreements without one signing date in the graph are
 * shown as their own bar, not spread over years.
 */
import { AGREEMENT_KINDS } from '../../../src/domain/model';
import { gql, h, humanize } from '../gql';
import { barChart, chartCard, explore } from './charts';

interface Group {
  key: (string | null)[];
  count: number;
}

/** The label of the bar for agreements that have no signing date the graph can use. */
export const NO_SIGNING_DATE = 'No single signing date';

const KIND_COLORS = ['#0b6e69', '#6a4c93', '#f08c00', '#1f5fbf', '#d62728', '#8c6d31', '#17becf', '#7f7f7f'];

const party = (countryCode: Record<string, unknown>) => ({ parties: { some: { organization: { countryCode } } } });

/**
 * `where` for "some party is based in one country and another party in a
 * different one", as an OR over the graph's countries (the API compares a
 * party's country with given values, not with another party's). A party with no
 * country never makes an agreement cross-border.
 */
export function crossBorderWhere(countryCodes: readonly string[]): Record<string, unknown> {
  return {
    OR: countryCodes.map((code) => ({
      AND: [party({ eq: code }), party({ in: countryCodes.filter((other) => other !== code) })],
    })),
  };
}

const AGGREGATE = /* GraphQL */ `
  query CrossBorderAgreementsPerYear($where: AgreementWhere) {
    agreementsAggregate(where: $where, groupBy: [{ field: "signedOn", bucket: YEAR }, { field: "kind" }], first: 1000) {
      totalCount
      truncated
      groups { key count }
    }
  }
`;

const AGREEMENTS = /* GraphQL */ `
  query CrossBorderAgreementsOfKind($where: AgreementWhere) {
    agreements(where: $where, first: 100) { nodes { id ... on Agreement { signedOn } } }
  }
`;

/** Every year from the first to the last given, so gaps show as empty years. */
function everyYear(years: string[]): (string | null)[] {
  if (!years.length) return [];
  const numbers = years.map(Number);
  const [first, last] = [Math.min(...numbers), Math.max(...numbers)];
  return Array.from({ length: last - first + 1 }, (_, i) => String(first + i));
}

/** "MOU" stays as it is; other kinds read as words ("Joint venture"). */
const kindLabel = (kind: string): string => (kind === 'MOU' ? kind : humanize(kind));

/** Opens in the explorer the first cross-border agreement of that kind signed in that year (or without a date). */
async function openAgreement(where: Record<string, unknown>, kind: string, year: string | null): Promise<void> {
  const data = await gql<{ agreements: { nodes: { id: string; signedOn: string | null }[] } }>(AGREEMENTS, { where: { AND: [where, { kind: { eq: kind } }] } });
  const match = data.agreements.nodes.find((n) => (year === null ? !n.signedOn : n.signedOn?.startsWith(year)));
  if (match) explore({ focus: match.id });
}

/** The chart's numbers as a table for screen readers (and for tests): one row per year, one column per kind. */
function dataTable(years: (string | null)[], kinds: readonly string[], count: (year: string | null, kind: string) => number): HTMLElement {
  return h('table', { class: 'visually-hidden', id: 'crossborder-years-data' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Year'), ...kinds.map((kind) => h('th', { 'data-kind': kind }, kindLabel(kind))))),
    h('tbody', {}, ...years.map((year) => h('tr', { 'data-year': year ?? '' }, h('th', {}, year ?? NO_SIGNING_DATE), ...kinds.map((kind) => h('td', { 'data-kind': kind }, String(count(year, kind))))))));
}

/** Draws the chart of cross-border agreements per year, stacked by kind. */
export async function renderCrossBorderAgreements(countryCodes: readonly string[]): Promise<void> {
  const where = crossBorderWhere(countryCodes);
  const { agreementsAggregate: aggregate } = await gql<{ agreementsAggregate: { totalCount: number; truncated: boolean; groups: Group[] } }>(AGGREGATE, { where });
  const years = everyYear(aggregate.groups.map((g) => g.key[0]).filter((year): year is string => Boolean(year)));
  if (aggregate.groups.some((g) => g.key[0] === null)) years.push(null);
  const kinds = AGREEMENT_KINDS.filter((kind) => aggregate.groups.some((g) => g.key[1] === kind));
  const count = (year: string | null, kind: string) => aggregate.groups.find((g) => (g.key[0] ?? null) === year && g.key[1] === kind)?.count ?? 0;
  const undated = aggregate.groups.filter((g) => g.key[0] === null).reduce((sum, g) => sum + g.count, 0);
  const hint = h(
    'span',
    { id: 'crossborder-note', 'data-total': aggregate.totalCount, 'data-undated': undated },
    `${aggregate.totalCount} agreement${aggregate.totalCount === 1 ? '' : 's'} with parties in different countries, by the year signed. `,
    undated
      ? h('b', {}, `${undated} of them have no single signing date in the graph`)
      : '',
    undated ? ' (sources disagree on it and each date is kept apart, or they give only an announcement date, or none), so they are counted apart rather than placed in a year. ' : '',
    'Click a bar to open one in the explorer.',
  );
  const canvas = chartCard('crossborder-years', 'Cross-border agreements over time', hint);
  canvas.after(dataTable(years, kinds, count));
  barChart(
    canvas,
    years.map((year) => year ?? NO_SIGNING_DATE),
    kinds.map((kind, i) => ({ label: kindLabel(kind), backgroundColor: KIND_COLORS[i % KIND_COLORS.length], data: years.map((year) => count(year, kind)) })),
    (index, datasetIndex) => {
      const kind = kinds[datasetIndex];
      if (kind) void openAgreement(where, kind, years[index] ?? null);
    },
    { stacked: true },
  );
}
