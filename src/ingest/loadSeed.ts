import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ZodError } from 'zod';
import { cypherQuery, cypherTemplate, type CypherQuery } from '../db/cypher';
import { ConflictError } from '../errors';
import { run, type Executor } from '../db/executor';
import { PROJECT_ROOT } from '../projectRoot';
import { refuseLikelyDuplicates, seedNodeNames } from '../entityResolution/likelyDuplicates';
import { ENTITY_LABELS, RELATIONSHIP_TYPE_NAMES } from '../domain/model';
import { relationshipId } from '../domain/properties';
import { nodeProperties, referenceProblems, seedFile, storedProperties, type SeedFile, type SeedRelationship } from './seedFile';

export const SEED_DIR = path.join(PROJECT_ROOT, 'seed');

/** Bulk loads get a longer transaction timeout than API requests. */
const SEED_TIMEOUT_MS = 300_000;

/** A seed file that cannot be loaded; `problems` name file, record and field. */
export class SeedFileError extends Error {
  override name = 'SeedFileError';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  }
}

function describeIssues(raw: unknown, error: ZodError): string[] {
  const data = raw as { nodes?: { id?: unknown }[]; relationships?: { from?: unknown; type?: unknown; to?: unknown }[] };
  const issues = [...error.issues, ...(raw && typeof raw === 'object' ? referenceProblems(raw) : [])];
  const described = issues.map((issue) => {
    const [section, index, ...field] = issue.path;
    let record = String(section ?? 'file');
    if (typeof index === 'number') {
      record += `[${index}]`;
      if (section === 'nodes' && data.nodes?.[index]?.id) record += ` (id "${String(data.nodes[index].id)}")`;
      const rel = section === 'relationships' ? data.relationships?.[index] : undefined;
      if (rel) record += ` (${String(rel.from)} ${String(rel.type)} ${String(rel.to)})`;
    } else if (index !== undefined) {
      field.unshift(index);
    }
    const where = field.length ? ` field ${field.join('.')}` : '';
    return `${record}${where}: ${issue.message}`;
  });
  return [...new Set(described)];
}

/** Reads and validates one seed file. Throws SeedFileError naming every problem. */
export function readSeedFile(file: string): SeedFile {
  const name = path.relative(process.cwd(), file) || file;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SeedFileError(name, [`not valid JSON: ${(error as Error).message}`]);
  }
  return parseSeedFile(raw, name);
}

/** Validates one seed file's parsed JSON; throws SeedFileError naming `name` and every problem. */
export function parseSeedFile(raw: unknown, name: string): SeedFile {
  const parsed = seedFile.safeParse(raw);
  if (!parsed.success) throw new SeedFileError(name, describeIssues(raw, parsed.error));
  return parsed.data;
}

/** The seed files in a folder, in name order. */
export function listSeedFiles(dir = SEED_DIR): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(dir, f));
}

export interface LoadResult {
  file: string;
  nodes: number;
  relationships: number;
}

/**
 * Rows per statement at most. Every statement text is fixed (labels and types travel
 * in the rows), so batches of any size reuse one cached plan; this bound only keeps
 * the memory of one statement in check on very large files. A longer list is cut
 * into equal batches (no one-row statement after a full one).
 */
const ROWS_PER_STATEMENT = 20_000;

function batches<T>(rows: T[]): T[][] {
  const size = Math.ceil(rows.length / Math.ceil(rows.length / ROWS_PER_STATEMENT));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** A label or type that is not in the model never reaches Cypher, not even as a parameter. */
function fromModel<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`${what} ${JSON.stringify(value)} is not in the model`);
  return value as T;
}

const mergeRelationshipsTexts = new Map<string, CypherQuery>();

/**
 * seed/mergeRelationships with its rows from `rows`: the parameter $rows (the
 * default), or a list variable of a statement it is composed into.
 */
export function mergeRelationshipsQuery(rows = '$rows'): CypherQuery {
  let query = mergeRelationshipsTexts.get(rows);
  if (!query) mergeRelationshipsTexts.set(rows, (query = cypherTemplate('seed/mergeRelationships', { rows })));
  return query;
}

/** The rows seed/mergeRelationships takes: one per relationship, of any mix of types. */
export function relationshipRows(relationships: (Pick<SeedRelationship, 'type' | 'from' | 'to' | 'key' | 'evidence'> & {
  properties: Record<string, unknown>;
  audit?: SeedRelationship['audit'];
})[]) {
  return relationships.map((r) => ({
    id: relationshipId(r),
    type: fromModel(r.type, RELATIONSHIP_TYPE_NAMES, 'relationship type'),
    from: r.from,
    to: r.to,
    props: storedProperties(r.properties),
    evidence: r.evidence,
    audit: r.audit ?? null,
  }));
}

/**
 * A load into a graph that held no entity when it began (gen, import and first
 * start into an empty database). It remembers the node and relationship ids its
 * committed files wrote, so every other id is known to be absent: those rows are
 * created (seed/createNodes, seed/createRelationships) with no lookup, lock or
 * clash check, and only ids written earlier in the load take the merge statements.
 * Valid only while nothing else writes entities; the entity_id constraint still
 * refuses a node someone else created meanwhile.
 */
export class EmptyGraphLoad {
  readonly nodeIds = new Set<string>();
  readonly relationshipIds = new Set<string>();
}

/**
 * Writes one validated seed file in a single write transaction: its source, then
 * its nodes, then its relationships, each as UNWIND batches of one fixed statement
 * (labels and types travel in the rows, so a handful of statement texts in all).
 * Idempotent: loading it again changes no counts. Either everything in the file is
 * written or nothing is; an id the graph holds under another label refuses the file.
 * With `options.emptyGraph`, rows new to that load are created instead of merged.
 */
export async function loadSeed(executor: Executor, data: SeedFile, file: string, actor = 'seed', options: LoadOptions = {}): Promise<LoadResult> {
  const sourceId = data.source.id;
  const loadStartedAt = options.loadStartedAt ?? new Date().toISOString();
  const nodeRows = data.nodes.map((n) => ({
    id: n.id,
    label: fromModel(n.label, ENTITY_LABELS, 'label'),
    props: nodeProperties(n),
    evidence: n.evidence,
    audit: n.audit ?? null,
  }));
  const relationshipRowsOfFile = relationshipRows(data.relationships);
  const fresh = options.emptyGraph;
  const [newNodes, knownNodes] = fresh ? partition(nodeRows, (r) => !fresh.nodeIds.has(r.id)) : [[], nodeRows];
  const [newRelationships, knownRelationships] = fresh
    ? partition(relationshipRowsOfFile, (r) => !fresh.relationshipIds.has(r.id))
    : [[], relationshipRowsOfFile];
  const result = await executor.writeTransaction(`seed/load`, async (tx) => {
    // with no entity in the graph yet (an empty-graph load that has written none) nothing can be a duplicate
    const graphHoldsEntities = !fresh || fresh.nodeIds.size > 0;
    if (options.refuseLikelyDuplicates && graphHoldsEntities) await refuseLikelyDuplicates(tx, seedNodeNames(data.nodes.filter((n) => !n.audit)));
    const { audit: sourceAudit, ...source } = data.source;
    await run(tx, cypherQuery('seed/mergeSource'), { source, audit: sourceAudit ?? null, actor });
    const written = async (name: string, rows: unknown[], params: Record<string, unknown>) => {
      const [row] = await run<{ written: number }>(tx, name === 'seed/mergeRelationships' ? mergeRelationshipsQuery() : cypherQuery(name), { rows, ...params });
      return Number(row?.written ?? 0);
    };
    let nodes = 0;
    for (const rows of batches(knownNodes)) {
      const clashes = await run<{ id: string; label: string; held: string[] }>(tx, cypherQuery('seed/labelClashes'), {
        rows: rows.map(({ id, label }) => ({ id, label })),
      });
      if (clashes.length > 0) {
        const described = clashes.map((c) => `"${c.id}" is labelled ${c.label} here but ${c.held.join(':')} in the graph`);
        throw new Error(`${file}: ${described.join('; ')}`);
      }
      nodes += await written('seed/mergeNodes', rows, { sourceId, actor, loadStartedAt });
    }
    for (const rows of batches(newNodes)) nodes += await written('seed/createNodes', rows, { sourceId, actor });
    let relationships = 0;
    for (const rows of batches(knownRelationships)) {
      relationships += await written('seed/mergeRelationships', rows, { sourceId, actor, touchedBy: null, loadStartedAt });
    }
    for (const rows of batches(newRelationships)) relationships += await written('seed/createRelationships', rows, { sourceId, actor });
    if (relationships !== data.relationships.length) {
      throw new Error(`${file}: only ${relationships} of ${data.relationships.length} relationships found both ends`);
    }
    return { file, nodes, relationships };
  }, { timeoutMs: SEED_TIMEOUT_MS });
  if (fresh) {
    for (const row of newNodes) fresh.nodeIds.add(row.id);
    for (const row of newRelationships) fresh.relationshipIds.add(row.id);
  }
  return result;
}

function partition<T>(rows: T[], isFirst: (row: T) => boolean): [T[], T[]] {
  const first: T[] = [];
  const rest: T[] = [];
  for (const row of rows) (isFirst(row) ? first : rest).push(row);
  return [first, rest];
}

/**
 * Reads and validates every seed file of a folder and puts them in load order
 * (see inDependencyOrder). Throws SeedFileError on the first invalid file, a
 * reference cycle, or two files that label one id differently.
 */
export function readSeedDirectory(dir = SEED_DIR): { file: string; data: SeedFile }[] {
  return inLoadOrder(listSeedFiles(dir).map((file) => ({ file, data: readSeedFile(file) })));
}

/**
 * Validated files in load order (see inDependencyOrder); throws SeedFileError on a
 * reference cycle or two files that label one id differently.
 */
export function inLoadOrder(files: { file: string; data: SeedFile }[]): { file: string; data: SeedFile }[] {
  const ordered = inDependencyOrder(files);
  checkLabelsAgree(ordered);
  return ordered;
}

/**
 * Validates every seed file first (nothing is written if any is invalid), then
 * loads each in its own transaction.
 */
export async function loadSeedDirectory(executor: Executor, dir = SEED_DIR, loadStartedAt?: string): Promise<LoadResult[]> {
  return loadSeedFiles(executor, readSeedDirectory(dir), { refuseLikelyDuplicates: true, loadStartedAt });
}

/**
 * How a seed file is written. `refuseLikelyDuplicates`: a node whose id is new to
 * the graph but whose name or alias is a live entity's (src/entityResolution/likelyDuplicates.ts)
 * refuses the file, naming both; hand-written seed folders ask for it, while an
 * export's import (whose entities were declared distinct when curated) and
 * generated graphs do not.
 */
export interface LoadOptions {
  refuseLikelyDuplicates?: boolean;
  /** Set when the graph held no entity as the load began (see EmptyGraphLoad). */
  emptyGraph?: EmptyGraphLoad;
  /** When the load run began (ISO): only what existed before it gets a raised version. Default: the file's own start. */
  loadStartedAt?: string;
}

/**
 * Loads files read by readSeedDirectory, in their order, each in its own transaction.
 * Into a graph without entities (checked once, unless `options.emptyGraph` is given)
 * new ids are created rather than merged (EmptyGraphLoad); if another writer created
 * one of them meanwhile (a uniqueness conflict), that file is written again with the
 * merge statements, and so is every later file.
 */
/** A load-run start before any instant a graph holds. */
const NOTHING_BEFORE = '0001-01-01T00:00:00Z';

export async function loadSeedFiles(executor: Executor, files: { file: string; data: SeedFile }[], options: LoadOptions = {}): Promise<LoadResult[]> {
  const emptyGraph = options.emptyGraph ?? ((await graphIsEmpty(executor)) ? new EmptyGraphLoad() : undefined);
  // Into an empty graph nothing existed before the run, so nothing it writes gets a raised version (restored audit instants included).
  const loadStartedAt = options.loadStartedAt ?? (emptyGraph ? NOTHING_BEFORE : new Date().toISOString());
  let current: LoadOptions = { ...options, loadStartedAt, emptyGraph };
  const results: LoadResult[] = [];
  for (const { file, data } of files) {
    const name = path.basename(file);
    try {
      try {
        results.push(await loadSeed(executor, data, name, 'seed', current));
      } catch (error) {
        if (!(current.emptyGraph && error instanceof ConflictError)) throw error;
        current = { ...current, emptyGraph: undefined };
        results.push(await loadSeed(executor, data, name, 'seed', current));
      }
    } catch (error) {
      throw new SeedFileError(name, [`could not be written, so nothing from it was: ${(error as Error).message}`]);
    }
  }
  return results;
}

/**
 * Orders files so that a file comes after the files defining the entities it
 * references; otherwise (and among equals) by name. A reference no file defines
 * must already be in the graph (the loader refuses the file if it is not).
 * Files that reference each other in a ring cannot be ordered: that is a
 * SeedFileError naming every file of the ring and the entity each one needs.
 */
function inDependencyOrder<T extends { file: string; data: SeedFile }>(files: T[]): T[] {
  const definedBy = new Map<string, T>();
  for (const f of files) for (const node of f.data.nodes) if (!definedBy.has(node.id)) definedBy.set(node.id, f);
  const ordered: T[] = [];
  const state = new Map<T, 'visiting' | 'done'>();
  /** The files being visited, each with the reference that led to the next one. */
  const trail: { file: T; needs: string }[] = [];
  const visit = (f: T) => {
    if (state.get(f) === 'done') return;
    if (state.get(f) === 'visiting') throw cycleError(trail.slice(trail.findIndex((step) => step.file === f)));
    state.set(f, 'visiting');
    for (const ref of f.data.references) {
      const dependency = definedBy.get(ref.id);
      if (!dependency || dependency === f) continue;
      trail.push({ file: f, needs: ref.id });
      visit(dependency);
      trail.pop();
    }
    state.set(f, 'done');
    ordered.push(f);
  };
  files.forEach(visit);
  return ordered;
}

function cycleError(ring: { file: { file: string }; needs: string }[]): SeedFileError {
  const name = (step: { file: { file: string } }) => path.basename(step.file.file);
  const links = ring.map((step, i) => `${name(step)} needs "${step.needs}", defined in ${name(ring[(i + 1) % ring.length]!)}`);
  return new SeedFileError(name(ring[0]!), [
    `references form a cycle (${[...ring, ring[0]!].map(name).join(' -> ')}), so no file can be loaded first: ${links.join('; ')}`,
  ]);
}

/** Two files that give one id different labels are refused before anything is written. */
function checkLabelsAgree(files: { file: string; data: SeedFile }[]): void {
  // the first file to label each id; one entry per id, not per mention (an export restates every node)
  const seen = new Map<string, { label: string; file: string }>();
  const check = (file: string, node: { id: string; label: string }) => {
    const earlier = seen.get(node.id);
    if (!earlier) seen.set(node.id, { label: node.label, file });
    else if (earlier.label !== node.label) {
      throw new SeedFileError(path.basename(file), [
        `nodes (id "${node.id}"): is a ${node.label} here but a ${earlier.label} in ${path.basename(earlier.file)}`,
      ]);
    }
  };
  for (const { file, data } of files) {
    for (const node of data.nodes) check(file, node);
    for (const reference of data.references) check(file, reference);
  }
}

/** True when the graph holds no entity yet (used to seed on first start). */
export async function graphIsEmpty(executor: Executor): Promise<boolean> {
  const [row] = await executor.read<{ empty: boolean }>(cypherQuery('seed/isEmpty'));
  return row?.empty ?? true;
}
