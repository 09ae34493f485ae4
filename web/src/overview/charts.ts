/** Chart helpers shared by the overview's charts: a titled card and a clickable bar chart. */
import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip,
  type ActiveElement, type ChartDataset, type ChartEvent,
} from 'chart.js';
import { h } from '../gql';
import { lang, pageUrl, t } from '../i18n';
import { countryName } from '../i18n/terms';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);
// Ticks and tooltips format numbers in the page language; text in its system font.
Chart.defaults.locale = lang();
if (typeof document !== 'undefined') Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;

/** Opens the explorer with these parameters (focus, from, to …). */
export const explore = (params: Record<string, string>): void => {
  window.location.href = pageUrl('/explore', params);
};

/** Appends a card with a title, a canvas and a hint to the chart grid; returns the canvas. */
export function chartCard(id: string, title: string, hint: string | HTMLElement): HTMLCanvasElement {
  const canvas = h('canvas', { id: `chart-${id}`, role: 'img', 'aria-label': title });
  document.getElementById('charts')!.append(
    h('div', { class: 'card chart-card', 'data-chart': id }, h('h2', {}, title), h('div', { class: 'canvas-box' }, canvas), h('p', { class: 'hint' }, hint)),
  );
  return canvas;
}

export function barChart(
  canvas: HTMLCanvasElement,
  labels: string[],
  datasets: ChartDataset<'bar', number[]>[],
  onClick: (index: number, datasetIndex: number) => void,
  options: { horizontal?: boolean; stacked?: boolean; categoryAxis?: string; valueAxis?: string; legend?: string } = {},
): Chart<'bar', number[], string> {
  const axisTitle = (text: string | undefined) => ({ display: Boolean(text), text: text ?? '' });
  const [xTitle, yTitle] = options.horizontal ? [options.valueAxis, options.categoryAxis] : [options.categoryAxis, options.valueAxis];
  const chart = new Chart<'bar', number[], string>(canvas, {
    type: 'bar',
    data: { labels, datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      indexAxis: options.horizontal ? 'y' : 'x',
      scales: {
        x: { stacked: options.stacked, ticks: { precision: 0 }, title: axisTitle(xTitle) },
        y: { stacked: options.stacked, ticks: { precision: 0, autoSkip: false }, title: axisTitle(yTitle) },
      },
      plugins: { legend: { display: datasets.length > 1, position: 'bottom', title: axisTitle(datasets.length > 1 ? options.legend : undefined) } },
      onHover: (event: ChartEvent, elements: ActiveElement[]) => {
        const target = event.native?.target as HTMLElement | undefined;
        if (target) target.style.cursor = elements.length ? 'pointer' : 'default';
      },
      onClick: (_event: ChartEvent, elements: ActiveElement[]) => {
        const first = elements[0];
        if (first) onClick(first.index, first.datasetIndex);
      },
    },
  });
  // The browser tests find where a bar is drawn (as the explorer's tests use window.__cy) and click it there.
  const charts = ((window as unknown as { __charts?: Record<string, Chart> }).__charts ??= {});
  charts[canvas.id] = chart as unknown as Chart;
  return chart;
}

export function countryLabel(code: string | null): string {
  if (!code) return t('common.unknownCountry');
  const name = countryName(code);
  return name === code ? code : `${name} (${code})`;
}

/** Country codes ordered TW, JP, then the others, unknown last. */
export function orderCountries(codes: (string | null)[]): (string | null)[] {
  const rank = (c: string | null) => (c === 'TW' ? 0 : c === 'JP' ? 1 : c === null ? 3 : 2);
  return [...new Set(codes)].sort((a, b) => rank(a) - rank(b) || String(a).localeCompare(String(b)));
}
