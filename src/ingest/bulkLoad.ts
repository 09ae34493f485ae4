import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { importIntoStoppedInstance, storeIsAbsent } from '../localNeo4j/bulkImport';
import { cypherQuery } from '../db/cypher';
import { createDriver } from '../db/driver';
import { Executor } from '../db/executor';
import { localNeo4jStatus, startLocalNeo4j, stopLocalNeo4j, type LocalInstance } from '../localNeo4j/server';
import { applyMigrations } from '../db/migrations';
import type { EntityLabel } from '../domain/model';
import { relationshipRows, type LoadResult } from './loadSeed';
import { assignStored, nodeProperties, type Audit, type SeedFile } from './seedFile';

/**
 * The offline bulk path for an empty database of the project's local server:
 * seed files become the graph the transactional loader (loadSeed) would write,
 * held in memory, then node and relationship CSV files for `neo4j-admin database
 * import full`; the server is stopped for the import and started again, the
 * migrations are applied, and the rare values CSV cannot carry are set by Cypher.
 */

/** An instant as the loader stores it: a Neo4j DATETIME, kept here as its ISO text. */
class Instant {
  constructor(readonly iso: string) {}
}
type Value = string | number | boolean | string[] | Instant;
type Props = Record<string, Value>;

interface NodeRecord {
  label: EntityLabel;
  props: Props;
}
interface RelationshipRecord {
  type: string;
  from: string;
  to: string;
  props: Props;
}

/** Sets the audit updates and retraction of a record the way seed/mergeNodes and seed/mergeRelationships do. */
function applyAudit(props: Props, audit: Audit | undefined): void {
  if (audit?.updatedAt !== undefined) {
    props.updatedAt = new Instant(audit.updatedAt);
    assignStored(props, { updatedBy: audit.updatedBy });
  }
  if (audit?.retractedAt !== undefined) {
    props.retracted = true;
    props.retractedAt = new Instant(audit.retractedAt);
    assignStored(props, { retractedBy: audit.retractedBy, retractionReason: audit.retractionReason });
  }
}

function definedOnly(record: Record<string, unknown>): Props {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Props;
}

/**
 * A graph as the transactional loader would leave it after loading the same seed
 * files in the same order into an empty database: Sources, entities (:Entity and
 * their label), STATED_IN with its evidence, relationships with parallel
 * sourceIds/evidence lists, and the audit stamps (`now` and the actor where a file
 * carries none).
 */
export class BulkGraph {
  readonly sources = new Map<string, Props>();
  readonly nodes = new Map<string, NodeRecord>();
  /** Keyed by entity id and source id; the value is the evidence. */
  readonly statedIn = new Map<string, { node: string; source: string; evidence: string }>();
  /** Keyed by relationship id, which names the type and both ends (relationshipId). */
  readonly relationships = new Map<string, RelationshipRecord>();

  /** Adds one validated seed file as loadSeed writes it (same merge rules, same counts); throws where loadSeed would refuse it. */
  add(data: SeedFile, file: string, actor = 'seed', now = new Date().toISOString()): LoadResult {
    const { audit: sourceAudit, ...source } = data.source;
    let sourceProps = this.sources.get(source.id);
    if (!sourceProps) {
      sourceProps = { createdAt: new Instant(sourceAudit?.createdAt ?? now), createdBy: sourceAudit?.createdBy ?? actor };
      this.sources.set(source.id, sourceProps);
    }
    Object.assign(sourceProps, definedOnly(source));

    const clashes = data.nodes.filter((n) => this.nodes.has(n.id) && this.nodes.get(n.id)!.label !== n.label);
    if (clashes.length > 0) {
      const described = clashes.map((n) => `"${n.id}" is labelled ${n.label} here but ${this.nodes.get(n.id)!.label} in the graph`);
      throw new Error(`${file}: ${described.join('; ')}`);
    }
    for (const node of data.nodes) {
      let record = this.nodes.get(node.id);
      if (!record) {
        record = { label: node.label, props: { createdAt: new Instant(node.audit?.createdAt ?? now), createdBy: node.audit?.createdBy ?? actor } };
        this.nodes.set(node.id, record);
      }
      assignStored(record.props, nodeProperties(node));
      applyAudit(record.props, node.audit);
      this.statedIn.set(`${node.id}\u0000${source.id}`, { node: node.id, source: source.id, evidence: node.evidence });
    }

    let relationships = 0;
    for (const row of relationshipRows(data.relationships)) {
      if (!this.nodes.has(row.from) || !this.nodes.has(row.to)) continue;
      relationships++;
      const key = row.id; // names the type and both ends (relationshipId)
      let record = this.relationships.get(key);
      if (!record) {
        record = { type: row.type, from: row.from, to: row.to, props: { id: row.id } };
        this.relationships.set(key, record);
      }
      const props = record.props;
      props.createdAt ??= new Instant(row.audit?.createdAt ?? now);
      props.createdBy ??= row.audit?.createdBy ?? actor;
      const sourceIds = (props.sourceIds as string[] | undefined) ?? [];
      const evidence = (props.evidence as string[] | undefined) ?? [];
      if (sourceIds.includes(source.id)) {
        props.evidence = sourceIds.map((s, i) => (s === source.id ? row.evidence : evidence[i]!));
      } else {
        props.evidence = [...evidence, row.evidence];
        props.sourceIds = [...sourceIds, source.id];
      }
      assignStored(props, row.props);
      applyAudit(props, row.audit ?? undefined);
    }
    if (relationships !== data.relationships.length) {
      throw new Error(`${file}: only ${relationships} of ${data.relationships.length} relationships found both ends`);
    }
    return { file, nodes: data.nodes.length, relationships };
  }
}

// ---------------------------------------------------------------- CSV files

/** Between list elements; a value holding it is set by Cypher after the import instead. */
const LIST_DELIMITER = '\u001f';

function csvType(value: Value): string {
  if (value instanceof Instant) return 'datetime';
  if (Array.isArray(value)) return 'string[]';
  // as Executor's toCypherValue sends numbers: safe integers as Cypher integers
  if (typeof value === 'number') return Number.isSafeInteger(value) ? 'long' : 'double';
  return typeof value;
}

/**
 * Whether the CSV importer reads the value back unchanged: it skips an empty
 * field, so an empty list (and a list of one empty string) cannot be written, nor
 * can a list element holding the delimiter.
 */
function csvCarries(value: Value): boolean {
  if (!Array.isArray(value)) return true;
  if (value.length === 0 || (value.length === 1 && value[0] === '')) return false;
  return value.every((element) => !element.includes(LIST_DELIMITER));
}

const quoted = (text: string) => `"${text.replaceAll('"', '""')}"`;

function csvField(value: Value): string {
  if (value instanceof Instant) return value.iso;
  if (Array.isArray(value)) return quoted(value.join(LIST_DELIMITER));
  if (typeof value === 'string') return quoted(value);
  return String(value);
}

/**
 * One CSV file per header: records of one label (or type) with the same property
 * names and types. Lines go to their file as they come, a buffer at a time, so
 * a million-record graph is not held twice in memory (as records and as text).
 */
interface CsvGroup {
  labels: readonly string[];
  /** The property columns after the leading ones, in header order. */
  keys: string[];
  file: string;
  fd: number;
  pending: string[];
  pendingLength: number;
}

class CsvGroups {
  /** By header (one file each). */
  private readonly groups = new Map<string, CsvGroup>();
  /** By labels, leading header and property names and types in the record's own key order: no sort per record. */
  private readonly byShape = new Map<string, CsvGroup>();
  multiline = false;

  constructor(
    private readonly dir: string,
    private readonly prefix: string,
  ) {}

  add(labels: readonly string[], leading: { header: string; fields: string }, props: Props, skip: ReadonlySet<string>): void {
    let shape = `${labels.join(':')}|${leading.header}`;
    for (const key in props) if (!skip.has(key)) shape += `|${key}:${csvType(props[key]!)}`;
    let group = this.byShape.get(shape);
    if (!group) {
      group = this.groupFor(labels, leading.header, props, skip);
      this.byShape.set(shape, group);
    }
    let line = leading.fields;
    for (const key of group.keys) line += `,${csvField(props[key]!)}`;
    if (!this.multiline && /[\r\n]/.test(line)) this.multiline = true;
    group.pending.push(line);
    group.pendingLength += line.length;
    if (group.pendingLength > 1 << 20) this.flush(group);
  }

  private groupFor(labels: readonly string[], leadingHeader: string, props: Props, skip: ReadonlySet<string>): CsvGroup {
    const keys = Object.keys(props).filter((k) => !skip.has(k)).sort();
    const header = [leadingHeader, ...keys.map((k) => `${k}:${csvType(props[k]!)}`)].join(',');
    const signature = `${labels.join(':')}|${header}`;
    let group = this.groups.get(signature);
    if (!group) {
      const file = path.join(this.dir, `${this.prefix}-${this.groups.size}.csv`);
      group = { labels, keys, file, fd: fs.openSync(file, 'w'), pending: [header], pendingLength: header.length };
      this.groups.set(signature, group);
    }
    return group;
  }

  /** Writes what is pending and closes every file; returns each file with the labels of its records. */
  close(): { labels: readonly string[]; file: string }[] {
    return [...this.groups.values()].map((group) => {
      this.flush(group);
      fs.closeSync(group.fd);
      return { labels: group.labels, file: group.file };
    });
  }

  private flush(group: CsvGroup): void {
    if (group.pending.length === 0) return;
    fs.writeSync(group.fd, `${group.pending.join('\n')}\n`);
    group.pending = [];
    group.pendingLength = 0;
  }
}

export interface CsvExport {
  nodes: { labels: readonly string[]; file: string }[];
  relationships: string[];
  multilineFields: boolean;
  /** Values set by Cypher after the import, per entity id, per source or per relationship. */
  nodePatches: { id: string; props: Props }[];
  sourcePatches: { id: string; props: Props }[];
  relationshipPatches: { id: string; from: string; to: string; props: Props }[];
}

/** Writes the graph as CSV files for `neo4j-admin database import full` into `dir`. */
export function writeCsv(graph: BulkGraph, dir: string): CsvExport {
  const nodes = new CsvGroups(dir, 'nodes');
  const relationships = new CsvGroups(dir, 'relationships');
  const nodePatches: CsvExport['nodePatches'] = [];
  const relationshipPatches: CsvExport['relationshipPatches'] = [];
  const sourcePatches: CsvExport['sourcePatches'] = [];
  const uncarried = (props: Props) => new Set(Object.keys(props).filter((k) => !csvCarries(props[k]!)));
  const patchOf = (props: Props, keys: Set<string>) => Object.fromEntries([...keys].map((k) => [k, props[k]!]));
  try {
    for (const [id, props] of graph.sources) {
      const { id: _id, ...rest } = props;
      const skip = uncarried(rest);
      if (skip.size > 0) sourcePatches.push({ id, props: patchOf(rest, skip) });
      nodes.add(['Source'], { header: 'id:ID(Source)', fields: quoted(id) }, rest, skip);
    }
    for (const [id, { label, props }] of graph.nodes) {
      const { id: _id, ...rest } = props;
      const skip = uncarried(rest);
      if (skip.size > 0) nodePatches.push({ id, props: patchOf(rest, skip) });
      nodes.add(['Entity', label], { header: 'id:ID(Entity)', fields: quoted(id) }, rest, skip);
    }
    for (const { node, source, evidence } of graph.statedIn.values()) {
      relationships.add([], { header: ':START_ID(Entity),:END_ID(Source),:TYPE', fields: `${quoted(node)},${quoted(source)},STATED_IN` }, { evidence }, new Set());
    }
    for (const { type, from, to, props } of graph.relationships.values()) {
      const skip = uncarried(props);
      if (skip.size > 0) relationshipPatches.push({ id: props.id as string, from, to, props: patchOf(props, skip) });
      relationships.add([type], { header: ':START_ID(Entity),:END_ID(Entity),:TYPE', fields: `${quoted(from)},${quoted(to)},${type}` }, props, skip);
    }
  } catch (error) {
    nodes.close();
    relationships.close();
    throw error;
  }
  return {
    nodes: nodes.close(),
    relationships: relationships.close().map((r) => r.file),
    multilineFields: nodes.multiline || relationships.multiline,
    nodePatches,
    sourcePatches,
    relationshipPatches,
  };
}

// ---------------------------------------------------------------- loading

const PATCH_ROWS = 10_000;

async function setUncarriedValues(executor: Executor, csv: CsvExport): Promise<number> {
  let written = 0;
  const patch = async (name: string, rows: unknown[]) => {
    for (let i = 0; i < rows.length; i += PATCH_ROWS) {
      const [result] = await executor.write<{ written: number }>(cypherQuery(name), { rows: rows.slice(i, i + PATCH_ROWS) }, { timeoutMs: 300_000 });
      written += Number(result?.written ?? 0);
    }
  };
  await patch('seed/bulkSetNodeProperties', csv.nodePatches);
  await patch('seed/bulkSetSourceProperties', csv.sourcePatches);
  await patch('seed/bulkSetRelationshipProperties', csv.relationshipPatches);
  return written;
}

/**
 * Below this many relationships the loader (creating new ids into an empty graph)
 * finishes first: the bulk path pays a server restart, index builds and list patches
 * whatever the size (10,000 organizations, 93,616 relationships: 25-29 s by the
 * loader against 45-50 s in bulk; 1,052,797: 169 s against 131 s; docs/benchmarks.md).
 */
export const BULK_MIN_RELATIONSHIPS = 300_000;

/** Why a load of `relationships` is not worth the bulk path (see BULK_MIN_RELATIONSHIPS), or undefined when it is. */
export function bulkNotWorthIt(relationships: number): string | undefined {
  return relationships < BULK_MIN_RELATIONSHIPS
    ? `${relationships.toLocaleString('en')} relationships are fewer than ${BULK_MIN_RELATIONSHIPS.toLocaleString('en')}, where the loader is faster (--bulk to take it anyway)`
    : undefined;
}

/**
 * Why the bulk path cannot load into this target, or undefined when it can: it
 * must be the project's local instance, and its database must hold nothing but
 * migration records (checked through `executor` when the server runs).
 */
export async function bulkRefusal(instance: LocalInstance | undefined, executor: Executor | undefined): Promise<string | undefined> {
  if (!instance) return 'the target is not a local instance of this project (the bulk import needs its store on this disk)';
  if (!localNeo4jStatus(instance).running) {
    return storeIsAbsent(instance) ? undefined : `local instance "${instance.name}" is stopped with a store; start it so its contents can be checked`;
  }
  if (!executor) return `no connection to local instance "${instance.name}"`;
  const [row] = await executor.read<{ empty: boolean }>(cypherQuery('seed/holdsOnlyMigrations'));
  return row?.empty ? undefined : `the database of local instance "${instance.name}" is not empty`;
}

export interface BulkLoadReport {
  nodes: number;
  relationships: number;
  /** Seconds of each step; `patch` is the values CSV cannot carry, set after the migrations. */
  seconds: { build: number; csv: number; beforeImport: number; stop: number; import: number; start: number; migrations: number; patch: number; after: number; total: number };
}

export interface BulkLoadOptions {
  database?: string;
  /** Must resolve before the store is replaced (after the CSV is written), e.g. validation still running elsewhere; if it rejects, nothing is imported. */
  beforeImport?: () => Promise<void>;
  /** Runs on the restarted, migrated database before the report (e.g. restoring an audit log). */
  after?: (executor: Executor) => Promise<void>;
  log?: (line: string) => void;
}

/**
 * Loads a graph into the empty database of a local instance by the offline
 * bulk path. The server is stopped first (while `build` makes the graph), the CSV
 * files replace the store, the server is started and the migrations applied. The
 * caller checks bulkRefusal first and closes its own connections. If anything fails
 * before the import, the server is started again with its store untouched.
 */
export async function loadInBulk(
  instance: LocalInstance,
  build: () => BulkGraph | Promise<BulkGraph>,
  options: BulkLoadOptions = {},
): Promise<BulkLoadReport> {
  const log = options.log ?? (() => undefined);
  const clock = { at: performance.now() };
  const lap = () => {
    const now = performance.now();
    const seconds = (now - clock.at) / 1000;
    clock.at = now;
    return seconds;
  };
  const began = clock.at;
  const wasRunning = localNeo4jStatus(instance).running;
  // a synchronous build blocks the event loop, and the stop's grace period runs on it
  const stopping = stopLocalNeo4j(instance, 600_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regen-bulk-'));
  const seconds = { build: 0, csv: 0, beforeImport: 0, stop: 0, import: 0, start: 0, migrations: 0, patch: 0, after: 0, total: 0 };
  try {
    let graph: BulkGraph;
    let csv: CsvExport;
    try {
      graph = await build();
      seconds.build = lap();
      csv = writeCsv(graph, dir);
      seconds.csv = lap();
      await options.beforeImport?.();
      seconds.beforeImport = lap();
      await stopping;
      seconds.stop = lap();
    } catch (error) {
      await stopping;
      if (wasRunning) await startLocalNeo4j(instance);
      throw error;
    }
    log(`bulk import: ${graph.nodes.size + graph.sources.size} nodes, ${graph.relationships.size + graph.statedIn.size} relationships in ${csv.nodes.length + csv.relationships.length} CSV files`);
    const imported = await importIntoStoppedInstance(instance, { ...csv, arrayDelimiter: LIST_DELIMITER });
    seconds.import = lap();
    log(`neo4j-admin: ${imported.importerSaid} (${seconds.import.toFixed(1)} s with its JVM)`);
    const conn = await startLocalNeo4j(instance);
    seconds.start = lap();
    const database = options.database ?? 'neo4j';
    const driver = createDriver({ ...conn, database }, { NEO4J_MAX_POOL_SIZE: 4, NEO4J_ACQUISITION_TIMEOUT_MS: 60_000, NEO4J_MAX_RETRY_MS: 30_000 });
    try {
      const executor = new Executor(driver, { database, timeoutMs: 300_000 });
      // The graph this load wrote carries its names' languages: migration 012 has nothing to backfill.
      await applyMigrations(executor, { '012_name_languages': async () => {} });
      seconds.migrations = lap();
      await setUncarriedValues(executor, csv);
      seconds.patch = lap();
      await options.after?.(executor);
      seconds.after = lap();
    } finally {
      await driver.close();
    }
    seconds.total = (performance.now() - began) / 1000;
    return { nodes: graph.nodes.size, relationships: graph.relationships.size, seconds };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
