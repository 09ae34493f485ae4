import * as fs from 'node:fs';
import * as path from 'node:path';
import { cypherQuery } from '../db/cypher';
import { run, type Executor } from '../db/executor';
import { ENTITY_LABELS, RELATIONSHIP_TYPE_NAMES, UNVERIFYING_SOURCE_KINDS, type EntityLabel } from '../domain/model';
import { ConflictError } from '../errors';
import { relationshipId } from '../domain/properties';
import { PROJECT_ROOT } from '../projectRoot';
import {
  claimGroups,
  crossFileProblems,
  ecosystemFile,
  keptApartPairs,
  type EcosystemFile,
  type EcosystemNode,
  type ForumDefinitions,
  type NamedFile,
} from './ecosystemFile';
import { assignStored, storedProperties } from './seedFile';
import { NAME_LANGUAGE_PROPERTIES, type NameLanguageProperty } from '../domain/names';
import { aliasKeyProperties, searchKeyProperties } from '../domain/nameKeys';
import { BulkGraph } from './bulkLoad';
import { describeDuplicate, likelyDuplicatesAmong, notKeptApart, refuseLikelyDuplicates, seedNodeNames, type LikelyDuplicate, type NewEntityNames } from '../entityResolution/likelyDuplicates';
import { SEED_DIR, SeedFileError, listSeedFiles, loadSeedDirectory, readSeedDirectory, readSeedFile } from './loadSeed';

export const ECOSYSTEM_DIR = path.join(PROJECT_ROOT, 'seed', 'ecosystem');

const LOAD_TIMEOUT_MS = 300_000;

/** What one format-2 file merged: rows sent per kind (a second load reports the same). */
export interface EcosystemLoadResult {
  file: string;
  sources: number;
  nodes: number;
  relationships: number;
  claims: number;
  identities: number;
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
  if ('mention' in node) return storedProperties(node.properties);
  const { label: _l, aliases: _a, citations: _c, unverified: _u, properties, namesEn: _en, namesJa: _ja, namesZhHant: _zh, ...core } = node;
  return storedProperties({ ...properties, ...core, ...searchKeyProperties({ name: core.name }) });
}

function sourceRows(data: EcosystemFile) {
  return data.sources.map(({ id, document, ...props }) => ({ id, document, props: storedProperties(props) }));
}

/** The aliases' search and lookup keys as mergeNodes unions them: lists, empty when there is no alias. */
function aliasRowKeys(aliases: readonly string[]): { searchAliases: string[]; aliasKeys: string[] } {
  const keys = aliasKeyProperties(aliases);
  return { searchAliases: keys.searchAliases ?? [], aliasKeys: keys.aliasKeys ?? [] };
}

function nodeRows(data: EcosystemFile) {
  return data.nodes.map((n) => ({
    id: n.id,
    label: fromModel(n.label, ENTITY_LABELS, 'label'),
    props: nodeProps(n),
    aliases: n.aliases,
    ...aliasRowKeys(n.aliases),
    // Each language's names (NAME_LANGUAGE_PROPERTIES), unioned over the files as the aliases are.
    ...(Object.fromEntries(Object.values(NAME_LANGUAGE_PROPERTIES).map((key) => [key, ((n as Record<string, unknown>)[key] as string[] | undefined) ?? []])) as Record<NameLanguageProperty, string[]>),
    citations: distinct(n.citations),
  }));
}

function relationshipRows(data: EcosystemFile) {
  return data.relationships.map((r) => ({
    id: relationshipId(r),
    type: fromModel(r.type, RELATIONSHIP_TYPE_NAMES, 'relationship type'),
    from: r.from,
    to: r.to,
    props: storedProperties(r.properties),
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
 * Identity decisions as ecosystem/mergeIdentities writes them. `verdict` is
 * null: a seed file states decisions, never a reviewer's ruling.
 */
function identityRows(data: EcosystemFile) {
  return data.identities.map((d) => ({
    id: d.id,
    props: {
      decision: d.decision,
      entityIds: [...d.entities],
      names: d.decision === 'SAME' ? d.names : null,
      reason: d.reason,
      unverified: d.unverified ?? null,
    },
    verdict: null,
    citations: distinct(d.citations),
  }));
}

/**
 * Writes one validated format-2 file in a single write transaction: its sources,
 * nodes (with citations), relationships, claims, then identity decisions, each
 * one fixed statement over UNWIND rows. Idempotent (a reviewer's ruling on a
 * decision stays). Refuses the file (writing nothing from it) when an id is held
 * in the graph under another label, or a new entity is a likely duplicate of one
 * in the graph, unless `keptApart` (pairKey of ecosystemFile.ts; by default the
 * file's own PROBABLY_SAME pairs) holds the pair.
 */
export async function loadEcosystemFile(
  executor: Executor,
  data: EcosystemFile,
  file: string,
  actor = 'seed',
  keptApart: ReadonlySet<string> = keptApartPairs([data]),
  loadStartedAt = new Date().toISOString(),
): Promise<EcosystemLoadResult> {
  const sources = sourceRows(data);
  const nodes = nodeRows(data);
  const relationships = relationshipRows(data);
  const claims = claimRows(data);
  const identities = identityRows(data);
  const unverifyingKinds = [...UNVERIFYING_SOURCE_KINDS];
  return executor.writeTransaction('ecosystem/load', async (tx) => {
    const clashes = await run<{ id: string; label: string; held: string[] }>(tx, cypherQuery('ecosystem/labelClashes'), {
      rows: nodes.map(({ id, label }) => ({ id, label })),
    });
    if (clashes.length > 0) {
      throw new Error(clashes.map((c) => `"${c.id}" is labelled ${c.label} here but ${c.held.join(':')} in the graph`).join('; '));
    }
    await refuseLikelyDuplicates(tx, seedNodeNames(data.nodes), keptApart);
    const written = async (name: string, rows: unknown[]) => {
      const [result] = await run<{ written: number }>(tx, cypherQuery(name), { rows, actor, unverifyingKinds, loadStartedAt });
      return Number(result?.written ?? 0);
    };
    const result = {
      file,
      sources: await written('ecosystem/mergeSources', sources),
      nodes: await written('ecosystem/mergeNodes', nodes),
      relationships: await written('ecosystem/mergeRelationships', relationships),
      claims: await written('ecosystem/mergeClaims', claims),
      identities: await written('ecosystem/mergeIdentities', identities),
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
 * Reads and validates every format-2 file in `dir`, each alone and all together
 * with the format-1 seeds' nodes (crossFileProblems). Throws SeedFileError.
 */
function readEcosystemDirectory(dir: string, forum: ForumDefinitions[]): NamedFile[] {
  const files: NamedFile[] = listEcosystemFiles(dir).map((file) => ({ name: path.basename(file), data: readEcosystemFile(file) }));
  const problems = crossFileProblems(files, forum);
  if (problems.length > 0) throw new SeedFileError(path.basename(dir), problems);
  return files;
}

/**
 * Validates every format-2 file in `dir`, each alone and all together with the
 * format-1 seeds of `forumDir` (whose nodes count as full definitions), and checks
 * that the entities those seeds define are already in the graph. Only then loads
 * each file in its own write transaction, so a bad file means nothing is written.
 * Load the format-1 seed first (loadSeedDirectory).
 */
export async function loadEcosystemDirectory(executor: Executor, dir = ECOSYSTEM_DIR, forumDir = SEED_DIR, loadStartedAt = new Date().toISOString()): Promise<EcosystemLoadResult[]> {
  const forum: ForumDefinitions[] = listSeedFiles(forumDir).map((file) => ({ name: path.basename(file), nodes: readSeedFile(file).nodes }));
  const files = readEcosystemDirectory(dir, forum);
  const defined = new Set(files.flatMap((f) => f.data.nodes.filter((n) => !('mention' in n)).map((n) => n.id)));
  const needed = [...new Set(files.flatMap((f) => f.data.nodes.map((n) => n.id)).filter((id) => !defined.has(id)))];
  const [row] = await executor.read<{ missing: string[] }>(cypherQuery('ecosystem/missingEntities'), { ids: needed });
  if (row && row.missing.length > 0) {
    throw new SeedFileError(path.basename(dir), [`defined by the format-1 seed but not in the graph (load it first): ${row.missing.join(', ')}`]);
  }

  const results: EcosystemLoadResult[] = [];
  const keptApart = keptApartPairs(files.map((f) => f.data));
  for (const { name, data } of files) {
    try {
      results.push(await loadEcosystemFile(executor, data, name, 'seed', keptApart, loadStartedAt));
    } catch (error) {
      throw new SeedFileError(name, [`could not be written, so nothing from it was: ${(error as Error).message}`]);
    }
  }
  const agreed = agreedValues(files.map((f) => f.data));
  if (agreed.length > 0) await executor.write(cypherQuery('ecosystem/agreedValues'), { rows: agreed, loadStartedAt }, { timeoutMs: LOAD_TIMEOUT_MS });
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
  const loadStartedAt = new Date().toISOString();
  const forum = await loadSeedDirectory(executor, forumDir, loadStartedAt);
  const ecosystem = await loadEcosystemDirectory(executor, ecosystemDir, forumDir, loadStartedAt);
  return { forum, ecosystem };
}

/** Instants by property name: an ISO text from a file's audit, or null for the moment of the load (datetime()). */
type Instants = Record<string, string | null>;
type Props = Record<string, unknown>;
interface Cited {
  /** By source and evidence, as MERGE (x)-[:STATED_IN {evidence}]->(s) keeps them. */
  cited: Map<string, Citation>;
}
interface SeedGraphNode extends Cited {
  label: string;
  props: Props;
  instants: Instants;
}
interface SeedGraphRelationship {
  type: string;
  from: string;
  to: string;
  props: Props;
  instants: Instants;
}
interface SeedGraphClaim extends Cited {
  props: Props;
  instants: Instants;
  about: Set<string>;
}

const citationKey = (c: Citation) => `${c.source}\u0000${c.evidence}`;
/** The moment of the load, in BulkGraph's instants (its `now`): becomes datetime() in Cypher. */
const LOAD_TIME = '';

/**
 * The whole seed (format-1 files, then format-2 files, in load order) as the
 * per-file loaders leave it in an empty graph, built in memory so that it can be
 * written by one statement of CREATEs: format-1 files by BulkGraph (loadSeed's
 * merge rules), format-2 files by the rules of ecosystem/mergeSources, mergeNodes,
 * mergeRelationships, mergeClaims and mergeIdentities, and agreedValues last. test/firstStart.test.ts
 * compares what it writes with what the per-file loaders write.
 */
class SeedGraph {
  readonly sources = new Map<string, { props: Props; instants: Instants }>();
  readonly nodes = new Map<string, SeedGraphNode>();
  /** By type, id and ends, as mergeRelationships finds an existing one. */
  readonly relationships = new Map<string, SeedGraphRelationship>();
  readonly claims = new Map<string, SeedGraphClaim>();
  /** Identity decisions, stored as claims are (about: the entities they name). */
  readonly identities = new Map<string, SeedGraphClaim>();
  /** The pairs PROBABLY_SAME decisions keep apart (pairKey), exempt from the likely-duplicate check. */
  readonly keptApart = new Set<string>();
  private readonly unverifyingKinds: readonly string[] = UNVERIFYING_SOURCE_KINDS;

  constructor(private readonly actor: string) {}

  /** Takes over what BulkGraph built from the format-1 files; its instants become Instants. */
  addForum(bulk: BulkGraph): void {
    const split = (all: Record<string, unknown>) => {
      const props: Props = {};
      const instants: Instants = {};
      for (const [key, value] of Object.entries(all)) {
        // BulkGraph's values are scalars, string lists and its Instant, the only other object
        if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
          const iso = (value as { iso: string }).iso;
          instants[key] = iso === LOAD_TIME ? null : iso;
        } else props[key] = value;
      }
      return { props, instants };
    };
    for (const [id, props] of bulk.sources) this.sources.set(id, split(props));
    for (const [id, node] of bulk.nodes) this.nodes.set(id, { label: node.label, ...split(node.props), cited: new Map() });
    for (const { node, source, evidence } of bulk.statedIn.values()) this.nodes.get(node)?.cited.set(citationKey({ source, evidence }), { source, evidence });
    for (const [key, r] of bulk.relationships) this.relationships.set(key, { type: r.type, from: r.from, to: r.to, ...split(r.props) });
  }

  /** Adds one format-2 file as loadEcosystemFile merges it; throws where that would refuse the file. */
  addEcosystemFile(data: EcosystemFile, file: string): EcosystemLoadResult {
    const sources = sourceRows(data);
    const nodes = nodeRows(data);
    const relationships = relationshipRows(data);
    const claims = claimRows(data);
    const identities = identityRows(data);
    const clashes = nodes.filter((row) => this.nodes.has(row.id) && this.nodes.get(row.id)!.label !== row.label);
    if (clashes.length > 0) {
      throw new Error(clashes.map((row) => `"${row.id}" is labelled ${row.label} here but ${this.nodes.get(row.id)!.label} in the graph`).join('; '));
    }
    for (const row of sources) {
      let source = this.sources.get(row.id);
      if (!source) {
        source = { props: { id: row.id, createdBy: this.actor, document: row.document }, instants: { createdAt: null } };
        this.sources.set(row.id, source);
      }
      assignStored(source.props, row.props);
      const documents = (source.props.documents as string[] | undefined) ?? [];
      source.props.documents = documents.includes(row.document) ? documents : [...documents, row.document];
    }
    for (const row of nodes) {
      let node = this.nodes.get(row.id);
      if (!node) {
        node = { label: row.label, props: { id: row.id, createdBy: this.actor }, instants: { createdAt: null }, cited: new Map() };
        this.nodes.set(row.id, node);
      }
      assignStored(node.props, row.props);
      const aliases = (node.props.aliases as string[] | undefined) ?? [];
      const unioned = [...aliases, ...row.aliases.filter((a) => !aliases.includes(a))];
      assignStored(node.props, { aliases: unioned.length > 0 ? unioned : null, ...aliasKeyProperties(unioned) });
      // A name's languages are unioned over the files that tag it, as its aliases are.
      for (const key of Object.values(NAME_LANGUAGE_PROPERTIES)) {
        const had = (node.props[key] as string[] | undefined) ?? [];
        const union = [...had, ...row[key].filter((v) => !had.includes(v))];
        assignStored(node.props, { [key]: union.length > 0 ? union : null });
      }
      this.cite(node, row.citations);
      const verified = [...node.cited.values()].some((c) => !this.unverifyingKinds.includes(String(this.sources.get(c.source)?.props.kind ?? '')));
      assignStored(node.props, { unverified: verified ? null : true });
    }
    let written = 0;
    for (const row of relationships) {
      if (!this.nodes.has(row.from) || !this.nodes.has(row.to)) continue;
      written++;
      const key = row.id; // names the type and both ends (relationshipId)
      let relationship = this.relationships.get(key);
      if (!relationship) {
        relationship = { type: row.type, from: row.from, to: row.to, props: { id: row.id }, instants: {} };
        this.relationships.set(key, relationship);
      }
      const { props } = relationship;
      if (!('createdAt' in relationship.instants)) relationship.instants.createdAt = null;
      props.createdBy ??= this.actor;
      props.sourceIds ??= [];
      props.evidence ??= [];
      assignStored(props, row.props);
      const sourceIds = props.sourceIds as string[];
      const evidence = props.evidence as string[];
      const fresh = row.citations.filter((c) => !sourceIds.some((s, i) => s === c.source && evidence[i] === c.evidence));
      props.sourceIds = [...sourceIds, ...fresh.map((c) => c.source)];
      props.evidence = [...evidence, ...fresh.map((c) => c.evidence)];
      const unverified = (props.sourceIds as string[]).every((id) => this.unverifyingKinds.includes(String(this.sources.get(id)?.props.kind ?? '')));
      assignStored(props, { unverified: unverified ? true : null });
    }
    if (written !== relationships.length) throw new Error(`only ${written} of ${relationships.length} relationships found both ends`);
    for (const row of claims) {
      let claim = this.claims.get(row.id);
      if (!claim) {
        claim = { props: { id: row.id, createdBy: this.actor }, instants: { createdAt: null }, about: new Set(), cited: new Map() };
        this.claims.set(row.id, claim);
      }
      assignStored(claim.props, row.props);
      if (this.nodes.has(row.subjectId)) claim.about.add(row.subjectId);
      this.cite(claim, row.citations);
    }
    for (const row of identities) {
      let decision = this.identities.get(row.id);
      if (!decision) {
        decision = { props: { id: row.id, createdBy: this.actor, status: 'STANDING' }, instants: { createdAt: null }, about: new Set(), cited: new Map() };
        this.identities.set(row.id, decision);
      }
      assignStored(decision.props, row.props);
      for (const id of row.props.entityIds) if (this.nodes.has(id)) decision.about.add(id);
      this.cite(decision, row.citations);
    }
    for (const pair of keptApartPairs([data])) this.keptApart.add(pair);
    return { file, sources: sources.length, nodes: nodes.length, relationships: relationships.length, claims: claims.length, identities: identities.length };
  }

  /** Sets what every verified page agrees on (agreedValues) on the entities. */
  addAgreedValues(rows: { subjectId: string; props: Props }[]): void {
    for (const row of rows) {
      const node = this.nodes.get(row.subjectId);
      if (node) assignStored(node.props, row.props);
    }
  }

  /** The likely duplicates among the live entities, but for pairs a PROBABLY_SAME decision keeps apart. */
  likelyDuplicates(): LikelyDuplicate[] {
    return notKeptApart(likelyDuplicatesAmong(this.entityNames()), this.keptApart);
  }

  /** The live entities with their names, for likelyDuplicatesAmong. */
  entityNames(): NewEntityNames[] {
    return [...this.nodes.entries()]
      .filter(([, node]) => node.props.retracted !== true)
      .map(([id, node]) => ({ id, label: node.label as EntityLabel, names: namesOf(node.props) }));
  }

  /**
   * The parameters of seed/createSeedGraph: every node (sources, entities, claims, identity decisions)
   * once, and every relationship (domain ones, STATED_IN, ABOUT) with its ends as
   * positions in `nodes` and, to check them, as ids.
   */
  rows() {
    const nodes: ({ labels: string[] } & DatedRow)[] = [];
    const position = new Map<string, number>();
    const add = (key: string, labels: string[], record: { props: Props; instants: Instants }) => {
      position.set(key, nodes.length);
      nodes.push({ labels, ...datedRow(record.props, record.instants) });
    };
    for (const [id, source] of this.sources) add(`Source:${id}`, ['Source'], source);
    for (const [id, node] of this.nodes) add(`Entity:${id}`, ['Entity', node.label], node);
    for (const [id, claim] of this.claims) add(`Claim:${id}`, ['Claim'], claim);
    for (const [id, decision] of this.identities) add(`IdentityDecision:${id}`, ['IdentityDecision'], decision);
    /** `instants` null: a relationship without audit stamps (STATED_IN, ABOUT). */
    const link = (type: string, from: [string, string], to: [string, string], props: Props, instants: Instants | null) => ({
      type,
      from: position.get(from.join(':'))!,
      to: position.get(to.join(':'))!,
      fromId: from[1],
      toId: to[1],
      stamped: instants !== null,
      ...datedRow(props, instants ?? {}),
    });
    const cited = (kind: string, id: string, record: Cited) =>
      [...record.cited.values()].map((c) => link('STATED_IN', [kind, id], ['Source', c.source], { evidence: c.evidence }, null));
    const relationships = [
      ...[...this.relationships.values()].map((r) => link(r.type, ['Entity', r.from], ['Entity', r.to], r.props, r.instants)),
      ...[...this.nodes].flatMap(([id, node]) => cited('Entity', id, node)),
      ...[...this.claims].flatMap(([id, claim]) => [
        ...[...claim.about].map((subject) => link('ABOUT', ['Claim', id], ['Entity', subject], {}, null)),
        ...cited('Claim', id, claim),
      ]),
      ...[...this.identities].flatMap(([id, decision]) => [
        ...[...decision.about].map((subject) => link('ABOUT', ['IdentityDecision', id], ['Entity', subject], {}, null)),
        ...cited('IdentityDecision', id, decision),
      ]),
    ];
    return { nodes, relationships };
  }

  private cite(record: Cited, citations: Citation[]): void {
    for (const c of citations) if (this.sources.has(c.source)) record.cited.set(citationKey(c), c);
  }
}

/** A record's properties, and its instants as createSeedGraph sets them (an ISO text, or null). */
interface DatedRow {
  props: Props;
  createdAt: string | null;
  updatedAt: string | null;
  retractedAt: string | null;
}

function datedRow(props: Props, instants: Instants): DatedRow {
  const { createdAt = null, updatedAt = null, retractedAt = null, ...others } = instants;
  // BulkGraph stamps only these three (loadSeed's audit); anything else would be lost
  if (Object.keys(others).length > 0) throw new Error(`no column for the instants ${Object.keys(others).join(', ')}`);
  return { props, createdAt, updatedAt, retractedAt };
}

function namesOf(props: Props): NewEntityNames['names'] {
  const name = typeof props.name === 'string' ? [{ value: props.name, field: 'name' }] : [];
  const aliases = Array.isArray(props.aliases) ? (props.aliases as string[]) : [];
  return [...name, ...aliases.map((value, i) => ({ value, field: `aliases.${i}` }))];
}

/** Validates the whole seed and merges it in memory, as loadEverySeed would load it file by file into an empty graph. */
function buildSeedGraph(forumDir: string, ecosystemDir: string): { graph: SeedGraph; result: EverySeedResult } {
  const forumFiles = readSeedDirectory(forumDir);
  const files = readEcosystemDirectory(ecosystemDir, forumFiles.map(({ file, data }) => ({ name: path.basename(file), nodes: data.nodes })));
  const refused = (name: string, error: unknown) => new SeedFileError(name, [`could not be written, so nothing from it was: ${(error as Error).message}`]);
  const bulk = new BulkGraph();
  const forum = forumFiles.map(({ file, data }) => {
    try {
      return bulk.add(data, path.basename(file), 'seed', LOAD_TIME);
    } catch (error) {
      throw refused(path.basename(file), error);
    }
  });
  const graph = new SeedGraph('seed');
  graph.addForum(bulk);
  const ecosystem = files.map(({ name, data }) => {
    try {
      return graph.addEcosystemFile(data, name);
    } catch (error) {
      throw refused(name, error);
    }
  });
  graph.addAgreedValues(agreedValues(files.map((f) => f.data)));
  return { graph, result: { forum, ecosystem } };
}

/**
 * The likely duplicates among the live entities the whole seed defines (format-1
 * files of `forumDir` and format-2 files of `ecosystemDir`), each id with every
 * name and alias the seed gives it, checked pair by pair (likelyDuplicatesAmong),
 * but for pairs a PROBABLY_SAME identity decision keeps apart.
 * No database. Throws SeedFileError when a file is invalid.
 */
export function likelyDuplicatesInSeed(forumDir = SEED_DIR, ecosystemDir = ECOSYSTEM_DIR): LikelyDuplicate[] {
  return buildSeedGraph(forumDir, ecosystemDir).graph.likelyDuplicates();
}

/**
 * First start: loads the whole seed (as loadEverySeed) into a graph that holds no
 * entity yet, in one transaction of one statement. The files are validated and
 * merged in memory first (SeedGraph) and the result is written by CREATEs, so one
 * statement text is planned instead of several per file, and nothing is looked up
 * per row.
 *
 * Likely duplicates are not looked up in Neo4j (loadEverySeed runs full-text
 * queries per file): the graph holds no entity, so every entity such a lookup
 * could find is one this load writes, and those are checked here against each
 * other, every pair of them, in memory (likelyDuplicatesAmong, decided by the same
 * closeness), which refuses the seed before anything is written. The caller must
 * have found the graph empty (first start checks before the server listens, so only
 * another process could write in between: a second instance seeding the same
 * database makes this CREATE fail on a uniqueness constraint, below).
 * test/firstStart.test.ts runs the same check over the shipped seed, so a bad seed
 * file also fails CI. If another writer created one of the ids meanwhile (a
 * uniqueness conflict), nothing is written and the seed is loaded file by file
 * with loadEverySeed instead, lookups included.
 */
export async function loadEverySeedIntoEmptyGraph(executor: Executor, forumDir = SEED_DIR, ecosystemDir = ECOSYSTEM_DIR): Promise<EverySeedResult> {
  const { graph, result } = buildSeedGraph(forumDir, ecosystemDir);
  const duplicates = graph.likelyDuplicates();
  if (duplicates.length > 0) {
    throw new SeedFileError(path.basename(forumDir), [
      `likely duplicates within the seed (reuse one id, or merge them): ${duplicates.slice(0, 10).map(describeDuplicate).join('; ')}`,
    ]);
  }
  const rows = graph.rows();
  try {
    await executor.writeTransaction('seed/createSeedGraph', async (tx) => {
      const [written] = await run<{ relationships: number }>(tx, cypherQuery('seed/createSeedGraph'), rows);
      if (Number(written?.relationships) !== rows.relationships.length) {
        throw new Error(`only ${Number(written?.relationships)} of ${rows.relationships.length} relationships found their two ends where the rows say`);
      }
    }, { timeoutMs: LOAD_TIMEOUT_MS });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    return loadEverySeed(executor, forumDir, ecosystemDir);
  }
  return result;
}
