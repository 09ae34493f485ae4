import type { ManagedTransaction } from 'neo4j-driver';
import { cypherQuery, cypherTemplate, type CypherQuery } from '../../db/cypher';
import type { CandidateRow } from '../../entityResolution/likelyDuplicates';
import { run } from '../../db/executor';
import { RELATIONSHIP_TYPE_NAMES } from '../../domain/model';
import { NAME_INDEX_PROPERTIES, entityLabelOf, plainValue } from '../../domain/properties';
import { AppError, ErrorCode } from '../../errors';

/**
 * Versions and revisions: every entity and relationship carries a `version`
 * (1 for one a loader wrote and nobody changed since; absent means 0, it does not
 * exist), and every write through curation or an approved changeset leaves one
 * (:Revision) per target it changed, with the fields before and after. A write
 * that names the version it was based on is refused with CONFLICT when the target
 * has moved on: no update is lost without its author being told.
 */

type Tx = ManagedTransaction;
export type TargetKind = 'entity' | 'relationship';

/** A target a write names, and the version its author saw (undefined: not checked). */
export interface Base {
  id: string;
  kind: TargetKind;
  expectedVersion?: number | null;
}

/** A target as it stood when the write locked it. */
export interface Snapshot {
  id: string;
  kind: TargetKind;
  exists: boolean;
  version: number;
  /** The entity label, or the relationship type. */
  type: string | null;
  props: Record<string, unknown>;
}

/** One field a write changed, as stored (e.g. `country`, `retracted`): null for absent. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** One field changed since a base version: its value now and the change (and version) that last set it. */
export interface ChangedSince {
  field: string;
  current: unknown;
  changeId: string;
  version: number;
}

export interface TargetConflict {
  targetId: string;
  expectedVersion: number;
  currentVersion: number;
  changed: ChangedSince[];
}

/**
 * CONFLICT: the write was based on an old version of a target. `conflicts` lists,
 * per target, the fields changed since that version, their current values and
 * the change that changed each.
 */
export class VersionConflictError extends AppError {
  constructor(conflicts: TargetConflict[]) {
    const first = conflicts[0]!;
    const fields = [...new Set(conflicts.flatMap((c) => c.changed.map((f) => f.field)))];
    super(
      `"${first.targetId}" is at version ${first.currentVersion}, not ${first.expectedVersion}: ` +
        (fields.length > 0 ? `${fields.join(', ')} changed since` : 'it was written since') +
        '; read it again and base the write on the current version',
      ErrorCode.CONFLICT,
      { conflicts },
    );
  }
}

/** Where a write runs: in its own transaction, or, while a changeset is applied or tried, in the changeset's. */
export interface Writer {
  writeTransaction<T>(name: string, work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Set when the write is one operation of a changeset (src/modules/changes/repository.ts). */
  changeset?: ChangesetScope;
}

/** What the operations of one changeset report while it is applied. */
export interface ChangesetScope {
  id: string;
  /** Each operation's audit fields, gathered into the changeset's own Change. */
  written: { summary: string; targetIds: string[]; sourceId: string | null }[];
  /** The version each target had when the latest operation naming it locked it (proposals fill in the bases their operations did not name). */
  bases: Map<string, number>;
  /**
   * Set while a proposal is tried (and rolled back): revisions are computed but not
   * stored, and the version each would stamp is kept here instead, so a later
   * operation on the same target is based on it as it would be when applied.
   */
  trialVersions?: Map<string, number>;
  /**
   * In a trial, the targets a later operation of the changeset names ('all' when one
   * cannot say, e.g. an identity ruling): only those need the version this operation
   * would stamp, so a trial reads nothing back for the others.
   */
  laterTargets?: Set<string> | 'all';
  /**
   * Set while a changeset of one upsert or link is approved: its revisions are
   * gathered here instead of stored at once, and stored by the approval's review
   * statement (changes/setVersions and changes/review in one round trip).
   */
  deferredRevisions?: VersionStamps[];
  /**
   * Set while a changeset of one upsert is approved: its entity (and the entity's
   * relationships of `incidentTypes`) as the approval's lock statement locked and
   * read it, so the upsert's track needs no statement of its own. Used once.
   */
  locked?: { ids: string[]; incidentTypes: readonly string[]; targets: Map<string, Snapshot> };
  /**
   * Set while a changeset of one upsert is approved: the review, for the upsert's
   * write statement to store with its revision when what it wrote is what was
   * foreseen (the approval then needs no statement of its own); `reviewed` is the
   * Change that statement returned.
   */
  review?: { reviewer: string; comment: string | null; reviewed?: Record<string, unknown> };
}

/** What changes/setVersions stores: the revisions of one write, under its change. */
export interface VersionStamps {
  revisions: RevisionRow[];
  changeId: string;
  subject: string;
  entityIds: string[];
}

/** Stored properties that are not fields of a revision: identity, audit stamps, citations and marks and search keys derived from them. */
const NOT_FIELDS = new Set([
  ...NAME_INDEX_PROPERTIES,
  'id',
  'version',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
  'retractedAt',
  'retractedBy',
  'retractionReason',
  'sourceIds',
  'evidence',
  'unverified',
  'writeLock',
  'pendingCreation',
]);

/** The stored property names that are no fields of a revision. */
export const NOT_FIELD_NAMES: readonly string[] = [...NOT_FIELDS];

/** `props`' revision fields that are stored properties (not claims, identity decisions or citations, which live elsewhere). */
export function storedFields(props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(props).filter(([k]) => !NOT_FIELDS.has(k) && ![CLAIM_FIELD, IDENTITY_FIELD, CITATION_FIELD].some((prefix) => k.startsWith(prefix))));
}

/** The version a stored target has: absent 0, a loader's 1 until a tracked write stamps another. */
export function versionOf(props: Record<string, unknown> | null | undefined): number {
  if (!props) return 0;
  const v = props.version;
  return v === undefined || v === null ? 1 : Number(v);
}

/** The parts of a relationship id (`from--TYPE--to[--key]`). */
export function relationshipEnds(id: string): { id: string; from: string; type: string; to: string } {
  const [from, type, to] = id.split('--');
  if (!from || !type || !to) throw new Error(`${id} is not a relationship id`);
  return { id, from, type, to };
}

export const isRelationshipId = (id: string): boolean => id.includes('--');

/** Fields that differ between two stored states, in name order. */
export function diffFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null): FieldChange[] {
  const names = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})].filter((k) => !NOT_FIELDS.has(k)));
  const value = (props: Record<string, unknown> | null, k: string) => {
    const v = props?.[k];
    return v === undefined ? null : plainValue(v);
  };
  return [...names]
    .sort()
    .map((field) => ({ field, before: value(before, field), after: value(after, field) }))
    .filter((c) => JSON.stringify(c.before) !== JSON.stringify(c.after));
}

/** A live claim about an entity, as changes/readTargets reads it. */
interface StoredClaim {
  id: string;
  property: string;
  value: unknown;
  asOf: string | null;
}

/** Prefix of the revision field that stands for one claim about the entity: `claim:<claim id>`. */
export const CLAIM_FIELD = 'claim:';

/** An entity's live claims as revision fields: adding one is a field going from null to `{property, value, asOf}`, retracting it the reverse. */
function claimFields(claims: readonly StoredClaim[]): Record<string, unknown> {
  return Object.fromEntries(claims.map((c) => [`${CLAIM_FIELD}${c.id}`, { property: c.property, value: c.value, asOf: c.asOf ?? null }]));
}

/** Prefix of the revision field that stands for the status of one identity decision about the entity: `identity:<decision id>`. */
export const IDENTITY_FIELD = 'identity:';

/** The identity decisions about an entity as revision fields: a ruling is the field going from STANDING to CONFIRMED or UNDONE. */
function identityFields(decisions: readonly { id: string; status: string | null }[]): Record<string, unknown> {
  return Object.fromEntries(decisions.map((d) => [`${IDENTITY_FIELD}${d.id}`, d.status ?? 'STANDING']));
}

/** Prefix of the revision field that stands for one source's citation of the target, its evidence the value: `citation:<source id>` (tracked only by writes that cite or uncite: cite, restore). */
export const CITATION_FIELD = 'citation:';

/** A target's citations as revision fields: citing a source is the field going from null to its evidence. */
function citationFields(citations: readonly { id: string; evidence: unknown }[]): Record<string, unknown> {
  return Object.fromEntries(citations.map((c) => [`${CITATION_FIELD}${c.id}`, c.evidence ?? '']));
}

/** A relationship's citations, from its parallel sourceIds and evidence lists. */
function relationshipCitations(props: Record<string, unknown>): { id: string; evidence: unknown }[] {
  const ids = (props.sourceIds as string[] | undefined) ?? [];
  const notes = (props.evidence as unknown[] | undefined) ?? [];
  return ids.map((id, i) => ({ id, evidence: notes[i] ?? '' }));
}

/** An entity as changes/targets reads it. */
export interface EntityRow {
  id: string;
  labels: string[] | null;
  props: Record<string, unknown> | null;
  claims: StoredClaim[];
  decisions: { id: string; status: string | null }[];
  incident: { id: string; type: string; props: Record<string, unknown> }[];
  citations: { id: string; evidence: unknown }[];
}

/** changes/targets (a fragment) with its ids, incidentIds and rels bound from the parameters of those names. */
let readTargetsText: CypherQuery | undefined;
const readTargetsQuery = (): CypherQuery =>
  (readTargetsText ??= { name: 'changes/readTargets', text: `WITH $ids AS ids, $incidentIds AS incidentIds, $rels AS rels\n${cypherQuery('changes/targets').text}` });

/** curation/duplicateCandidates as a subquery of a larger statement: its rows collected as `candidates` (one row, [] when no name is looked up). */
export const collectedCandidates = (): string => `CALL () {\n  CALL () {\n${cypherQuery('curation/duplicateCandidates').text}\n  }\n  RETURN collect({key: key, candidates: candidates}) AS candidates\n}`;

/** changes/review with its targetIds from `targetIds`: the parameter $targetIds (the default), or a list variable of a composing statement. */
export function reviewQuery(targetIds = '$targetIds'): CypherQuery {
  let query = reviewTexts.get(targetIds);
  if (!query) reviewTexts.set(targetIds, (query = cypherTemplate('changes/review', { targetIds })));
  return query;
}
const reviewTexts = new Map<string, CypherQuery>();

/** What changes/targets returns. */
export interface TargetRows {
  entities: EntityRow[];
  relationships: { id: string; type: string | null; props: Record<string, unknown> | null }[];
}

/** changes/targets' rows as snapshots by id; `citations`: it was asked for them. */
export function snapshotsOf(row: TargetRows | undefined, citations = false): Map<string, Snapshot> {
  const found = new Map<string, Snapshot>();
  const cited = (props: Record<string, unknown>, list: { id: string; evidence: unknown }[]) => (citations ? { ...props, ...citationFields(list) } : props);
  for (const r of row?.entities ?? []) {
    const props = r.props ? cited({ ...r.props, ...claimFields(r.claims), ...identityFields(r.decisions) }, r.citations) : {};
    found.set(r.id, { id: r.id, kind: 'entity', exists: r.props !== null, version: versionOf(r.props), type: r.labels ? entityLabelOf(r.labels) : null, props });
  }
  for (const r of row?.relationships ?? []) {
    const props = r.props ? cited(r.props, relationshipCitations(r.props)) : {};
    found.set(r.id, { id: r.id, kind: 'relationship', exists: r.props !== null, version: versionOf(r.props), type: r.type, props });
  }
  for (const r of (row?.entities ?? []).flatMap((e) => e.incident)) {
    if (!found.has(r.id)) found.set(r.id, { id: r.id, kind: 'relationship', exists: true, version: versionOf(r.props), type: r.type, props: cited(r.props, relationshipCitations(r.props)) });
  }
  return found;
}

/**
 * A statement a write runs right after its targets are read, sent with them as
 * one statement (one round trip fewer): it must return exactly one row, whose
 * `columns` come back as Tracked.along. Its params must not share a name with
 * changes/readTargets' or curation/duplicateCandidates'.
 */
export interface AlongStatement {
  query: CypherQuery;
  params: Record<string, unknown>;
  columns: readonly string[];
}

const composed = new Map<string, CypherQuery>();

/**
 * changes/readTargets and, after it, curation/duplicateCandidates (its rows
 * collected as `candidates`) and `along`, as one statement: each file's whole
 * text a subquery of it, none edited. Made once per combination, so the text
 * (and Neo4j's cached plan) stays the same.
 */
function readTargetsWith(duplicates: boolean, along: AlongStatement | null): CypherQuery {
  const key = `${duplicates}|${along ? `${along.query.name}|${along.columns.join(',')}` : ''}`;
  let found = composed.get(key);
  if (!found) {
    const parts = [`CALL () {\n${readTargetsQuery().text}\n}`];
    const columns = ['entities', 'relationships'];
    if (duplicates) {
      parts.push(collectedCandidates());
      columns.push('candidates');
    }
    if (along) {
      parts.push(`CALL () {\n${along.query.text}\n}`);
      columns.push(...along.columns);
    }
    found = { name: ['changes/readTargets', ...(along ? [along.query.name] : [])].join('+'), text: `${parts.join('\n')}\nRETURN ${columns.join(', ')}` };
    composed.set(key, found);
  }
  return found;
}

/**
 * Reads a write's targets in one round trip (changes/readTargets), write-locking
 * them first with `lock`; with `incident`, the relationships of those types at
 * those entities are read as targets too (unless named already). With
 * `duplicates` (duplicateCheck's params), the same statement looks up likely
 * duplicates, after the lock, and returns their rows.
 */
async function readTargets(
  tx: Tx,
  entityIds: string[],
  relIds: string[],
  lock = false,
  incident?: { ids: string[]; types?: readonly string[] },
  citations = false,
  duplicates: Record<string, unknown> | null = null,
  along: AlongStatement | null = null,
): Promise<Map<string, Snapshot> & { candidates?: CandidateRow[]; along?: Record<string, unknown> }> {
  if (entityIds.length === 0 && relIds.length === 0 && !along) return new Map<string, Snapshot>();
  const params: Record<string, unknown> = {
    ...duplicates,
    ids: entityIds,
    rels: relIds.map(relationshipEnds),
    lock,
    incidentIds: incident?.ids ?? [],
    // Without incident ids the types are never read: none sent (every statement's parameters are packed and sent).
    incidentTypes: incident ? (incident.types ?? RELATIONSHIP_TYPE_NAMES) : [],
    citations,
  };
  const clash = Object.keys(along?.params ?? {}).find((name) => name in params);
  if (clash) throw new Error(`${along!.query.name}'s parameter $${clash} is also changes/readTargets'`);
  const [row] = await run<TargetRows & { candidates?: CandidateRow[] } & Record<string, unknown>>(
    tx,
    duplicates || along ? readTargetsWith(duplicates !== null, along) : readTargetsQuery(),
    { ...params, ...along?.params },
  );
  const found: Map<string, Snapshot> & { candidates?: CandidateRow[]; along?: Record<string, unknown> } = snapshotsOf(row, citations);
  if (row?.candidates) found.candidates = row.candidates;
  if (along) found.along = Object.fromEntries(along.columns.map((c) => [c, row?.[c] ?? null]));
  return found;
}

/** What a write's targets were before it, as track found them. */
export interface Tracked {
  before: Map<string, Snapshot>;
  /** Whether citations are fields of the revision (`citation:<source id>`): for writes that cite or uncite. */
  citations?: boolean;
  /** A trial's versions (ChangesetScope.trialVersions): revisions go there, not to the graph. */
  trialVersions?: Map<string, number>;
  /** A trial's ChangesetScope.laterTargets. */
  laterTargets?: Set<string> | 'all';
  /** ChangesetScope.deferredRevisions: where the revisions go instead of the graph. */
  deferred?: VersionStamps[];
  /** curation/duplicateCandidates' rows, when track was asked to look duplicates up. */
  candidates?: CandidateRow[];
  /** The columns of the statement track ran along with its read (AlongStatement). */
  along?: Record<string, unknown>;
}

/**
 * Run first in a write's transaction: write-locks the targets (entities in id
 * order, relationships through both ends), reads them, and refuses with
 * CONFLICT when one's version is not the one its base names (0: must not exist
 * yet). With `incident`, the relationships of those types at those entities are
 * read too, so revisions of relationships the write changes by the way (an
 * entity's LOCATED_IN, an agreement's parties) know their state before.
 * `lock` false: a check that writes none of them (a proposal) reads them unlocked.
 * `duplicates` (duplicateCheck's params): the same statement looks likely duplicates up.
 * `along`: a statement sent with the read (AlongStatement), run whatever the read finds:
 * a refusal after it is the caller's to roll back (it throws).
 */
export async function track(
  tx: Tx,
  writer: Writer,
  bases: Base[],
  incident?: { ids: string[]; types?: readonly string[] },
  citations = false,
  lock = true,
  duplicates: Record<string, unknown> | null = null,
  along: AlongStatement | null = null,
): Promise<Tracked> {
  const entityIds = [...new Set([...bases.filter((b) => b.kind === 'entity').map((b) => b.id), ...(incident?.ids ?? [])])].sort();
  const relIds = [...new Set(bases.filter((b) => b.kind === 'relationship').map((b) => b.id))].sort();
  // A statement sent along needs the read it rides on: the lock statement's read is reused only without one.
  const before: Awaited<ReturnType<typeof readTargets>> = (along ? undefined : lockedAlready(writer.changeset, entityIds, relIds, lock, incident, citations, duplicates)) ?? (await readTargets(tx, entityIds, relIds, lock, incident, citations, duplicates, along));
  const { candidates } = before;
  const trialVersions = writer.changeset?.trialVersions;
  for (const [id, version] of trialVersions ?? []) {
    const snapshot = before.get(id);
    if (snapshot?.exists) before.set(id, { ...snapshot, version });
  }
  const stale = bases.filter((b) => b.expectedVersion !== undefined && b.expectedVersion !== null && b.expectedVersion !== before.get(b.id)!.version);
  if (stale.length > 0) throw new VersionConflictError(await conflictsOf(tx, stale.map((b) => ({ id: b.id, version: b.expectedVersion!, current: before.get(b.id)! }))));
  for (const b of bases) writer.changeset?.bases.set(b.id, before.get(b.id)!.version);
  return { before, citations, trialVersions, laterTargets: writer.changeset?.laterTargets, deferred: writer.changeset?.deferredRevisions, candidates, along: before.along };
}

/** The snapshots ChangesetScope.locked holds when they are what track was asked to lock and read (then used up), else null. */
function lockedAlready(
  scope: ChangesetScope | undefined,
  entityIds: string[],
  relIds: string[],
  lock: boolean,
  incident: { ids: string[]; types?: readonly string[] } | undefined,
  citations: boolean,
  duplicates: Record<string, unknown> | null,
): (Map<string, Snapshot> & { candidates?: CandidateRow[] }) | null {
  const locked = scope?.locked;
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  if (!locked || !lock || citations || duplicates || relIds.length > 0 || !incident?.types) return null;
  if (!same(entityIds, locked.ids) || !same([...incident.ids].sort(), locked.ids) || !same(incident.types, locked.incidentTypes)) return null;
  scope.locked = undefined;
  return new Map(locked.targets);
}

/** For each stale base, the fields changed since it (from the revisions), their current values and the last change of each. */
export async function conflictsOf(tx: Tx, stale: { id: string; version: number; current: Snapshot }[]): Promise<TargetConflict[]> {
  const rows = await run<{ targetId: string; version: number; changeId: string; fieldNames: string[] }>(tx, cypherQuery('changes/revisionsSince'), {
    since: stale.map((s) => ({ id: s.id, version: s.version })),
  });
  return stale.map((s) => {
    const changed = new Map<string, ChangedSince>();
    for (const r of rows.filter((row) => row.targetId === s.id)) {
      for (const field of r.fieldNames) {
        const current = s.current.props[field];
        changed.set(field, { field, current: current === undefined ? null : plainValue(current), changeId: r.changeId, version: Number(r.version) });
      }
    }
    return { targetId: s.id, expectedVersion: s.version, currentVersion: s.current.version, changed: [...changed.values()] };
  });
}

/**
 * A target's state after a write, from what the write's own statement returned
 * (`props`: its stored properties), as readTargets would read it: an entity keeps
 * the claim and identity fields it had before (the write changed none of them).
 * Only for writes whose revisions do not list citations.
 */
export function afterWrite(tracked: Tracked, target: { id: string; kind: TargetKind; type: string; props: Record<string, unknown> }): Snapshot {
  const before = tracked.before.get(target.id);
  const kept = target.kind === 'entity' && before?.exists ? Object.entries(before.props).filter(([k]) => k.startsWith(CLAIM_FIELD) || k.startsWith(IDENTITY_FIELD)) : [];
  return { ...target, exists: true, version: versionOf(target.props), props: { ...target.props, ...Object.fromEntries(kept) } };
}

/** One target's revision, as setVersions stores it. */
export interface RevisionRow {
  targetId: string;
  targetKind: TargetKind;
  from: string | null;
  to: string | null;
  version: number;
  fields: string;
  fieldNames: string[];
  created: boolean;
}

/**
 * The revisions of `ids`: what each was before the write (tracked) against `after`,
 * with the version each gets; a target that did not exist when the write began but
 * is stamped now was created meanwhile by another write: CONFLICT when `expected`
 * (the ids whose base the write named) holds it, else the next version after that one.
 */
export function diffRevisions(tracked: Tracked, ids: readonly string[], after: Map<string, Snapshot>, expected: Set<string>): RevisionRow[] {
  const revisions: RevisionRow[] = [];
  for (const id of ids) {
    const now = after.get(id);
    if (!now) continue;
    const was = tracked.before.get(id);
    // Absent when locked, stamped now: another write created it meanwhile.
    const raced = !was?.exists && now.exists && now.props.version !== undefined && now.props.version !== null;
    if (raced && expected.has(id)) throw new VersionConflictError([{ targetId: id, expectedVersion: 0, currentVersion: versionOf(now.props), changed: [] }]);
    const fields = diffFields(was?.exists ? was.props : null, now.exists ? now.props : null);
    if (fields.length === 0) continue;
    const ends = now.kind === 'relationship' ? relationshipEnds(id) : null;
    revisions.push({
      targetId: id,
      targetKind: now.kind,
      from: ends?.from ?? null,
      to: ends?.to ?? null,
      version: (was?.exists ? was.version : raced ? versionOf(now.props) : 0) + 1,
      fields: JSON.stringify(fields),
      fieldNames: fields.map((f) => f.field),
      created: !was?.exists && !raced,
    });
  }
  return revisions;
}

/**
 * Run last in a write's transaction, after its audit Change: re-reads every
 * target the change lists, and for each whose fields changed stamps the next
 * version and leaves a (:Revision) under `changeId`; the Change (when it exists
 * yet) records which entities, types and countries they touched, for the feed. A target that did not exist
 * when the write began but has a version now was created meanwhile by another
 * write: when the write named a base for it, refused with CONFLICT (the
 * transaction rolls back), so two creations of one id based on "new" never both
 * apply; otherwise the write is the next version after that one.
 */
export async function recordRevisions(
  tx: Tx,
  tracked: Tracked,
  change: { id: string; subject: string; targetIds: readonly string[] },
  bases: Base[] = [],
  known: readonly Snapshot[] = [],
): Promise<RevisionRow[]> {
  const later = tracked.trialVersions ? (tracked.laterTargets ?? 'all') : 'all';
  // A trial stores no revision: only a target a later operation names needs its next version.
  const ids = [...new Set([...bases.map((b) => b.id), ...change.targetIds])].filter((id) => !id.startsWith('source:') && (later === 'all' || later.has(id)));
  if (ids.length === 0) return [];
  const written = new Map(known.map((k) => [k.id, k]));
  const unread = ids.filter((id) => !written.has(id));
  const expected = new Set(bases.filter((b) => b.expectedVersion !== undefined && b.expectedVersion !== null).map((b) => b.id));
  const after = new Map([...(await readTargets(tx, unread.filter((id) => !isRelationshipId(id)), unread.filter(isRelationshipId), false, undefined, tracked.citations)), ...written]);
  const revisions = diffRevisions(tracked, ids, after, expected);
  if (tracked.trialVersions) {
    for (const r of revisions) tracked.trialVersions.set(r.targetId, r.version);
  } else if (revisions.length > 0) {
    // The entities the revisions touched (a relationship touches both ends), stamped on the Change for the feed's filters.
    const entityIds = [...new Set(revisions.flatMap((r) => (r.targetKind === 'entity' ? [r.targetId] : [r.from!, r.to!])))];
    const stamps: VersionStamps = { revisions, changeId: change.id, subject: change.subject, entityIds };
    if (tracked.deferred) tracked.deferred.push(stamps);
    else await run(tx, cypherQuery('changes/setVersions'), { ...stamps });
  }
  return revisions;
}
