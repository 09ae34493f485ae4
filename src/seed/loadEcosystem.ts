import * as fs from 'node:fs';
import * as path from 'node:path';
import { cypherQuery } from '../db/cypher';
import { run, type Executor } from '../db/executor';
import { ENTITY_LABELS, RELATIONSHIP_TYPE_NAMES, UNVERIFYING_SOURCE_KINDS } from '../domain/model';
import { relationshipId } from '../domain/properties';
import { PROJECT_ROOT } from '../projectRoot';
import {
  claimGroups,
  crossFileProblems,
  ecosystemFile,
  type EcosystemFile,
  type EcosystemNode,
  type ForumDefinitions,
  type NamedFile,
} from './ecosystemFile';
import { refuseLikelyDuplicates, seedNodeNames } from './likelyDuplicates';
import { SEED_DIR, SeedFileError, listSeedFiles, loadSeedDirectory, readSeedFile } from './loadSeed';

export const ECOSYSTEM_DIR = path.join(PROJECT_ROOT, 'seed', 'ecosystem');

const LOAD_TIMEOUT_MS = 300_000;

/** What one format-2 file merged: rows sent per kind (a second load reports the same). */
export interface EcosystemLoadResult {
  file: string;
  sources: number;
  nodes: number;
  relationships: number;
  claims: number;
}

type Citation = { source: string; evidence: string };

/** A page citing one fact twice with the same words is one citation. */
function distinct(citations: Citation[]): Citation[] {
  const seen = new Set<string>();
  return citations.filter((c) => {
    const key = JSON.stringify([c.source, c.evidence]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A label or type that is not in the model never reaches Cypher, not even as a parameter. */
function fromModel(value: string, allowed: readonly string[], what: string): string {
  if (!allowed.includes(value)) throw new Error(`${what} ${JSON.stringify(value)} is not in the model`);
  return value;
}

/**
 * The properties a node occurrence writes: a mention only its `properties`; a
 * full definition also its name, description, kind, country and label fields.
 * Aliases, citations and the unverified mark are stored separately.
 */
function nodeProps(node: EcosystemNode): Record<string, unknown> {
  if ('mention' in node) return { ...node.properties };
  const { label: _l, aliases: _a, citations: _c, unverified: _u, properties, ...core } = node;
  const props: Record<string, unknown> = { ...properties, ...core };
  for (const key of Object.keys(props)) if (props[key] === undefined) delete props[key];
  return props;
}

function sourceRows(data: EcosystemFile) {
  return data.sources.map(({ id, document, ...props }) => ({ id, document, props }));
}

function nodeRows(data: EcosystemFile) {
  return data.nodes.map((n) => ({
    id: n.id,
    label: fromModel(n.label, ENTITY_LABELS, 'label'),
    props: nodeProps(n),
    aliases: n.aliases,
    citations: distinct(n.citations),
  }));
}

function relationshipRows(data: EcosystemFile) {
  return data.relationships.map((r) => ({
    id: relationshipId(r),
    type: fromModel(r.type, RELATIONSHIP_TYPE_NAMES, 'relationship type'),
    from: r.from,
    to: r.to,
    props: r.properties,
    citations: distinct(r.citations),
  }));
}

/** Scalars are stored as given; anything else as its JSON text. */
function storedValue(value: unknown): unknown {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : JSON.stringify(value);
}

function claimRows(data: EcosystemFile) {
  return data.claims.map((c) => ({
    id: c.id,
    subjectId: typeof c.subject === 'string' ? c.subject : c.subject.from,
    props: {
      property: c.property,
      value: storedValue(c.value),
      valueEntity: c.valueEntity ?? null,
      asOf: c.asOf ?? null,
      note: c.note ?? null,
      unverified: c.unverified ?? null,
      subjectRelationshipId: typeof c.subject === 'string' ? null : relationshipId(c.subject),
    },
    citations: distinct(c.citations),
  }));
}

/**
 * Writes one validated format-2 file in a single write transaction: its sources,
 * nodes (with citations), relationships, then claims, each one fixed statement
 * over UNWIND rows. Idempotent. Refuses the file (writing nothing from it) when
 * an id is held in the graph under another label.
 */
export async function loadEcosystemFile(executor: Executor, data: EcosystemFile, file: string, actor = 'seed'): Promise<EcosystemLoadResult> {
  const sources = sourceRows(data);
  const nodes = nodeRows(data);
  const relationships = relationshipRows(data);
  const claims = claimRows(data);
  const unverifyingKinds = [...UNVERIFYING_SOURCE_KINDS];
  return executor.writeTransaction('ecosystem/load', async (tx) => {
    const clashes = await run<{ id: string; label: string; held: string[] }>(tx, cypherQuery('ecosystem/labelClashes'), {
      rows: nodes.map(({ id, label }) => ({ id, label })),
    });
    if (clashes.length > 0) {
      throw new Error(clashes.map((c) => `"${c.id}" is labelled ${c.label} here but ${c.held.join(':')} in the graph`).join('; '));
    }
    await refuseLikelyDuplicates(tx, seedNodeNames(data.nodes));
    const written = async (name: string, rows: unknown[]) => {
      const [result] = await run<{ written: number }>(tx, cypherQuery(name), { rows, actor, unverifyingKinds });
      return Number(result?.written ?? 0);
    };
    const result = {
      file,
      sources: await written('ecosystem/mergeSources', sources),
      nodes: await written('ecosystem/mergeNodes', nodes),
      relationships: await written('ecosystem/mergeRelationships', relationships),
      claims: await written('ecosystem/mergeClaims', claims),
    };
    if (result.relationships !== relationships.length) {
      throw new Error(`only ${result.relationships} of ${relationships.length} relationships found both ends`);
    }
    return result;
  }, { timeoutMs: LOAD_TIMEOUT_MS });
}

/** Reads and validates one format-2 file on its own. Throws SeedFileError naming every problem. */
export function readEcosystemFile(file: string): EcosystemFile {
  const name = path.basename(file);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SeedFileError(name, [`not valid JSON: ${(error as Error).message}`]);
  }
  const parsed = ecosystemFile.safeParse(raw);
  if (!parsed.success) {
    throw new SeedFileError(name, parsed.error.issues.map((issue) => `${issue.path.join('.') || 'file'}: ${issue.message}`));
  }
  return parsed.data;
}

/** The format-2 files in a folder, in name order. */
export function listEcosystemFiles(dir = ECOSYSTEM_DIR): string[] {
  return listSeedFiles(dir);
}

/**
 * Validates every format-2 file in `dir`, each alone and all together with the
 * format-1 seeds of `forumDir` (whose nodes count as full definitions), and checks
 * that the entities those seeds define are already in the graph. Only then loads
 * each file in its own write transaction, so a bad file means nothing is written.
 * Load the format-1 seed first (loadSeedDirectory).
 */
export async function loadEcosystemDirectory(executor: Executor, dir = ECOSYSTEM_DIR, forumDir = SEED_DIR): Promise<EcosystemLoadResult[]> {
  const files: NamedFile[] = listEcosystemFiles(dir).map((file) => ({ name: path.basename(file), data: readEcosystemFile(file) }));
  const forum: ForumDefinitions[] = listSeedFiles(forumDir).map((file) => ({ name: path.basename(file), nodes: readSeedFile(file).nodes }));
  const problems = crossFileProblems(files, forum);
  if (problems.length > 0) throw new SeedFileError(path.basename(dir), problems);

  const defined = new Set(files.flatMap((f) => f.data.nodes.filter((n) => !('mention' in n)).map((n) => n.id)));
  const needed = [...new Set(files.flatMap((f) => f.data.nodes.map((n) => n.id)).filter((id) => !defined.has(id)))];
  const [row] = await executor.read<{ missing: string[] }>(cypherQuery('ecosystem/missingEntities'), { ids: needed });
  if (row && row.missing.length > 0) {
    throw new SeedFileError(path.basename(dir), [`defined by the format-1 seed but not in the graph (load it first): ${row.missing.join(', ')}`]);
  }

  const results: EcosystemLoadResult[] = [];
  for (const { name, data } of files) {
    try {
      results.push(await loadEcosystemFile(executor, data, name));
    } catch (error) {
      throw new SeedFileError(name, [`could not be written, so nothing from it was: ${(error as Error).message}`]);
    }
  }
  const agreed = agreedValues(files.map((f) => f.data));
  if (agreed.length > 0) await executor.write(cypherQuery('ecosystem/agreedValues'), { rows: agreed }, { timeoutMs: LOAD_TIMEOUT_MS });
  return results;
}

/**
 * The entity properties every verified page agrees on, across files: claims on
 * one property of one entity that do not conflict (src/domain/claims.ts) and are
 * not a series over time. For a date, the most precise value (2020-05-15 over
 * 2020-05). Values only unverified pages give stay claims.
 */
export function agreedValues(files: EcosystemFile[]): { subjectId: string; props: Record<string, unknown> }[] {
  return claimGroups(files).flatMap((group) => {
    const verified = group.claims.filter((c) => !c.unverified);
    if (group.conflict || verified.length === 0 || typeof verified[0]!.subject !== 'string') return [];
    if (new Set(verified.map((c) => c.asOf ?? '')).size > 1) return [];
    const value = verified.map((c) => c.value).reduce((best, v) => (String(v).length > String(best).length ? v : best));
    return [{ subjectId: verified[0]!.subject, props: { [group.property]: value } }];
  });
}

/** What `loadEverySeed` wrote: the format-1 files, then the format-2 ecosystem files. */
export interface EverySeedResult {
  forum: Awaited<ReturnType<typeof loadSeedDirectory>>;
  ecosystem: EcosystemLoadResult[];
}

/**
 * Loads the whole seed: the format-1 files of seed/ (the forum article), then the
 * ecosystem files of seed/ecosystem/, which mention entities the first defines.
 * Idempotent: a second run changes nothing. Used by first start and `npm run seed`.
 */
export async function loadEverySeed(executor: Executor, forumDir = SEED_DIR, ecosystemDir = ECOSYSTEM_DIR): Promise<EverySeedResult> {
  const forum = await loadSeedDirectory(executor, forumDir);
  const ecosystem = await loadEcosystemDirectory(executor, ecosystemDir, forumDir);
  return { forum, ecosystem };
}
