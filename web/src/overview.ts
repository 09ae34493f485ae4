/**
 * The overview page: the dashboard statistics as charts (./overview/statistics)
 * and cross-border agreements over time (./overview/crossBorder), each linking
 * into the explorer.
 */
import { gql } from './gql';
import { renderCrossBorderAgreements } from './overview/crossBorder';
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
  try {
    await renderCrossBorderAgreements(data.countries.map((c) => c.code));
  } catch (error) {
    showError('cross-border agreements', error as Error);
  }
}

void main();
