import { Counter, Gauge, type Registry } from 'prom-client';
import type { ManagedTransaction } from 'neo4j-driver';
import { cypherQuery, cypherTemplate } from '../../db/cypher';
import { run, type Executor } from '../../db/executor';
import { SCALAR_FIELDS } from '../../domain/entityTypes';
import { own } from '../../domain/lookup';
import { RELATIONSHIP_TYPE_NAMES } from '../../domain/model';
import { contributionQueries, hopSide, type AggregateRead, type ContributionQueries, type HopKey } from '../../translate/aggregate';

/**
 * Maintained aggregates: incremental view maintenance of the grouped counts the
 * hop-side plan computes (src/translate/aggregate.ts compileHopSide), kept by
 * each API instance from the change log in Neo4j. See docs/analyst-plans.md,
 * "Maintained aggregates", for why the answer is exact.
 */

/** Why a view was (re)built: the `reason` label of maintained_aggregate_builds_total. */
export type BuildReason = 'cold' | 'load' | 'no-targets' | 'hop-target' | 'unexplained';

/** The answer of a maintained view: the groups, sorted and cut as the compiled statement's, and the entities matched. */
export interface MaintainedAnswer {
  groups: { key: unknown[]; count: number; countDistinct: null; min: null; max: null; disputed: null }[];
  totalCount: number;
}

export interface MaintainedSettings {
  /** MAINTAINED_AGGREGATES: false answers every aggregate by its compiled statement. */
  enabled: boolean;
  /** MAINTAINED_AGGREGATES_MAX_MB in bytes: what the views kept may hold (estimated, MaintainedView.bytes), least recently used dropped first; the view in use is always kept. */
  maxBytes: number;
  /** How far back each refresh re-reads the change log: at least the longest a write transaction may run (QUERY_TIMEOUT_MS), so a change committed late with an early statusAt is still seen. */
  slackMs: number;
}

interface LoggedChange {
  id: string;
  status: string;
  kind: string;
  targetIds: string[] | null;
}

interface ChangeLog {
  now: string;
  changes: LoggedChange[];
  nodes: number;
  relationships: number;
  lastChangeId: string | null;
}

interface Contribution {
  id: string;
  matches: boolean;
  own: unknown[];
  hops: string[];
}

/** Heap per entry of the id → slot map (an id of ~40 characters, its string header and the map's entry), and per other map entry. */
const SLOT_BYTES = 96;

/** Entities whose contributions one statement reads at most. */
const CHUNK = 5_000;
/** A relationship id is `from--TYPE--to[--key]` (src/domain/properties.ts relationshipId). */
const TYPE_MARKS = RELATIONSHIP_TYPE_NAMES.map((type) => `--${type}--`);

/**
 * The ids of entities a change's targetIds can name: each id itself, and for a
 * relationship id both of its ends (every reading of an id with `--` in it, so
 * an over-approximation: recomputing an entity that did not change is harmless).
 * `entities` gets the ids that are not relationship ids.
 */
export function touchedIds(targetIds: readonly string[], into: Set<string>, entities: Set<string>): void {
  for (const id of targetIds) {
    into.add(id);
    let relationship = false;
    for (const mark of TYPE_MARKS) {
      let at = id.indexOf(mark);
      while (at > 0) {
        relationship = true;
        into.add(id.slice(0, at));
        const rest = id.slice(at + mark.length);
        into.add(rest);
        for (let cut = rest.indexOf('--'); cut > 0; cut = rest.indexOf('--', cut + 2)) into.add(rest.slice(0, cut));
        at = id.indexOf(mark, at + 1);
      }
    }
    if (!relationship) entities.add(id);
  }
}

/** Whether a `where` is only on the entity's own non-date scalar fields (AND/OR/NOT of them): then only a write to the entity itself changes whether it matches. */
function ownFieldsOnly(label: AggregateRead['label'], where: unknown): boolean {
  if (where === null || where === undefined) return true;
  if (Array.isArray(where)) return where.every((w) => ownFieldsOnly(label, w));
  if (typeof where !== 'object') return false;
  return Object.entries(where as Record<string, unknown>).every(([key, value]) => {
    if (value === null || value === undefined) return true;
    if (key === 'AND' || key === 'OR' || key === 'NOT') return ownFieldsOnly(label, value);
    const field = own(SCALAR_FIELDS[label], key);
    return !!field && field.kind !== 'date';
  });
}

/** The hop key when a maintained view can answer `read`: the hop-side plan applies, `where` is on own fields only and every own key is an own non-date scalar field. */
export function maintainable(read: AggregateRead): HopKey | null {
  if (read.plan === 'scan') return null;
  const hop = hopSide(read);
  if (!hop || !ownFieldsOnly(read.label, read.where)) return null;
  const ownKeys = read.groupBy.filter((_, i) => i !== hop.index);
  return ownKeys.every((key) => !key.bucket && own(SCALAR_FIELDS[read.label], key.field)?.kind !== undefined) ? hop : null;
}

const TYPE_RANK: Record<string, number> = { string: 0, boolean: 1, number: 2 };

/** Code-point order of two strings, as Neo4j orders text. */
function compareText(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/** Cypher's ascending ORDER BY of two key values: text, then booleans (false first), then numbers; null last. */
export function compareKeyValues(a: unknown, b: unknown): number {
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : 1;
  if (b === null || b === undefined) return -1;
  const ra = TYPE_RANK[typeof a] ?? 3;
  const rb = TYPE_RANK[typeof b] ?? 3;
  if (ra !== rb) return ra - rb;
  if (typeof a === 'string') return compareText(a, b as string);
  if (typeof a === 'boolean') return Number(a) - Number(b);
  if (typeof a === 'number') return a - (b as number);
  return compareText(JSON.stringify(a), JSON.stringify(b));
}

/** Interns values to small integers; 0 is null. */
class Interner {
  readonly values: unknown[] = [null];
  private readonly codes = new Map<string, number>();

  code(value: unknown): number {
    if (value === null || value === undefined) return 0;
    const text = `${typeof value}:${typeof value === 'string' ? value : JSON.stringify(value)}`;
    let code = this.codes.get(text);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.codes.set(text, code);
    }
    return code;
  }

  has(value: unknown): boolean {
    return this.codes.has(`${typeof value}:${typeof value === 'string' ? value : JSON.stringify(value)}`);
  }
}

interface Group {
  own: number[];
  /** Interned hop id; 0: no related entity (the null key). */
  hop: number;
  count: number;
}

/** What a view's owner is told about its work, for /metrics. */
interface ViewEvents {
  built(reason: BuildReason): void;
  refreshed(recomputed: number): void;
}

/**
 * One maintained aggregate: per entity (ids → slots), its own keys (interned,
 * in an Int32Array), whether it matches (a Uint8Array) and its related entities
 * (interned: the first in an Int32Array, any others in a map); the group
 * counts; the change-log watermark. `current()` brings it
 * up to date with the graph as of a read that started after the call.
 */
export class MaintainedView {
  private readonly queries: ContributionQueries;
  private readonly ownCount: number;
  private slots = new Map<string, number>();
  private ownCodes = new Int32Array(0);
  private matching = new Uint8Array(0);
  /** Each slot's first related entity (interned; 0: none), and the rest for the few with more than one. */
  private firstHop = new Int32Array(0);
  private moreHops = new Map<number, number[]>();
  private keys = new Interner();
  private hopIds = new Interner();
  private groups = new Map<string, Group>();
  private total = 0;
  private watermark: string | null = null;
  private seen = new Set<string>();
  private version: { nodes: number; relationships: number; lastChangeId: string | null } | null = null;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  constructor(
    private readonly executor: Executor,
    private readonly read: AggregateRead,
    private readonly hop: HopKey,
    private readonly settings: Pick<MaintainedSettings, 'slackMs'>,
    private readonly events: ViewEvents,
  ) {
    this.queries = contributionQueries(read, hop);
    this.ownCount = read.groupBy.length - 1;
  }

  /** The groups as of now: refreshed by a read of the change log that started after this call (concurrent callers share it), then sorted and cut to `first` + 1. */
  async answer(first: number): Promise<MaintainedAnswer> {
    await this.current();
    return this.groupsUpTo(first + 1);
  }

  /** Entities kept (matching or not); for tests and memory estimates. */
  get size(): number {
    return this.slots.size;
  }

  private current(): Promise<void> {
    if (!this.running) return (this.running = this.start());
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return (this.running = this.start());
      });
    return this.queued;
  }

  private start(): Promise<void> {
    const work = this.refresh();
    const clear = () => {
      if (this.running === work) this.running = null;
    };
    work.then(clear, clear);
    return work;
  }

  private async refresh(): Promise<void> {
    if (this.watermark === null) return this.build('cold');
    const recomputed = await this.executor.readTransaction('aggregate/maintainedRefresh', async (tx) => {
      const log = await this.readLog(tx, this.watermark!);
      const fresh = log.changes.filter((c) => !this.seen.has(`${c.id}:${c.status}`));
      const applied = fresh.filter((c) => c.status === 'APPROVED');
      const reason = this.rebuildReason(log, applied);
      if (reason) return reason;
      const touched = new Set<string>();
      const entities = new Set<string>();
      for (const change of applied) touchedIds(change.targetIds ?? [], touched, entities);
      if (entities.size && (await this.touchesHopTarget(tx, entities))) return 'hop-target' as const;
      const contributions = await this.contributionsOf(tx, [...touched]);
      // Nothing above has changed the view: a failed read leaves it as it was.
      for (const c of contributions) this.apply(c);
      this.advance(log);
      return contributions.length;
    });
    if (typeof recomputed === 'string') return this.build(recomputed);
    this.events.refreshed(recomputed);
  }

  /** Why the changes since the watermark cannot be applied one entity at a time, or null when they can. */
  private rebuildReason(log: ChangeLog, applied: LoggedChange[]): BuildReason | null {
    if (applied.some((c) => c.kind === 'LOAD')) return 'load';
    if (applied.some((c) => !c.targetIds?.length)) return 'no-targets';
    const before = this.version!;
    // The graph's version moved with no change in the window to explain it: a write that recorded no Change, or one older than the window.
    if (log.lastChangeId !== before.lastChangeId && !log.changes.some((c) => c.id === log.lastChangeId)) return 'unexplained';
    if (log.lastChangeId === before.lastChangeId && (log.nodes !== before.nodes || log.relationships !== before.relationships)) return 'unexplained';
    return null;
  }

  /** Whether one of `ids` is an entity of the hop's target label (live or not, or one the view has counted): its retraction, restore or merge changes many entities' contributions at once. */
  private async touchesHopTarget(tx: ManagedTransaction, ids: Set<string>): Promise<boolean> {
    if ([...ids].some((id) => this.hopIds.has(id))) return true;
    const [row] = await run<{ found: number }>(tx, cypherTemplate('aggregate/entitiesOfLabel', { label: this.hop.target }), { ids: [...ids] });
    return Number(row?.found ?? 0) > 0;
  }

  private async readLog(tx: ManagedTransaction, watermark: string): Promise<ChangeLog> {
    const [row] = await run<ChangeLog>(tx, cypherQuery('aggregate/changesSince'), { since: watermark, slackMs: this.settings.slackMs });
    return { ...row!, nodes: Number(row!.nodes), relationships: Number(row!.relationships) };
  }

  private advance(log: ChangeLog): void {
    this.watermark = log.now;
    this.seen = new Set(log.changes.map((c) => `${c.id}:${c.status}`));
    this.version = { nodes: log.nodes, relationships: log.relationships, lastChangeId: log.lastChangeId };
  }

  private async contributionsOf(tx: ManagedTransaction, ids: string[]): Promise<Contribution[]> {
    const out: Contribution[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const query = this.queries.of(ids.slice(i, i + CHUNK));
      out.push(...(await run<Contribution>(tx, query, query.params)));
    }
    return out;
  }

  /**
   * Reads every contribution: the change log's clock first (the watermark), then
   * the entity pass and the hop pass (from the related entities' side, as the
   * hop-side plan), then the changes since the watermark less the slack, applied
   * as a refresh would: a write that committed between the passes is recomputed
   * from the graph as it is after them.
   */
  private async build(reason: BuildReason): Promise<void> {
    const fresh = await this.executor.readTransaction(
      'aggregate/maintainedBuild',
      async (tx) => {
        const start = await this.readLog(tx, '9999-12-31T00:00:00Z');
        const entities = await run<{ own: unknown[]; ids: string[] }>(tx, this.queries.entities, this.queries.entities.params);
        const hops = await run<{ hop: string; ids: string[] }>(tx, this.queries.hops, this.queries.hops.params);
        const log = await this.readLog(tx, start.now);
        const touched = new Set<string>();
        for (const change of log.changes) if (change.status === 'APPROVED') touchedIds(change.targetIds ?? [], touched, new Set());
        const again = await this.contributionsOf(tx, [...touched]);
        return { entities, hops, log, again };
      },
      { timeoutMs: 120_000 },
    );
    this.reset(fresh.entities.reduce((sum, e) => sum + e.ids.length, 0));
    const related = new Map<string, string[]>();
    for (const { hop, ids } of fresh.hops) {
      for (const id of ids) {
        const hops = related.get(id);
        if (hops) hops.push(hop);
        else related.set(id, [hop]);
      }
    }
    for (const { own, ids } of fresh.entities) for (const id of ids) this.apply({ id, matches: true, own, hops: related.get(id) ?? [] });
    for (const c of fresh.again) this.apply(c);
    this.advance(fresh.log);
    this.events.built(reason);
  }

  /**
   * The heap this view holds, estimated: its typed arrays, and per entity its id
   * and map entry (SLOT_BYTES); per entity with more than one related entity, its list.
   */
  bytes(): number {
    return this.ownCodes.byteLength + this.matching.byteLength + this.firstHop.byteLength + this.slots.size * SLOT_BYTES + this.moreHops.size * SLOT_BYTES + this.groups.size * SLOT_BYTES;
  }

  private reset(capacity: number): void {
    this.slots = new Map();
    this.ownCodes = new Int32Array(Math.max(16, capacity) * this.ownCount);
    this.matching = new Uint8Array(Math.max(16, capacity));
    this.firstHop = new Int32Array(Math.max(16, capacity));
    this.moreHops = new Map();
    this.keys = new Interner();
    this.hopIds = new Interner();
    this.groups = new Map();
    this.total = 0;
  }

  private slotOf(id: string): number {
    let slot = this.slots.get(id);
    if (slot !== undefined) return slot;
    slot = this.slots.size;
    this.slots.set(id, slot);
    if (slot >= this.matching.length) {
      const grown = new Uint8Array(this.matching.length * 2);
      grown.set(this.matching);
      this.matching = grown;
      const codes = new Int32Array(grown.length * this.ownCount);
      codes.set(this.ownCodes);
      this.ownCodes = codes;
      const first = new Int32Array(grown.length);
      first.set(this.firstHop);
      this.firstHop = first;
    }
    return slot;
  }

  /** Replaces an entity's contribution: its old groups lose it, its new ones gain it. */
  private apply(c: Contribution): void {
    const slot = c.matches ? this.slotOf(c.id) : this.slots.get(c.id);
    if (slot === undefined) return;
    const ownAt = slot * this.ownCount;
    if (this.matching[slot]) {
      const old = Array.from(this.ownCodes.subarray(ownAt, ownAt + this.ownCount));
      for (const hop of [this.firstHop[slot]!, ...(this.moreHops.get(slot) ?? [])]) this.count(old, hop, -1);
      this.total--;
      this.matching[slot] = 0;
      this.firstHop[slot] = 0;
      this.moreHops.delete(slot);
    }
    if (!c.matches) return;
    const codes = c.own.map((v) => this.keys.code(v));
    this.ownCodes.set(codes, ownAt);
    const hops = [...new Set(c.hops.filter((h) => h !== null && h !== undefined))].map((h) => this.hopIds.code(h));
    this.firstHop[slot] = hops[0] ?? 0;
    if (hops.length > 1) this.moreHops.set(slot, hops.slice(1));
    this.matching[slot] = 1;
    this.total++;
    for (const hop of hops.length ? hops : [0]) this.count(codes, hop, 1);
  }

  private count(codes: number[], hop: number, delta: number): void {
    const key = `${codes.join(',')}|${hop}`;
    const group = this.groups.get(key);
    if (group) {
      group.count += delta;
      if (group.count === 0) this.groups.delete(key);
    } else {
      this.groups.set(key, { own: codes, hop, count: delta });
    }
  }

  private groupsUpTo(limit: number): MaintainedAnswer {
    const hopIndex = this.hop.index;
    const rows = [...this.groups.values()]
      .filter((g) => g.count > 0)
      .map((g) => {
        const key: unknown[] = g.own.map((code) => this.keys.values[code]);
        key.splice(hopIndex, 0, this.hopIds.values[g.hop]);
        return { key, count: g.count };
      });
    rows.sort((a, b) => {
      if (a.count !== b.count) return b.count - a.count;
      for (let i = 0; i < a.key.length; i++) {
        const c = compareKeyValues(a.key[i], b.key[i]);
        if (c !== 0) return c;
      }
      return 0;
    });
    return { groups: rows.slice(0, limit).map((r) => ({ ...r, countDistinct: null, min: null, max: null, disputed: null })), totalCount: this.total };
  }
}

/**
 * The maintained views of one API instance, one per (label, where, groupBy),
 * within `maxBytes` (least recently used dropped; the view just used is kept even
 * when it alone is larger, so an answer never waits for a rebuild it caused). `answer` returns null when
 * the read is not one a view can answer (or views are off); the caller then
 * runs the compiled statement.
 */
export class MaintainedAggregates {
  private readonly views = new Map<string, MaintainedView>();
  private readonly metrics: {
    builds: Counter<'reason'>;
    refreshes: Counter;
    recomputed: Counter;
    evictions: Counter;
  };

  constructor(
    private readonly executor: Executor,
    private readonly settings: MaintainedSettings,
    registry?: Registry,
  ) {
    const registers = registry ? [registry] : [];
    this.metrics = {
      builds: new Counter({ name: 'maintained_aggregate_builds_total', help: 'Maintained aggregate views built from every contribution, by reason (cold, load, no-targets, hop-target, unexplained).', labelNames: ['reason'] as const, registers }),
      refreshes: new Counter({ name: 'maintained_aggregate_refreshes_total', help: 'Maintained aggregate views brought up to date from the change log.', registers }),
      recomputed: new Counter({ name: 'maintained_aggregate_entities_recomputed_total', help: 'Entities whose contribution a refresh read again because a change named them.', registers }),
      evictions: new Counter({ name: 'maintained_aggregate_evictions_total', help: 'Views dropped, least recently used first, to stay within MAINTAINED_AGGREGATES_MAX_MB.', registers }),
    };
    const views = this.views;
    new Gauge({ name: 'maintained_aggregate_views', help: 'Maintained aggregate views kept.', registers, collect() { this.set(views.size); } });
    new Gauge({ name: 'maintained_aggregate_bytes', help: 'Heap the maintained aggregate views hold, estimated.', registers, collect() { this.set([...views.values()].reduce((sum, v) => sum + v.bytes(), 0)); } });
  }

  /** The answer from the view of `read` (built on first use), or null when no view answers it. */
  async answer(read: AggregateRead): Promise<MaintainedAnswer | null> {
    if (!this.settings.enabled) return null;
    const hop = maintainable(read);
    if (!hop) return null;
    const key = JSON.stringify([read.label, read.where ?? null, read.groupBy.map((k) => [k.field, k.via ?? null, k.bucket ?? null])]);
    let view = this.views.get(key);
    if (view) {
      this.views.delete(key);
    } else {
      view = new MaintainedView(this.executor, read, hop, this.settings, {
        built: (reason) => this.metrics.builds.inc({ reason }),
        refreshed: (recomputed) => {
          this.metrics.refreshes.inc();
          this.metrics.recomputed.inc(recomputed);
        },
      });
    }
    this.views.set(key, view);
    const answer = await view.answer(read.first);
    this.evictBeyondBound(view);
    return answer;
  }

  /** Drops the least recently used views other than `kept` until the rest fit in maxBytes. */
  private evictBeyondBound(kept: MaintainedView): void {
    let total = [...this.views.values()].reduce((sum, v) => sum + v.bytes(), 0);
    for (const [key, view] of this.views) {
      if (total <= this.settings.maxBytes) break;
      if (view === kept) continue;
      total -= view.bytes();
      this.views.delete(key);
      this.metrics.evictions.inc();
    }
  }
}
