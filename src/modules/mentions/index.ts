import { createHash } from 'node:crypto';
import { cypherQuery } from '../../db/cypher';
import type { Executor } from '../../db/executor';
import { MentionDictionary } from './dictionary';

/** How often, at most, a request checks whether the graph changed since the dictionary was built. */
const CHECK_EVERY_MS = 2_000;

/**
 * The mention dictionary of one API process, built from the graph on first use
 * and rebuilt in the background when the graph's version (counts and newest
 * change) moves; requests meanwhile use the previous one. Only one build runs
 * at a time, streaming the names so the answer is never held whole.
 */
export class MentionIndex {
  private current: { dictionary: MentionDictionary; version: string } | undefined;
  private building: Promise<{ dictionary: MentionDictionary; version: string }> | undefined;
  private checkedAt = 0;

  constructor(
    private readonly executor: Executor,
    private readonly maxNames: number,
  ) {}

  /** The dictionary to use now. */
  async dictionary(): Promise<MentionDictionary> {
    if (!this.current) return (await this.build()).dictionary;
    if (performance.now() - this.checkedAt > CHECK_EVERY_MS) {
      this.checkedAt = performance.now();
      // Checked in the background: no request waits for the version query.
      const built = this.current.version;
      void this.version()
        .then((version) => (version !== built && !this.building ? this.build() : undefined))
        .catch(() => undefined);
    }
    return this.current.dictionary;
  }

  private async version(): Promise<string> {
    const [row] = await this.executor.read(cypherQuery('httpCache/graphVersion'), {}, { timeoutMs: 2_000 });
    return createHash('sha256').update(JSON.stringify(row ?? {})).digest('base64url');
  }

  private build(): Promise<{ dictionary: MentionDictionary; version: string }> {
    this.building ??= (async () => {
      const version = await this.version();
      const dictionary = new MentionDictionary(this.maxNames);
      await this.executor.stream<{ id: string; label: string; name: string | null; aliases: string[] }>(
        cypherQuery('mentions/names'),
        {},
        (row) => dictionary.add(row.id, row.label, row.name ?? '', row.aliases ?? []),
        { timeoutMs: 120_000 },
      );
      this.current = { dictionary, version };
      this.checkedAt = performance.now();
      return this.current;
    })().finally(() => (this.building = undefined));
    return this.building;
  }
}
