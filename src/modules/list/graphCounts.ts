import type { Executor } from '../../db/executor';
import type { EntityLabel } from '../../domain/model';
import { chooseAnchor, countKeys, countKeyText, anchorCandidates, type Anchor, type CountKey } from '../../translate/anchor';
import { compiled, cypher, fixedVariable, indent, join, lines, name, type Fragment } from '../../translate/cypher';

/** The graph version's source: src/http/httpCache.ts GraphVersion. */
export interface VersionSource {
  current(): Promise<string>;
}

/** Counts are re-read when the graph version changed, but at most once per this many ms: they only steer speed, never an answer. */
const MIN_REFRESH_MS = 10_000;

/**
 * Counts from Neo4j's count store (entities per label; relationships per type
 * from a labelled end), read in O(1) each, kept per graph version, for the anchor
 * choice (src/translate/anchor.ts). `choose` returns the anchor a list's `where`
 * should start from, or null for a scan of the label; anchors off: always null.
 */
export class AnchorChooser {
  private counts = new Map<string, number>();
  private version: string | null = null;
  private readAt = 0;

  constructor(
    private readonly executor: Executor,
    private readonly graphVersion: VersionSource,
    readonly enabled = true,
  ) {}

  async choose(label: EntityLabel, where: Record<string, unknown> | null | undefined): Promise<Anchor | null> {
    if (!this.enabled || !where) return null;
    const candidates = anchorCandidates(label, where);
    if (!candidates.length) return null;
    await this.ensure(countKeys(label, candidates));
    return chooseAnchor(label, where, (key) => this.counts.get(countKeyText(key)));
  }

  private async ensure(keys: CountKey[]): Promise<void> {
    const version = await this.graphVersion.current().catch(() => this.version);
    if (version !== this.version && performance.now() - this.readAt > MIN_REFRESH_MS) {
      this.counts = new Map();
      this.version = version;
      this.readAt = performance.now();
    }
    const missing = [...new Map(keys.map((k) => [countKeyText(k), k])).values()].filter((k) => !this.counts.has(countKeyText(k)));
    if (!missing.length) return;
    const query = countQuery(missing);
    const [row] = await this.executor.read<Record<string, number>>(query, query.params, { timeoutMs: 2_000 });
    missing.forEach((key, i) => this.counts.set(countKeyText(key), Number(row?.[`c${i}`] ?? 0)));
  }
}

/** One statement of count-store reads: `c<i>` for each key. */
function countQuery(keys: CountKey[]) {
  const parts: Fragment[] = keys.map((key, i) => {
    const c = fixedVariable(`c${i}`);
    const pattern = !('type' in key)
      ? cypher`MATCH (:${name(key.label)})`
      : key.direction === 'OUT'
        ? cypher`MATCH (:${name(key.label)})-[:${name(key.type)}]->()`
        : cypher`MATCH (:${name(key.label)})<-[:${name(key.type)}]-()`;
    return lines([cypher`CALL () {`, indent(cypher`${pattern} RETURN count(*) AS ${c}`), cypher`}`]);
  });
  return compiled('anchorCounts', lines([...parts, cypher`RETURN ${join(keys.map((_, i) => fixedVariable(`c${i}`)), ', ')}`]));
}
