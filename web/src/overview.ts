/**
 * The overview page: the dashboard statistics as charts (./overview/statistics),
 * what changed this week (./overview/recentChanges), cross-border agreements
 * over time (./overview/crossBorder) and the open conflicts between sources
 * (./overview/conflicts), each linking into the explorer.
 */
import { gql } from './gql';
import { renderConflicts } from './overview/conflicts';
import { renderCrossBorderAgreements } from './overview/crossBorder';
import { renderRecentChanges } from './overview/recentChanges';
import { renderStatistics, STATISTICS, type StatisticsData } from './overview/statistics';
import './style.css';
import './overview.css';

function showError(what: string, error: Error): void {
  const el = document.getElementById('freshness')!;
  el.className = 'error';
  el.textContent = `Could not load ${what}: ${error.message}`;
}

async function main(): Promise<void> {
  let data: StatisticsData;
  try {
    data = await gql<StatisticsData>(STATISTICS);
  } catch (error) {
    showError('statistics', error as Error);
    return;
  }
  renderStatistics(data);
  const parts: [string, () => Promise<void>][] = [
    ['what changed this week', () => renderRecentChanges()],
    ['cross-border agreements', renderCrossBorderAgreements],
    ['conflicts', renderConflicts],
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
