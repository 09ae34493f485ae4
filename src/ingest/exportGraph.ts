import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { cypherQuery } from '../db/cypher';
import { run, type Executor } from '../db/executor';
import { IDENTITY_DECISION_KINDS, IDENTITY_STATUSES, RELATIONSHIP_TYPE_NAMES, type EntityLabel } from '../domain/model';
import { slug } from '../domain/writeSchemas';
import type { NameLanguage } from '../domain/language';
import { languagesOfName } from '../domain/names';
import { AUDIT_PROPERTIES, BOOKKEEPING_PROPERTIES, COMMON_PROPERTIES, LABEL_PROPERTIES, entityLabelOf, plainValue, relationshipId } from '../domain/properties';
import type { Audit, SeedFile } from './seedFile';

export interface GraphExport {
  /** One seed file per source, in the format seed/ uses. */
  files: { name: string; data: SeedFile }[];
  /** The audit log (Change entries), oldest first. */
  changes: Record<string, unknown>[];
  /** What each applied change did to each target, field by field (Revision entries). */
  revisions: Record<string, unknown>[];
  /** Values sources give that are kept apart (conflicts among them), as ecosystem/mergeClaims rows. */
  claims: ClaimRow[];
  /** Identity decisions with a reviewer's ruling when there is one, as ecosystem/mergeIdentities rows. */
  identities: IdentityRow[];
  /** What state of the graph the files hold (written as audit/manifest.json). */
  manifest: ExportManifest;
}

/** Says which state of the graph an export holds. */
export interface ExportManifest {
  exportedAt: string;
  /** The graph version every read saw: node and relationship counts and the latest audit entry. */
  graphVersion: Record<string, unknown>;
  /** Reads it took: a write that committed meanwhile made the export read everything again. */
  attempts: number;
  /** Which guarantee the export gives: one state, or files and an audit cut to them. */
  consistency: string;
  /** Changes committed after the files were read and so left out of the audit (0 for one state). */
  changesLeftOut: number;
}

/** How often an export reads the graph again when writes keep committing meanwhile, and how long it waits first (ms, times the attempt). */
const SNAPSHOT_ATTEMPTS = 3;
const SNAPSHOT_BACKOFF_MS = 200;

const ONE_STATE =
  'one state of the graph: its version (node and relationship counts, latest audit entry) was the same before and after every read, ' +
  'so no write through the API (each adds a Change) committed while the files were read, and every change in audit/changes.json names what the files hold';
const CHANGES_CUT =
  'writes kept committing while the files were read: the audit was read after the files, and changes naming a record the files do not hold ' +
  '(committed after the files were read) were left out, so every change in audit/changes.json names what the files hold';

/** One claim as ecosystem/mergeClaims writes it. */
export interface ClaimRow {
  id: string;
  subjectId: string;
  props: Record<string, unknown>;
  citations: { source: string; evidence: string }[];
}

/** One identity decision as ecosystem/mergeIdentities writes it (`verdict`: a reviewer's ruling, null while STANDING). */
export interface IdentityRow {
  id: string;
  props: Record<string, unknown>;
  verdict: { status: string; by: string; at: string; note: string; sourceId: string | null } | null;
  citations: { source: string; evidence: string }[];
}

/** Derived from the sources' kinds, but exported so a re-import needs no recomputation. */
const EXPORTED_BOOKKEEPING = new Set(['unverified']);
const exported = (key: string) => !BOOKKEEPING_PROPERTIES.has(key) || EXPORTED_BOOKKEEPING.has(key);

function auditOf(props: Record<string, unknown>): Audit | undefined {
  const entries = AUDIT_PROPERTIES.filter((k) => props[k] !== undefined && props[k] !== null).map((k) => [k, String(plainValue(props[k]))]);
  return entries.length ? (Object.fromEntries(entries) as Audit) : undefined;
}

function splitNode(label: EntityLabel, props: Record<string, unknown>) {
  const core: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if (key !== 'id' && !exported(key)) continue;
    if ((COMMON_PROPERTIES as readonly string[]).includes(key) || LABEL_PROPERTIES[label].includes(key)) core[key] = plainValue(value);
    else extra[key] = plainValue(value);
  }
  Object.assign(core, taggedNameFields(props));
  return { core, extra };
}

/**
 * The name's language and the aliases with theirs, as the seed formats state
 * them: `nameLanguage` (the first of the name's), and each alias as
 * `{ value, lang }` once per language (an untagged one as text).
 */
function taggedNameFields(props: Record<string, unknown>): { nameLanguage?: NameLanguage; aliases?: (string | { value: string; lang: NameLanguage })[] } {
  if (typeof props.name !== 'string') return {};
  const aliases = Array.isArray(props.aliases) ? props.aliases.map(String) : [];
  const [nameLanguage] = languagesOfName(props, props.name);
  const entries = aliases.flatMap((value) => languagesOfName(props, value).map((lang) => (lang === 'und' ? value : { value, lang })));
  return { ...(nameLanguage && nameLanguage !== 'und' ? { nameLanguage } : {}), ...(entries.length ? { aliases: entries } : {}) };
}

/**
 * Reads the whole graph back into seed files, one per source: each entity in the
 * file of every source that stated it (with that source's evidence), each
 * relationship in the file of every source in its sourceIds, and entities a
 * file's relationships need but another source stated as `references`. Audit
 * fields travel along, so loading the export into an empty graph rebuilds the
 * same graph. Holds the graph in memory: meant for graphs up to a few million
 * records.
 *
 * One state: Neo4j reads committed data statement by statement, so a write
 * committing between two reads would leave changes naming records the files
 * lack. The graph version is read before and after the reads, in the same
 * transaction; when it moved, everything is read again. If writes still keep
 * committing on the last attempt, the export does not fail: the audit, read
 * after the files, keeps only changes whose records the files hold, and the
 * manifest says how many it left out.
 */
export async function exportGraph(executor: Executor): Promise<GraphExport> {
  for (let attempt = 1; ; attempt++) {
    const last = attempt === SNAPSHOT_ATTEMPTS;
    const read = await readGraph(executor, last);
    if (read) {
      const consistency = read.changesLeftOut === null ? ONE_STATE : CHANGES_CUT;
      const manifest = { exportedAt: new Date().toISOString(), graphVersion: read.version, attempts: attempt, consistency, changesLeftOut: read.changesLeftOut ?? 0 };
      return { ...read.graph, manifest };
    }
    await new Promise((resolve) => setTimeout(resolve, SNAPSHOT_BACKOFF_MS * attempt));
  }
}

const graphVersion = async (tx: Parameters<Parameters<Executor['readTransaction']>[1]>[0]) =>
  (await run<Record<string, unknown>>(tx, cypherQuery('httpCache/graphVersion')))[0] ?? {};

/** Every file's rows, read in one transaction; null when the graph version moved meanwhile. */
async function readGraph(executor: Executor, cutChanges: boolean): Promise<{ graph: Omit<GraphExport, 'manifest'>; version: Record<string, unknown>; changesLeftOut: number | null } | null> {
  return executor.readTransaction(
    'export/all',
    async (tx) => {
      const version = await graphVersion(tx);
      const sources = await run<{ props: Record<string, unknown> }>(tx, cypherQuery('export/sources'));
      const statements = await run<{ sourceId: string; labels: string[]; props: Record<string, unknown>; evidence: string }>(
        tx,
        cypherQuery('export/statements'),
      );
      const relationships = await run<{
        from: string;
        type: string;
        to: string;
        fromLabels: string[];
        toLabels: string[];
        props: Record<string, unknown>;
      }>(tx, cypherQuery('export/relationships'), { types: RELATIONSHIP_TYPE_NAMES });
      const changes = await run<{ props: Record<string, unknown> }>(tx, cypherQuery('export/changes'));
      const revisions = await run<{ props: Record<string, unknown> }>(tx, cypherQuery('export/revisions'));
      const claims = await run<ClaimRow>(tx, cypherQuery('export/claims'));
      const identities = await run<IdentityRow>(tx, cypherQuery('export/identities'));
      const moved = JSON.stringify(await graphVersion(tx)) !== JSON.stringify(version);
      if (moved && !cutChanges) return null;

      const files = new Map<string, SeedFile>();
      for (const { props } of sources) {
        const { createdAt, createdBy, ...source } = props;
        files.set(String(props.id), {
          source: { ...(source as SeedFile['source']), audit: auditOf({ createdAt, createdBy }) },
          nodes: [],
          references: [],
          relationships: [],
        });
      }
      for (const s of statements) {
        const file = files.get(s.sourceId);
        // A page that states one entity twice, with two notes, travels as one citation joining both.
        const stated = file?.nodes.find((n) => n.id === s.props.id);
        if (stated) {
          stated.evidence = `${stated.evidence} ${s.evidence}`;
          continue;
        }
        const label = entityLabelOf(s.labels);
        const { core, extra } = splitNode(label, s.props);
        file?.nodes.push({ label, ...core, evidence: s.evidence, properties: extra, audit: auditOf(s.props) } as never);
      }
      const stated = new Set(statements.map((st) => String(st.props.id)));
      // With writes committing meanwhile, a relationship read later may reach an entity the statements missed.
      for (const r of moved ? relationships.filter((x) => stated.has(x.from) && stated.has(x.to)) : relationships) {
        const ids = (r.props.sourceIds as string[] | undefined) ?? [];
        const notes = (r.props.evidence as string[] | undefined) ?? [];
        const base = relationshipId({ from: r.from, type: r.type, to: r.to });
        const id = String(r.props.id);
        const key = id.startsWith(`${base}--`) ? id.slice(base.length + 2) : undefined;
        const properties = Object.fromEntries(Object.entries(r.props).filter(([k]) => exported(k)).map(([k, v]) => [k, plainValue(v)]));
        ids.forEach((sourceId, i) => {
          const file = files.get(sourceId);
          if (!file) return;
          // Likewise a page that states one relationship twice (two digests read it): one citation joining both notes.
          const twice = file.relationships.find((x) => x.type === r.type && x.from === r.from && x.to === r.to && x.key === key);
          if (twice) {
            twice.evidence = `${twice.evidence} ${notes[i] ?? ''}`.trim();
            return;
          }
          file.relationships.push({ type: r.type, from: r.from, to: r.to, key, evidence: notes[i] ?? '', properties, audit: auditOf(r.props) } as never);
          for (const [end, labels] of [[r.from, r.fromLabels], [r.to, r.toLabels]] as const) {
            if (!file.nodes.some((n) => n.id === end) && !file.references.some((x) => x.id === end)) {
              file.references.push({ id: end, label: entityLabelOf(labels) });
            }
          }
        });
      }
      const held = new Set([...files.keys(), ...stated, ...identities.map((d) => d.id), ...relationships.filter((x) => stated.has(x.from) && stated.has(x.to)).map((r) => String(r.props.id))]);
      const kept = moved ? changes.filter((c) => ((c.props.targetIds as string[] | undefined) ?? []).every((id) => held.has(id))) : changes;
      const keptIds = new Set(kept.map((c) => String(c.props.id)));
      const graph = {
        files: [...files.values()].flatMap(inLoadableParts),
        changes: kept.map((c) => Object.fromEntries(Object.entries(c.props).map(([k, v]) => [k, plainValue(v)]))),
        revisions: revisions
          .filter((r) => keptIds.has(String(r.props.changeId)))
          .map((r) => Object.fromEntries(Object.entries(r.props).map(([k, v]) => [k, plainValue(v)]))),
        claims: claims.map((c) => ({ ...c, props: Object.fromEntries(Object.entries(c.props).filter(([k]) => k !== 'id' && !(AUDIT_PROPERTIES as readonly string[]).includes(k)).map(([k, v]) => [k, plainValue(v)])) })),
        identities,
      };
      return { graph, version, changesLeftOut: moved ? changes.length - kept.length : null };
    },
    { timeoutMs: 300_000 },
  );
}

/**
 * A source's file, split so that files can always be loaded in some order. Two
 * sources may each state a relationship to an entity only the other states, so
 * their files would reference each other. `<date>-<source>.json` therefore holds
 * the source's entities and the relationships among them (no references), and
 * `<date>-<source>.links.json`, when needed, the relationships that reach entities
 * other files define, with both ends as references (the first file already stated
 * the source's own entities; restating them only made the import read them twice).
 * Every entity is then defined by a file without references, listed before any
 * file that needs it.
 */
function inLoadableParts(data: SeedFile): { name: string; data: SeedFile }[] {
  const name = `${data.source.publishedOn ?? 'undated'}-${data.source.id}`;
  const plain = (file: SeedFile) => JSON.parse(JSON.stringify(file)) as SeedFile;
  if (data.references.length === 0) return [{ name: `${name}.json`, data: plain(data) }];
  const own = new Set(data.nodes.map((n) => n.id));
  const inner = data.relationships.filter((r) => own.has(r.from) && own.has(r.to));
  const outer = data.relationships.filter((r) => !(own.has(r.from) && own.has(r.to)));
  const ends = new Set(outer.flatMap((r) => [r.from, r.to]));
  const ownEnds = data.nodes.filter((n) => ends.has(n.id)).map((n) => ({ id: n.id, label: n.label }));
  return [
    { name: `${name}.json`, data: plain({ ...data, references: [], relationships: inner }) },
    { name: `${name}.links.json`, data: plain({ ...data, nodes: [], references: [...data.references, ...ownEnds], relationships: outer }) },
  ];
}

/**
 * Writes an export as a directory: the seed files, audit/changes.json and audit/revisions.json,
 * audit/manifest.json (which state it holds), claims/claims.json and
 * identities/identities.json.
 */
export function writeExport(dir: string, graph: GraphExport): void {
  fs.mkdirSync(path.join(dir, 'audit'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'claims'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'identities'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'identities', 'identities.json'), `${JSON.stringify(graph.identities, null, 2)}\n`);
  for (const { name, data } of graph.files) fs.writeFileSync(path.join(dir, name), `${JSON.stringify(data, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, 'audit', 'changes.json'), `${JSON.stringify(graph.changes, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, 'audit', 'revisions.json'), `${JSON.stringify(graph.revisions, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, 'audit', 'manifest.json'), `${JSON.stringify(graph.manifest, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, 'claims', 'claims.json'), `${JSON.stringify(graph.claims, null, 2)}\n`);
}

const claimRows = z.array(
  z
    .object({
      id: z.string().min(1).max(200),
      subjectId: z.string().min(1).max(200),
      props: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
      citations: z.array(z.object({ source: z.string().min(1), evidence: z.string() }).strict()).min(1),
    })
    .strict(),
);

/**
 * Restores the claims of an export directory, if it has them, after its seed
 * files are loaded (claims cite their sources and are about their entities).
 * Idempotent (MERGE on the claim id). Throws naming the file when it is malformed.
 */
export async function importClaims(executor: Executor, dir: string): Promise<number> {
  const file = path.join(dir, 'claims', 'claims.json');
  if (!fs.existsSync(file)) return 0;
  const parsed = claimRows.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`claims/claims.json: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  if (parsed.data.length === 0) return 0;
  const [result] = await executor.write<{ written: number }>(cypherQuery('ecosystem/mergeClaims'), { rows: parsed.data, actor: 'import', loadStartedAt: null }, { timeoutMs: 300_000 });
  return result?.written ?? 0;
}

const identityRows = z.array(
  z
    .object({
      id: slug,
      props: z
        .object({
          decision: z.enum(IDENTITY_DECISION_KINDS),
          entityIds: z.array(slug).min(1).max(2),
          names: z.array(z.string().min(1).max(300)).max(10).nullable(),
          reason: z.string().min(1).max(1200),
          unverified: z.literal(true).nullable(),
        })
        .strict(),
      verdict: z
        .object({
          status: z.enum(IDENTITY_STATUSES).exclude(['STANDING']),
          by: z.string().min(1).max(300),
          at: z.iso.datetime({ offset: true }),
          note: z.string().min(1).max(600),
          sourceId: slug.nullable(),
        })
        .strict()
        .nullable(),
      citations: z.array(z.object({ source: z.string().min(1), evidence: z.string() }).strict()).min(1),
    })
    .strict(),
);

/**
 * Restores the identity decisions of an export directory, if it has them, after
 * its seed files are loaded (a decision cites its sources and is about its
 * entities): each with its status and the reviewer's ruling, ABOUT the entities
 * it names that the graph holds. Idempotent (MERGE on the decision id). Throws
 * naming the file when it is malformed.
 */
export async function importIdentityDecisions(executor: Executor, dir: string): Promise<number> {
  const file = path.join(dir, 'identities', 'identities.json');
  if (!fs.existsSync(file)) return 0;
  const parsed = identityRows.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`identities/identities.json: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  if (parsed.data.length === 0) return 0;
  const [result] = await executor.write<{ written: number }>(cypherQuery('ecosystem/mergeIdentities'), { rows: parsed.data, actor: 'import' }, { timeoutMs: 300_000 });
  return result?.written ?? 0;
}

/** Restores the audit log of an export directory, if it has one, with its revisions. Idempotent (MERGE on the entry id). */
export async function importChanges(executor: Executor, dir: string): Promise<number> {
  const file = path.join(dir, 'audit', 'changes.json');
  if (!fs.existsSync(file)) return 0;
  const changes = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>[];
  const rows = changes.map(({ id, at, ...props }) => ({ id, at, props }));
  if (rows.length === 0) return 0;
  const [result] = await executor.write<{ written: number }>(cypherQuery('seed/mergeChanges'), { rows }, { timeoutMs: 300_000 });
  await importRevisions(executor, dir);
  return result?.written ?? 0;
}

/** Restores what each change did, field by field (audit/revisions.json), so history survives a round trip. Idempotent. */
async function importRevisions(executor: Executor, dir: string): Promise<number> {
  const file = path.join(dir, 'audit', 'revisions.json');
  if (!fs.existsSync(file)) return 0;
  const revisions = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>[];
  const rows = revisions.map(({ changeId, targetId, version, at, ...props }) => ({ changeId, targetId, version, at, props }));
  if (rows.length === 0) return 0;
  const [result] = await executor.write<{ written: number }>(cypherQuery('seed/mergeRevisions'), { rows }, { timeoutMs: 300_000 });
  // the version each target had is the version of its latest revision
  const versions: Record<string, number> = {};
  const kinds = new Map<string, unknown>();
  for (const r of revisions) {
    const id = String(r.targetId);
    versions[id] = Math.max(versions[id] ?? 0, Number(r.version));
    kinds.set(id, r.targetKind);
  }
  const ids = (kind: string) => [...kinds].filter(([, k]) => k === kind).map(([id]) => id);
  await executor.write(cypherQuery('seed/restoreVersions'), { versions, entityIds: ids('entity'), relationshipIds: ids('relationship') }, { timeoutMs: 300_000 });
  return result?.written ?? 0;
}
