import type { Executor } from '../../db/executor';
import { computeStatistics, type StatisticsRecord } from './repository';

/**
 * Serves the dashboard aggregates from memory for `maxAgeMs`, then recomputes
 * them. Concurrent requests during a recomputation share it. Writes call
 * invalidate() so curators see their changes at once; with a graph version
 * (useVersion, the server sets it) a write through any API instance also makes
 * the next read recompute, since the kept record belongs to the version it was
 * computed at.
 */
export class StatisticsCache {
  private value?: { record: StatisticsRecord; at: number; version: string | null };
  private pending?: { record: Promise<StatisticsRecord>; version: string | null };
  private version?: { fresh(): Promise<string> };

  constructor(
    private readonly executor: Executor,
    readonly maxAgeMs: number,
  ) {}

  /** Keys the kept record on the graph version read from Neo4j (src/http/httpCache.ts GraphVersion). */
  useVersion(version: { fresh(): Promise<string> }): void {
    this.version = version;
  }

  async get(): Promise<StatisticsRecord> {
    const version = this.version ? await this.version.fresh().catch(() => null) : null;
    if (this.value && Date.now() - this.value.at < this.maxAgeMs && (version === null || this.value.version === version)) return this.value.record;
    // A computation under way joins only callers of its version: one begun before a write must not answer after it.
    if (this.pending && this.pending.version === version) return this.pending.record;
    const record = computeStatistics(this.executor)
      .then((computed) => {
        this.value = { record: computed, at: Date.now(), version };
        return computed;
      })
      .finally(() => {
        if (this.pending?.record === record) this.pending = undefined;
      });
    this.pending = { record, version };
    return record;
  }

  invalidate(): void {
    this.value = undefined;
  }
}
