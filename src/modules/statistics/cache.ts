import type { Executor } from '../../db/executor';
import { computeStatistics, type StatisticsRecord } from './repository';

/**
 * Serves the dashboard aggregates from memory for `maxAgeMs`, then recomputes
 * them. Concurrent requests during a recomputation share it. Writes call
 * invalidate() so curators see their changes at once.
 */
export class StatisticsCache {
  private value?: { record: StatisticsRecord; at: number };
  private pending?: Promise<StatisticsRecord>;

  constructor(
    private readonly executor: Executor,
    readonly maxAgeMs: number,
  ) {}

  async get(): Promise<StatisticsRecord> {
    if (this.value && Date.now() - this.value.at < this.maxAgeMs) return this.value.record;
    this.pending ??= computeStatistics(this.executor)
      .then((record) => {
        this.value = { record, at: Date.now() };
        return record;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  invalidate(): void {
    this.value = undefined;
  }
}
