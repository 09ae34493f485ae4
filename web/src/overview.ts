/**
 * The overview page: the dashboard statistics as charts (./overview/statistics),
 * what changed this week (./overview/recentChanges), cross-border agreements
 * over time (./overview/crossBorder) and the open conflicts between sources
 * (./overview/conflicts), each linking into the explorer, the timeline across
 * entities and the CSV exports.
 */
import { gql, h } from './gql';
import { localizePage, pageUrl, t, tNodes } from './i18n';
import { renderConflicts } from './overview/conflicts';
import { renderCrossBorderAgreements } from './overview/crossBorder';
import { renderRecentChanges } from './overview/recentChanges';
import { renderStatistics, STATISTICS, type StatisticsData } from './overview/statistics';
import './style.css';
import './overview.css';

function showError(what: string, error: Error): void {
  const el = document.getElementById('freshness')!;
  el.className = 'error';
  el.textContent = t('overview.couldNotLoad', { what, message: error.message });
}

async function main(): Promise<void> {
  localizePage();
  document.getElementById('intro')!.replaceChildren(...tNodes('overview.intro', {
    explorer: h('a', { href: pageUrl('/explore') }, t('overview.introExplorer')),
    graphql: h('a', { href: pageUrl('/graphql') }, t('common.nav.graphql')),
  }));
  document.getElementById('intro')!.after(h('p', { id: 'timeline-intro' }, ...tNodes('overview.timelineIntro', {
    timeline: h('a', { href: pageUrl('/timeline') }, t('overview.timelinePage')),
    laws: h('a', { id: 'taiwan-laws', href: pageUrl('/timeline', { type: 'POLICY', country: 'TW' }) }, t('overview.taiwanLaws')),
  })));
  let data: StatisticsData;
  try {
    data = await gql<StatisticsData>(STATISTICS);
  } catch (error) {
    showError(t('overview.parts.statistics'), error as Error);
    return;
  }
  renderStatistics(data);
  const parts: [string, () => Promise<void>][] = [
    [t('overview.parts.changes'), () => renderRecentChanges()],
    [t('overview.parts.crossBorder'), renderCrossBorderAgreements],
    [t('overview.parts.conflicts'), renderConflicts],
  ];
  for (const [what, render] of parts) {
    try {
      await render();
    } catch (error) {
      showError(what, error as Error);
    }
  }
}

void main();
