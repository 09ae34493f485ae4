import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ZodError } from 'zod';
import { cypherQuery, cypherTemplate } from '../db/cypher';
import { run, type Executor } from '../db/executor';
import { PROJECT_ROOT } from '../projectRoot';
import { ENTITY_LABELS, RELATIONSHIP_TYPE_NAMES } from '../domain/model';
import { referenceProblems, seedFile, type SeedFile, type SeedNode, type SeedRelationship } from './seedFile';

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

/** The relationship id used for MERGE: stable, readable, unique per (from, type, to, key). */
export function relationshipId(rel: Pick<SeedRelationship, 'from' | 'type' | 'to' | 'key'>): string {
  return [rel.from, rel.type, rel.to, rel.key].filter(Boolean).join('--');
}

function nodeProps(node: SeedNode): Record<string, unknown> {
  const { label: _label, evidence: _evidence, audit: _audit, properties, ...core } = node;
  const props: Record<string, unknown> = { ...properties, ...core };
  for (const key of Object.keys(props)) if (props[key] === undefined) delete props[key];
  return props;
}

export interface LoadResult {
  file: string;
  nodes: number;
  relationships: number;
}

/**
 * Writes one validated seed file in a single write transaction: its source, then
 * its nodes grouped by label, then its relationships grouped by type, each group
 * one UNWIND ... MERGE statement. Idempotent: loading it again changes no counts.
 * Either everything in the file is written or nothing is.
 */
export async function loadSeed(executor: Executor, data: SeedFile, file: string, actor = 'seed'): Promise<LoadResult> {
  const sourceId = data.source.id;
  return executor.writeTransaction(`seed/load`, async (tx) => {
    const { audit: sourceAudit, ...source } = data.source;
    await run(tx, cypherQuery('seed/mergeSource'), { source, audit: sourceAudit ?? null, actor });
    let nodes = 0;
    for (const label of ENTITY_LABELS) {
      const rows = data.nodes
        .filter((n) => n.label === label)
        .map((n) => ({ id: n.id, props: nodeProps(n), evidence: n.evidence, audit: n.audit ?? null }));
      if (rows.length === 0) continue;
      const [result] = await run<{ written: number }>(tx, cypherTemplate('seed/mergeNodes', { label }), { rows, sourceId, actor });
      nodes += Number(result?.written ?? 0);
    }
    let relationships = 0;
    for (const type of RELATIONSHIP_TYPE_NAMES) {
      const rows = data.relationships
        .filter((r) => r.type === type)
        .map((r) => ({ id: relationshipId(r), from: r.from, to: r.to, props: r.properties, evidence: r.evidence, audit: r.audit ?? null }));
      if (rows.length === 0) continue;
      const [result] = await run<{ written: number }>(tx, cypherTemplate('seed/mergeRelationships', { type }), { rows, sourceId, actor });
      relationships += Number(result?.written ?? 0);
    }
    if (relationships !== data.relationships.length) {
      throw new Error(`${file}: only ${relationships} of ${data.relationships.length} relationships found both ends`);
    }
    return { file, nodes, relationships };
  }, { timeoutMs: SEED_TIMEOUT_MS });
}

/**
 * Validates every seed file first (nothing is written if any is invalid), then
 * loads each in its own transaction.
 */
export async function loadSeedDirectory(executor: Executor, dir = SEED_DIR): Promise<LoadResult[]> {
  const files = inDependencyOrder(listSeedFiles(dir).map((file) => ({ file, data: readSeedFile(file) })));
  checkLabelsAgree(files);
  const results: LoadResult[] = [];
  for (const { file, data } of files) {
    try {
      results.push(await loadSeed(executor, data, path.basename(file)));
    } catch (error) {
      throw new SeedFileError(path.basename(file), [`could not be written, so nothing from it was: ${(error as Error).message}`]);
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
  const seen = new Map<string, { label: string; file: string }>();
  for (const { file, data } of files) {
    for (const node of [...data.nodes, ...data.references]) {
      const earlier = seen.get(node.id);
      if (earlier && earlier.label !== node.label) {
        throw new SeedFileError(path.basename(file), [
          `nodes (id "${node.id}"): is a ${node.label} here but a ${earlier.label} in ${path.basename(earlier.file)}`,
        ]);
      }
      seen.set(node.id, { label: node.label, file });
    }
  }
}

/** True when the graph holds no entity yet (used to seed on first start). */
export async function graphIsEmpty(executor: Executor): Promise<boolean> {
  const [row] = await executor.read<{ empty: boolean }>(cypherQuery('seed/isEmpty'));
  return row?.empty ?? true;
}
