import { randomUUID } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import { cypherQuery, cypherTemplate, type CypherQuery } from '../../db/cypher';
import { run, type Executor } from '../../db/executor';
import { afterWrite, collectedCandidates, diffRevisions, NOT_FIELD_NAMES, recordRevisions, reviewQuery, storedFields, type RevisionRow, relationshipEnds, track, type AlongStatement, type Base, type Snapshot, type Tracked, type Writer } from '../changes/versions';
import { ENTITY_LABELS, RELATIONSHIP_TYPES, RELATIONSHIP_TYPE_NAMES, UNVERIFYING_SOURCE_KINDS, type EntityLabel, type IdentityDecisionKind, type IdentityStatus, type RelationshipType } from '../../domain/model';
import { statusAfter } from '../../domain/identity';
import { AppError, BadUserInputError, ErrorCode, NotFoundError } from '../../errors';
import { relationshipId } from '../../domain/properties';
import { mergeRelationshipsQuery, relationshipRows } from '../../ingest/loadSeed';
import { nodeProperties, type SeedNode } from '../../ingest/seedFile';
import { plainValue } from '../../domain/properties';
import { aliasKeyProperties } from '../../domain/nameKeys';
import { toEntityRecord, type EntityRecord } from '../entity/records';
import { refuseFound, refuseLikelyDuplicate, upsertNames } from '../../entityResolution/refuseDuplicates';
import { duplicateCheck, type CandidateRow } from '../../entityResolution/likelyDuplicates';
import type { AddClaimRequest, CiteRequest, DecideIdentityRequest, LinkEntitiesRequest, MergeEntitiesRequest, RecordAgreementRequest, RetractRequest, RetractSourceRequest, SourceInput, UpsertEntityRequest } from './inputs';

/**
 * The curation writes. Each runs in ONE write transaction: the source, the
 * entity or relationships, the who/when bookkeeping and the audit Change commit
 * together or not at all. Nodes and relationships are written with the seed
 * loader's own statements (seed/mergeSource,
 * seed/mergeRelationships; curation/mergeEntity mirrors seed/mergeNodes), so
 * curated data is stored exactly as seeded data is.
 */

export type ChangeKind = 'CITE' | 'ADD_CLAIM' | 'UPSERT_ENTITY' | 'LINK_ENTITIES' | 'RECORD_AGREEMENT' | 'RETRACT' | 'RETRACT_SOURCE' | 'MERGE_ENTITIES' | 'DECIDE_IDENTITY';

export interface ChangeRecord {
  id: string;
  kind: ChangeKind;
  targetIds: string[];
  summary: string;
  subject: string;
  at: string;
  sourceId: string | null;
  note: string;
  /** The state a write changed, before and after it (decideIdentity); null for other writes. */
  before: unknown;
  after: unknown;
}

export interface EntityWrite {
  entity: EntityRecord;
  created: boolean;
  change: ChangeRecord;
}

export interface RelationshipWrite {
  id: string;
  type: RelationshipType;
  from: string;
  to: string;
  properties: Record<string, unknown>;
  change: ChangeRecord;
}

type Tx = ManagedTransaction;

function toChange(props: Record<string, unknown>): ChangeRecord {
  return {
    id: String(props.id),
    kind: props.kind as ChangeKind,
    targetIds: (props.targetIds as string[] | undefined) ?? [],
    summary: String(props.summary ?? ''),
    subject: String(props.subject),
    at: String(plainValue(props.at)),
    sourceId: typeof props.sourceId === 'string' ? props.sourceId : null,
    note: String(props.note ?? ''),
    before: typeof props.before === 'string' ? JSON.parse(props.before) : null,
    after: typeof props.after === 'string' ? JSON.parse(props.after) : null,
  };
}

/**
 * The write's audit entry: a Change of its own (a direct write), or, while a
 * changeset is applied, the changeset's Change gathers it (see Writer).
 * `before`/`after` (stored as JSON text) only for writes that change a state.
 */
async function recordChange(
  tx: Tx,
  change: Omit<ChangeRecord, 'id' | 'at' | 'before' | 'after'> & { before?: unknown; after?: unknown },
  writer: Writer,
): Promise<ChangeRecord> {
  const { before, after, ...rest } = change;
  if (writer.changeset) {
    writer.changeset.written.push({ summary: rest.summary, targetIds: rest.targetIds, sourceId: rest.sourceId });
    return { ...rest, before: before ?? null, after: after ?? null, id: writer.changeset.id, at: new Date().toISOString() };
  }
  const [row] = await run<{ change: Record<string, unknown> }>(tx, cypherQuery('curation/recordChange'), {
    ...rest,
    before: before === undefined ? null : JSON.stringify(before),
    after: after === undefined ? null : JSON.stringify(after),
  });
  return toChange(row!.change);
}

/**
 * After the audit entry: versions, revisions and the feed's scope of what the
 * write changed (src/modules/changes/versions.ts); `entity`, the record the write
 * returns, gets its new version.
 */
async function recordVersions(tx: Tx, tracked: Awaited<ReturnType<typeof track>>, change: ChangeRecord, bases: Base[], entity?: EntityRecord, after?: Snapshot[]): Promise<void> {
  const revisions = await recordRevisions(tx, tracked, change, bases, after);
  const own = entity && revisions.find((r) => r.targetId === entity.id);
  if (own) entity.props = { ...entity.props, version: own.version };
}

/** The cited source's id: an existing one (NOT_FOUND when absent) or a new one written now (refused if the id is taken). */
async function resolveSource(tx: Tx, source: SourceInput, actor: string): Promise<string> {
  if (source.id !== undefined) {
    const [row] = await run<{ exists: boolean }>(tx, cypherQuery('curation/sourceExists'), { id: source.id });
    if (!row?.exists) throw new NotFoundError('Source', source.id);
    return source.id;
  }
  const created = source.new!;
  const [row] = await run<{ exists: boolean }>(tx, cypherQuery('curation/sourceExists'), { id: created.id });
  if (row?.exists) {
    throw new BadUserInputError(`Source "${created.id}" already exists; cite it with source.id`, 'input.source.new.id');
  }
  await run(tx, cypherQuery('seed/mergeSource'), { source: created, actor, audit: null });
  return created.id;
}

interface Existing {
  label: EntityLabel | null;
  retracted: boolean;
  /** The id this one was merged into (it is then also retracted), or null. */
  mergedInto: string | null;
  name: string | null;
  aliases: string[];
}

/**
 * What `ids` are, from the snapshots `track` read of them when it read them all
 * (one round trip fewer), else from the graph.
 */
async function lookUp(tx: Tx, ids: string[], tracked?: Tracked): Promise<Map<string, Existing>> {
  const known = tracked && ids.map((id) => tracked.before.get(id));
  if (known?.every((s) => s?.kind === 'entity')) {
    return new Map(
      known.map((s) => {
        const p = s!.props;
        const text = (v: unknown) => (typeof v === 'string' ? v : null);
        return [s!.id, { label: s!.exists ? (s!.type as EntityLabel | null) : null, retracted: s!.exists && p.retracted !== undefined && p.retracted !== null, mergedInto: text(p.mergedInto), name: text(p.name), aliases: (p.aliases as string[] | undefined) ?? [] }];
      }),
    );
  }
  return lookUpInGraph(tx, ids);
}

async function lookUpInGraph(tx: Tx, ids: string[]): Promise<Map<string, Existing>> {
  const rows = await run<{ id: string; labels: string[] | null; retracted: boolean; mergedInto: string | null; name: string | null; aliases: string[] | null }>(
    tx,
    cypherQuery('curation/entityLabels'),
    { ids },
  );
  return new Map(
    rows.map((r) => {
      const label = r.labels ? toEntityRecord({ labels: r.labels, props: { id: r.id } }).label : null;
      return [r.id, { label, retracted: r.labels ? r.retracted : false, mergedInto: r.mergedInto, name: r.name, aliases: r.aliases ?? [] }];
    }),
  );
}

/** A merged id names no entity of its own; the error says which one took it over. */
function mergedAway(id: string, entry: Existing | undefined): AppError | null {
  if (!entry?.mergedInto) return null;
  return new AppError(`Entity "${id}" was merged into "${entry.mergedInto}"; use that id`, ErrorCode.NOT_FOUND, { id, mergedInto: entry.mergedInto });
}

/** Checks that `id` names a live entity with one of `allowed` labels; NOT_FOUND or BAD_USER_INPUT on `field` otherwise. */
function expectEntity(found: Map<string, Existing>, id: string, allowed: readonly string[], field: string): EntityLabel {
  const entry = found.get(id);
  const merged = mergedAway(id, entry);
  if (merged) throw merged;
  if (!entry?.label || entry.retracted) throw new NotFoundError('Entity', id);
  if (!allowed.includes(entry.label)) {
    throw new BadUserInputError(`"${id}" is a ${entry.label}; expected ${allowed.join(' or ')}`, field);
  }
  return entry.label;
}

/** The country code a node's LOCATED_IN follows (`country`, on the labels LOCATED_IN may start at), or null. */
function countryCodeOf(node: SeedNode): string | null {
  const code = 'country' in node ? node.country : undefined;
  const allowed: readonly string[] = RELATIONSHIP_TYPES.LOCATED_IN.from;
  return typeof code === 'string' && code !== '' && allowed.includes(node.label) ? code : null;
}

const unique = <T>(values: T[]): T[] => [...new Set(values)];

const MERGE_ENTITY_RETURNS = 'RETURN created, entity, countryId, touched AS located, candidates';

/** mergeEntityLocated's clauses before its RETURN, shared with mergeEntityReviewed. */
const mergeEntityWrites = (): string => `${collectedCandidates()}
CALL () {
${cypherQuery('curation/mergeEntity').text}
}
CALL (countryId) {
  WITH CASE WHEN countryId IS NULL THEN [] ELSE [{id: $locatedPrefix + countryId, type: 'LOCATED_IN', from: $id, to: countryId, props: {}, evidence: $evidence, audit: null}] END AS rows
${mergeRelationshipsQuery('rows').text}
}
`;

/**
 * The likely-duplicate lookup (curation/duplicateCandidates, its rows collected as
 * `candidates`), then curation/mergeEntity and, in the same statement, the entity's
 * LOCATED_IN to the Country it found, written by seed/mergeRelationships with its
 * rows from that list (so curated and loaded relationships are stored alike): one round trip where it
 * took three. Its id is $locatedPrefix + the Country's id (relationshipId's form);
 * no Country, no row. The lookup runs before the entity is written; a duplicate it
 * finds is refused by the caller, which rolls the whole transaction back.
 */
let mergeEntityLocatedText: CypherQuery | undefined;
const mergeEntityLocated = (): CypherQuery => (mergeEntityLocatedText ??= { name: 'curation/mergeEntity', text: `${mergeEntityWrites()}${MERGE_ENTITY_RETURNS}` });

/**
 * mergeEntityLocated and, when what it wrote is what the approval of a lone upsert
 * foresaw (`$review`: whether it creates the entity, and the entity's fields after),
 * changes/setVersions and changes/review in the same statement: the approval's
 * last round trip. Otherwise `reviewed` is null and the approval reviews as usual.
 */
let mergeEntityReviewedText: CypherQuery | undefined;
const mergeEntityReviewed = (): CypherQuery =>
  (mergeEntityReviewedText ??= {
    name: 'curation/mergeEntity',
    text: `${mergeEntityWrites()}OPTIONAL CALL (created, entity, touched) {
  WITH created, entity, [$id] + [x IN touched WHERE x IS NOT NULL | x.id] AS targetIds
  WHERE created = $review.created
    AND all(k IN keys(entity.props) WHERE k IN $review.notFields OR entity.props[k] = $review.fields[k])
    AND all(k IN keys($review.fields) WHERE entity.props[k] = $review.fields[k])
  CALL () {
${cypherQuery('changes/setVersions').text}
  }
${reviewQuery('targetIds').text}
}
${MERGE_ENTITY_RETURNS}, change AS reviewed`,
  });

/** curation/duplicateCandidates' parameters when no name is looked up: no rows. */
const NO_DUPLICATE_LOOKUP = { requests: [], limit: 1, onlyNewIds: true };

/**
 * Writes one node (stored as seed/mergeNodes stores it, plus updatedAt/updatedBy) and,
 * when it has a country code the graph has a live Country of, its LOCATED_IN (citing the
 * same source, as the seed files keep `country` and LOCATED_IN in step); returns the node,
 * whether this call created it, the LOCATED_IN written (none or one) with its properties,
 * and, with `duplicates` (duplicateCheck's params), the likely-duplicate rows looked up first.
 */
async function writeNode(
  tx: Tx,
  node: SeedNode,
  sourceId: string,
  actor: string,
  duplicates: Record<string, unknown> | null = null,
  review: ForeseenReview | null = null,
): Promise<{ entity: EntityRecord; stored: Record<string, unknown>; created: boolean; located: { id: string; props: Record<string, unknown> }[]; candidates: CandidateRow[]; reviewed: Record<string, unknown> | null }> {
  const countryCode = countryCodeOf(node);
  const [row] = await run<{
    created: boolean;
    entity: { labels: string[]; props: Record<string, unknown> };
    located: ({ id: string; props: Record<string, unknown> } | null)[];
    candidates: CandidateRow[];
    reviewed?: Record<string, unknown> | null;
  }>(tx, review ? mergeEntityReviewed() : mergeEntityLocated(), {
    ...review,
    ...(duplicates ?? NO_DUPLICATE_LOOKUP),
    id: node.id,
    label: node.label,
    props: nodeProperties(node),
    evidence: node.evidence,
    sourceId,
    actor,
    marker: randomUUID(),
    countryCode,
    locatedPrefix: relationshipId({ from: node.id, type: 'LOCATED_IN', to: '' }),
    touchedBy: actor,
    loadStartedAt: null,
  });
  // The node is always merged; only the source's MATCH can leave no row.
  if (!row) throw new NotFoundError('Source', sourceId);
  return { entity: toEntityRecord(row.entity), stored: row.entity.props, created: row.created, located: row.located.filter((r) => r !== null), candidates: row.candidates, reviewed: row.reviewed ?? null };
}

/** The audit trail keeps the ids a caller declared distinct. */
const distinctNote = (ids: readonly string[]) => (ids.length > 0 ? ` (declared distinct from ${ids.join(', ')})` : '');

/** Checks the id is free or held by a live entity of the same label. */
function checkIdForLabel(found: Map<string, Existing>, id: string, label: EntityLabel): void {
  const existing = found.get(id);
  if (!existing?.label) return;
  if (existing.label !== label) throw new BadUserInputError(`"${id}" is already the id of a ${existing.label}`, 'input.id');
  if (existing.mergedInto) throw new BadUserInputError(`"${id}" was merged into "${existing.mergedInto}"; write to that id`, 'input.id');
  if (existing.retracted) throw new BadUserInputError(`"${id}" was retracted and cannot be written again`, 'input.id');
}

interface RelRow {
  type: RelationshipType;
  from: string;
  to: string;
  key?: string;
  properties: Record<string, unknown>;
  evidence: string;
}

/**
 * Writes relationships of any mix of types in one statement whatever their
 * number: seed/mergeRelationships, as the seed loader writes them, also stamping
 * updatedAt/updatedBy. Returns each one's stored properties, in the order given.
 */
async function writeRelationships(tx: Tx, rels: RelRow[], sourceId: string, actor: string): Promise<Record<string, unknown>[]> {
  if (rels.length === 0) return [];
  const rows = relationshipRows(rels);
  const [result] = await run<{ touched: { id: string; props: Record<string, unknown> }[] }>(tx, mergeRelationshipsQuery(), {
    rows,
    sourceId,
    actor,
    touchedBy: actor,
    loadStartedAt: null,
  });
  const byId = new Map((result?.touched ?? []).map((row) => [row.id, row.props]));
  return rows.map((row) => {
    const props = byId.get(row.id);
    if (!props) throw new Error(`relationship ${row.id} was not written`);
    return props;
  });
}

/** The base an upsert names: its entity, at the version the request was based on. */
const upsertBases = (request: UpsertEntityRequest): Base[] => [{ id: request.node.id, kind: 'entity', expectedVersion: request.expectedVersion }];

/** The relationships an upsert writes by the way (its LOCATED_IN), read with its entity for the revisions. */
export const UPSERT_INCIDENT_TYPES: readonly string[] = ['LOCATED_IN'];

/**
 * The refusals an upsert meets before it writes, as reads: the base version
 * (CONFLICT), an id held by another label, a merged or retracted id, a likely
 * duplicate of a new id. `writes`: the upsert writes next, so the entity is
 * write-locked and its LOCATED_IN read too, for the revision, and the likely
 * duplicates are looked up by the write's own statement (writeNode; `refuseDuplicates`
 * takes its rows); else (a proposal's check) it is read unlocked, and concurrent
 * proposals of one id do not queue, and the lookup runs in track's statement.
 * Returns what track read, whether the id is new, and the lookup's parameters.
 */
async function upsertRefusals(
  tx: Tx,
  writer: Writer,
  request: UpsertEntityRequest,
  writes: boolean,
  along: AlongStatement | null = null,
): Promise<{ tracked: Tracked; isNew: boolean; duplicates: Record<string, unknown> | null; refuseDuplicates: (rows: CandidateRow[]) => void }> {
  const { node } = request;
  // A known id is skipped by the lookup itself; duplicates are refused once the id is known new.
  const duplicates = duplicateCheck([upsertNames(node)], true);
  const tracked = await track(tx, writer, upsertBases(request), writes ? { ids: [node.id], types: UPSERT_INCIDENT_TYPES } : undefined, false, writes, writes ? null : duplicates.params, along);
  const found = await lookUp(tx, [node.id], tracked);
  checkIdForLabel(found, node.id, node.label);
  const isNew = !found.get(node.id)?.label;
  const refuseDuplicates = (rows: CandidateRow[]) => {
    if (isNew) refuseFound(duplicates.read(rows), request.distinctFrom);
  };
  if (!writes) refuseDuplicates(tracked.candidates ?? []);
  return { tracked, isNew, duplicates: duplicates.params, refuseDuplicates };
}

/** An upsert's audit summary: created or updated, and the ids it was declared distinct from. */
const upsertSummary = (request: UpsertEntityRequest, created: boolean) => `${created ? 'created' : 'updated'} ${request.node.label} ${request.node.id}${distinctNote(request.distinctFrom)}`;

/** What an upsert citing a source by id would write, found by reads alone (UpsertCheck). */
export interface UpsertCheck {
  summary: string;
  sourceId: string;
  /** The country code its LOCATED_IN follows (null: none). */
  countryCode: string | null;
}

/**
 * Every refusal upsertEntity would meet for a request citing a source by id,
 * met by reads in `writer`'s transaction, without writing the entity (a proposal
 * of it, src/modules/changes/repository.ts): all but the source's existence and
 * the entity's Country, which the statement storing the proposal checks and finds.
 * `store`: that statement, made from what the check expects before it reads (the
 * entity new unless the request names a base above 0), is sent with the reads
 * (track's AlongStatement) and its row returned as `stored`; the caller corrects
 * what the guess got wrong, and rolls it back with any refusal (this throws).
 */
export async function checkUpsertEntity(
  tx: Tx,
  writer: Writer,
  request: UpsertEntityRequest & { source: { id: string } },
  store?: (expected: UpsertCheck) => AlongStatement,
): Promise<UpsertCheck & { stored?: Record<string, unknown> }> {
  const check = (isNew: boolean): UpsertCheck => ({ summary: upsertSummary(request, isNew), sourceId: request.source.id, countryCode: countryCodeOf(request.node) });
  const { tracked, isNew } = await upsertRefusals(tx, writer, request, false, store ? store(check(!((request.expectedVersion ?? 0) > 0))) : null);
  return { ...check(isNew), stored: tracked.along };
}

/** The parameters mergeEntityReviewed adds: the review and the revision the approval of a lone upsert foresees. */
type ForeseenReview = Record<string, unknown> & { revisions: RevisionRow[] };

/**
 * What the approval of a lone upsert (ChangesetScope.review) will store, foreseen
 * before the write from the entity as track read it and the properties the write
 * sets: whether it creates the entity, its fields after (checked against what the
 * write stored, in the same statement), its revision, and the review. Null when no
 * such approval runs or the write would change no field (the usual path then).
 */
function foreseenReview(writer: Writer, tracked: Tracked, request: UpsertEntityRequest, actor: string): ForeseenReview | null {
  const scope = writer.changeset;
  if (!scope?.review || !tracked.deferred) return null;
  const { node } = request;
  const was = tracked.before.get(node.id);
  const stored: Record<string, unknown> = was?.exists ? { ...was.props } : {};
  for (const [k, v] of Object.entries(nodeProperties(node))) {
    if (v === null || v === undefined) delete stored[k];
    else stored[k] = v;
  }
  const expected = new Set(upsertBases(request).filter((b) => b.expectedVersion !== undefined && b.expectedVersion !== null).map((b) => b.id));
  const revisions = diffRevisions(tracked, [node.id], new Map([[node.id, afterWrite(tracked, { id: node.id, kind: 'entity', type: node.label, props: stored })]]), expected);
  if (revisions.length === 0) return null;
  const created = !was?.exists;
  return {
    review: { created, fields: storedFields(stored), notFields: NOT_FIELD_NAMES },
    revisions,
    changeId: scope.id,
    subject: actor,
    entityIds: [node.id],
    status: 'APPROVED',
    reviewer: scope.review.reviewer,
    comment: scope.review.comment,
    summary: upsertSummary(request, created),
  };
}

export function upsertEntity(executor: Writer, request: UpsertEntityRequest, actor: string): Promise<EntityWrite> {
  const { node } = request;
  const bases = upsertBases(request);
  return executor.writeTransaction('curation/upsertEntity', async (tx) => {
    const { tracked, duplicates, refuseDuplicates } = await upsertRefusals(tx, executor, request, true);
    // A source cited by id is checked by writeNode itself (NOT_FOUND): one round trip fewer.
    const sourceId = request.source.id ?? (await resolveSource(tx, request.source, actor));
    const review = foreseenReview(executor, tracked, request, actor);
    const { entity, stored, created, located, candidates, reviewed } = await writeNode(tx, node, sourceId, actor, duplicates, review);
    refuseDuplicates(candidates);
    const change = await recordChange(tx, {
      kind: 'UPSERT_ENTITY',
      targetIds: [node.id, ...located.map((r) => r.id)],
      summary: upsertSummary(request, created),
      subject: actor,
      sourceId,
      note: node.evidence,
    }, executor);
    if (reviewed) {
      // The write's own statement stored the foreseen revision and the approval's review.
      executor.changeset!.review!.reviewed = reviewed;
      entity.props = { ...entity.props, version: review!.revisions[0]!.version };
      return { entity, created, change };
    }
    // What the writes returned is the targets' state after: the revisions need not read them again.
    const after = [
      afterWrite(tracked, { id: node.id, kind: 'entity', type: node.label, props: stored }),
      ...located.map((r) => afterWrite(tracked, { id: r.id, kind: 'relationship', type: 'LOCATED_IN', props: r.props })),
    ];
    await recordVersions(tx, tracked, change, bases, entity, after);
    return { entity, created, change };
  });
}

export function linkEntities(executor: Writer, request: LinkEntitiesRequest, actor: string): Promise<RelationshipWrite> {
  const rel = request.relationship;
  const type = rel.type as RelationshipType;
  const rule = RELATIONSHIP_TYPES[type];
  const bases: Base[] = [{ id: relationshipId(rel), kind: 'relationship', expectedVersion: request.expectedVersion }];
  return executor.writeTransaction('curation/linkEntities', async (tx) => {
    const tracked = await track(tx, executor, bases);
    const found = await lookUp(tx, [rel.from, rel.to]);
    expectEntity(found, rel.from, rule.from, 'input.from');
    expectEntity(found, rel.to, rule.to, 'input.to');
    const sourceId = await resolveSource(tx, request.source, actor);
    const [properties] = await writeRelationships(tx, [{ ...rel, type }], sourceId, actor);
    const id = relationshipId(rel);
    const change = await recordChange(tx, {
      kind: 'LINK_ENTITIES',
      targetIds: [id],
      summary: `linked ${rel.from} ${type} ${rel.to}`,
      subject: actor,
      sourceId,
      note: rel.evidence,
    }, executor);
    await recordVersions(tx, tracked, change, bases);
    return { id, type, from: rel.from, to: rel.to, properties: properties!, change };
  });
}

export function recordAgreement(executor: Writer, request: RecordAgreementRequest, actor: string): Promise<EntityWrite> {
  const { node, parties, facilitators, covers } = request;
  const bases: Base[] = [{ id: node.id, kind: 'entity', expectedVersion: request.expectedVersion }];
  return executor.writeTransaction('curation/recordAgreement', async (tx) => {
    const tracked = await track(tx, executor, bases, { ids: [node.id] });
    const found = await lookUp(tx, [node.id, ...parties.map((p) => p.organization), ...facilitators, ...covers]);
    checkIdForLabel(found, node.id, 'Agreement');
    if (!found.get(node.id)?.label) await refuseLikelyDuplicate(tx, node, request.distinctFrom);
    parties.forEach((p, i) => expectEntity(found, p.organization, ['Organization'], `input.parties.${i}.organization`));
    facilitators.forEach((id, i) => expectEntity(found, id, ['Organization'], `input.facilitators.${i}`));
    covers.forEach((id, i) => expectEntity(found, id, ['Technology'], `input.covers.${i}`));
    const countries = await run<{ code: string; id: string | null }>(tx, cypherQuery('curation/countriesByCode'), { codes: node.territory });
    const missing = countries.find((c) => !c.id);
    if (missing) throw new NotFoundError('Country', missing.code);

    const sourceId = await resolveSource(tx, request.source, actor);
    const { entity, created } = await writeNode(tx, node, sourceId, actor);
    const evidence = node.evidence;
    const rels: RelRow[] = [
      ...parties.map((p) => ({ type: 'PARTY_TO' as const, from: p.organization, to: node.id, properties: { role: p.role }, evidence })),
      ...facilitators.map((id) => ({ type: 'FACILITATED' as const, from: id, to: node.id, properties: {}, evidence })),
      ...covers.map((id) => ({ type: 'COVERS' as const, from: node.id, to: id, properties: {}, evidence })),
      ...countries.map((c) => ({ type: 'APPLIES_IN' as const, from: node.id, to: c.id!, properties: {}, evidence })),
    ];
    await writeRelationships(tx, rels, sourceId, actor);
    const change = await recordChange(tx, {
      kind: 'RECORD_AGREEMENT',
      targetIds: [node.id, ...rels.map((r) => relationshipId(r))],
      summary: `${created ? 'recorded' : 'updated'} Agreement ${node.id} with ${parties.length} part${parties.length === 1 ? 'y' : 'ies'}${distinctNote(request.distinctFrom)}`,
      subject: actor,
      sourceId,
      note: evidence,
    }, executor);
    await recordVersions(tx, tracked, change, bases, entity);
    return { entity, created, change };
  });
}

export function retract(executor: Writer, request: RetractRequest, actor: string): Promise<{ id: string; change: ChangeRecord }> {
  const bases: Base[] = [{ id: request.id, kind: request.kind, expectedVersion: request.expectedVersion }];
  return executor.writeTransaction('curation/retract', async (tx) => {
    const tracked = await track(tx, executor, bases);
    const params = { id: request.id, actor, reason: request.reason };
    const rows =
      request.kind === 'entity'
        ? await run(tx, cypherQuery('curation/retractEntity'), params)
        : await run(tx, cypherTemplate('curation/retractRelationship', { type: request.type }), { ...params, from: request.from, to: request.to });
    if (rows.length === 0) throw new NotFoundError(request.kind === 'entity' ? 'Entity' : 'Relationship', request.id);
    const change = await recordChange(tx, {
      kind: 'RETRACT',
      targetIds: [request.id],
      summary: `retracted ${request.kind} ${request.id}`,
      subject: actor,
      sourceId: null,
      note: request.reason,
    }, executor);
    await recordVersions(tx, tracked, change, bases);
    return { id: request.id, change };
  });
}

/**
 * Withdraws a source (curation/retractSource), in one write transaction with its
 * audit entry: it leaves every read, its citations leave every entity,
 * relationship and claim, and what is left with no live source is marked
 * unverified. NOT_FOUND when no live source has the id.
 */
export function retractSource(executor: Executor, request: RetractSourceRequest, actor: string): Promise<{ id: string; change: ChangeRecord }> {
  return executor.writeTransaction('curation/retractSource', async (tx) => {
    const params = { id: request.id, actor, reason: request.reason, unverifyingKinds: [...UNVERIFYING_SOURCE_KINDS] };
    const [row] = await run<{ entities: string[]; relationships: string[]; unsourced: number }>(tx, cypherQuery('curation/retractSource'), params);
    if (!row) throw new NotFoundError('Source', request.id);
    const change = await recordChange(tx, {
      kind: 'RETRACT_SOURCE',
      targetIds: [request.id, ...row.entities, ...row.relationships],
      summary: `retracted source ${request.id}: its citations left ${row.entities.length} entities and ${row.relationships.length} relationships; ${row.unsourced} of them have no live source now`,
      subject: actor,
      sourceId: null,
      note: request.reason,
    }, executor);
    return { id: request.id, change };
  });
}

/** What the claim operation wrote: the claim's id, and the entity it is about. */
export interface ClaimWrite {
  claimId: string;
  entityId: string;
  change: ChangeRecord;
}

/**
 * Records a value a page states for a property of an entity as a claim beside
 * the graph's own value, which is never overwritten (a dispute stays two
 * claims, as the seed files keep it). The entity's revision lists the claim as
 * the field `claim:<id>`, so history shows it and a revert retracts it.
 */
export function addClaim(executor: Writer, request: AddClaimRequest, actor: string): Promise<ClaimWrite> {
  const bases: Base[] = [{ id: request.entityId, kind: 'entity', expectedVersion: request.expectedVersion }];
  return executor.writeTransaction('curation/addClaim', async (tx) => {
    const tracked = await track(tx, executor, bases);
    const found = await lookUp(tx, [request.entityId], tracked);
    expectEntity(found, request.entityId, ENTITY_LABELS, 'input.entityId');
    const sourceId = await resolveSource(tx, request.source, actor);
    const claimId = `claim-${randomUUID()}`;
    await run(tx, cypherQuery('curation/addClaim'), {
      id: claimId,
      entityId: request.entityId,
      property: request.property,
      value: request.value,
      asOf: request.asOf ?? null,
      note: request.note ?? null,
      sourceId,
      evidence: request.evidence,
      actor,
      unverifyingKinds: [...UNVERIFYING_SOURCE_KINDS],
    });
    const change = await recordChange(tx, {
      kind: 'ADD_CLAIM',
      targetIds: [request.entityId],
      summary: `claimed ${request.property} = ${JSON.stringify(request.value)}${request.asOf ? ` as of ${request.asOf}` : ''} for ${request.entityId} (claim ${claimId})`,
      subject: actor,
      sourceId,
      note: request.evidence,
    }, executor);
    await recordVersions(tx, tracked, change, bases);
    return { claimId, entityId: request.entityId, change };
  });
}

/**
 * Cites a source for an entity, agreement or relationship the graph already
 * holds, with what the source states, and changes nothing else (the `cite`
 * operation: confirming a mention in a new article). Its revision lists the
 * citation as the field `citation:<source id>`, so history shows it and a revert
 * removes it. NOT_FOUND for a target that is absent, retracted or merged away.
 */
export function cite(executor: Writer, request: CiteRequest, actor: string): Promise<{ targetId: string; change: ChangeRecord }> {
  const { targetId, kind } = request;
  const bases: Base[] = [{ id: targetId, kind, expectedVersion: request.expectedVersion }];
  return executor.writeTransaction('curation/cite', async (tx) => {
    const tracked = await track(tx, executor, bases, undefined, true);
    const target = tracked.before.get(targetId);
    if (kind === 'entity') {
      expectEntity(await lookUp(tx, [targetId], tracked), targetId, ENTITY_LABELS, 'input.targetId');
    } else if (!target?.exists || target.props.retracted) {
      throw new NotFoundError('Relationship', targetId);
    }
    const sourceId = await resolveSource(tx, request.source, actor);
    const params = { id: targetId, sourceId, evidence: request.evidence, actor, unverifyingKinds: [...UNVERIFYING_SOURCE_KINDS] };
    const rows = await run(tx, cypherQuery(kind === 'entity' ? 'curation/citeEntity' : 'curation/citeRelationship'), kind === 'entity' ? params : { ...relationshipEnds(targetId), ...params });
    if (rows.length === 0) throw new NotFoundError(kind === 'entity' ? 'Entity' : 'Relationship', targetId);
    const change = await recordChange(tx, { kind: 'CITE', targetIds: [targetId], summary: `cited ${sourceId} for ${targetId}`, subject: actor, sourceId, note: request.evidence }, executor);
    await recordVersions(tx, tracked, change, bases);
    return { targetId, change };
  });
}

export interface MergeWrite {
  entity: EntityRecord;
  mergedId: string;
  movedRelationships: number;
  combinedRelationships: number;
  movedCitations: number;
  movedClaims: number;
  change: ChangeRecord;
}

interface StoredRelationship {
  id: string;
  type: RelationshipType;
  from: string;
  to: string;
}

/** Where a relationship of `merge` goes: the same relationship with `keep` at the merged end, and its id accordingly. */
function movedTo(rel: StoredRelationship, keep: string, merge: string) {
  const from = rel.from === merge ? keep : rel.from;
  const to = rel.to === merge ? keep : rel.to;
  const stem = relationshipId(rel);
  if (!rel.id.startsWith(stem)) throw new Error(`relationship ${rel.id} does not have a relationship id`);
  // What follows the stem is the `--key` part, kept as it is.
  return { oldId: rel.id, oldFrom: rel.from, oldTo: rel.to, type: rel.type, from, to, id: relationshipId({ from, type: rel.type, to }) + rel.id.slice(stem.length) };
}

/**
 * Aliases of the kept entity after a merge: its own, then the merged entity's name and
 * aliases, each string once, never its own name; null (no property) when none is left,
 * as the graph holds no empty list (storedProperties).
 */
function mergedAliases(kept: Existing, merged: Existing): string[] | null {
  const names = [...kept.aliases, merged.name ?? '', ...merged.aliases];
  const aliases = [...new Set(names)].filter((a) => a !== '' && a !== kept.name);
  return aliases.length > 0 ? aliases : null;
}

/**
 * Joins `merge` into `keep` (same label, both live) in one write transaction,
 * a fixed number of statements whatever their size: every relationship of
 * `merge` moves to `keep` (one both had is combined, with both citation lists);
 * its citations, claims and the facts `keep` lacks move too; its name and
 * aliases become aliases of `keep`; `merge` stays as a hidden tombstone with
 * (merge)-[:SAME_AS]->(keep), so its id still leads to `keep`. Refused when the
 * two are linked to each other (a relationship between them says they are two).
 */
export function mergeEntities(executor: Writer, request: MergeEntitiesRequest, actor: string): Promise<MergeWrite> {
  const { keep, merge, reason } = request;
  const bases: Base[] = [
    { id: keep, kind: 'entity', expectedVersion: request.keepVersion },
    { id: merge, kind: 'entity', expectedVersion: request.mergeVersion },
  ];
  return executor.writeTransaction('curation/mergeEntities', async (tx) => {
    // With the citations as fields, and a revision for each relationship that left
    // `merge` (its state before), the merge records all a revert needs to split it back.
    const tracked = await track(tx, executor, bases, { ids: [keep, merge] }, true);
    const { label, moved, movedFrom, ...merged } = await mergeWithin(tx, request, actor);
    const change = await recordChange(tx, {
      kind: 'MERGE_ENTITIES',
      targetIds: unique([keep, merge, ...moved, ...movedFrom]),
      summary: `merged ${label} ${merge} into ${keep}: ${mergeCounts(merged)}`,
      subject: actor,
      sourceId: null,
      note: reason,
    }, executor);
    await recordVersions(tx, tracked, change, bases, merged.entity);
    return { ...merged, change };
  });
}

/** "3 relationships (1 combined), 2 citations, 0 claims". */
const mergeCounts = (m: Omit<MergeWrite, 'change' | 'entity' | 'mergedId'>) =>
  `${m.movedRelationships} relationships (${m.combinedRelationships} combined), ${m.movedCitations} citations, ${m.movedClaims} claims`;

/** A merge done inside a caller's transaction, before its audit entry: the label and the new ids of the moved relationships besides the counts. */
type MergeDone = Omit<MergeWrite, 'change'> & { label: EntityLabel; moved: string[]; movedFrom: string[] };

/** mergeEntities' work, in the caller's write transaction (mergeEntities and decideIdentity), without the audit entry. */
async function mergeWithin(tx: Tx, request: MergeEntitiesRequest, actor: string): Promise<MergeDone> {
  const { keep, merge, reason } = request;
  const found = await lookUp(tx, [keep, merge]);
  const keepLabel = expectEntity(found, keep, ENTITY_LABELS, 'input.keep');
  const mergeLabel = expectEntity(found, merge, ENTITY_LABELS, 'input.merge');
  if (keepLabel !== mergeLabel) {
    throw new BadUserInputError(`"${merge}" is a ${mergeLabel} and "${keep}" a ${keepLabel}; only entities of one type can be merged`, 'input.merge');
  }
  const stored = await run<StoredRelationship>(tx, cypherQuery('curation/relationshipsOf'), { keep, merge, types: RELATIONSHIP_TYPE_NAMES });
  const between = stored.find((r) => [r.from, r.to].every((end) => end === keep || end === merge));
  if (between) {
    throw new BadUserInputError(
      `"${merge}" and "${keep}" are linked by ${between.type} (${between.id}), so they are two entities; retract that relationship first if they are one`,
      'input.merge',
    );
  }
  const rows = stored.map((r) => movedTo(r, keep, merge));
  const unverifyingKinds = [...UNVERIFYING_SOURCE_KINDS];
  const [moved] = await run<{ moved: number; combined: number }>(tx, cypherQuery('curation/moveRelationships'), { rows, actor, unverifyingKinds });
  if (Number(moved?.moved ?? 0) !== rows.length) throw new Error(`only ${String(moved?.moved)} of ${rows.length} relationships of ${merge} were moved`);
  const mergedNames = mergedAliases(found.get(keep)!, found.get(merge)!);
  const [joined] = await run<{ citations: number; claims: number; entity: { labels: string[]; props: Record<string, unknown> } }>(
    tx,
    cypherQuery('curation/mergeEntityInto'),
    {
      keep,
      merge,
      aliases: mergedNames,
      ...aliasKeyProperties(mergedNames),
      renamed: rows.map((r) => ({ from: r.oldId, to: r.id })),
      actor,
      reason,
      tombstoneNote: `merged into ${keep}: ${reason}`,
      unverifyingKinds,
    },
  );
  if (!joined) throw new Error(`${merge} was not merged into ${keep}`);
  const counts = {
    movedRelationships: rows.length,
    combinedRelationships: Number(moved?.combined ?? 0),
    movedCitations: Number(joined.citations),
    movedClaims: Number(joined.claims),
  };
  return { entity: toEntityRecord(joined.entity), mergedId: merge, ...counts, label: keepLabel, moved: rows.map((r) => r.id), movedFrom: rows.map((r) => r.oldId) };
}

/** What decideIdentity wrote: the entity the decision is about (the kept one after a merge). */
export interface IdentityRulingWrite {
  entity: EntityRecord;
  mergedId: string | null;
  change: ChangeRecord;
}

/**
 * A reviewer's ruling on a STANDING identity decision, in one write transaction
 * with its audit entry (before/after: the status). CONFIRM of a PROBABLY_SAME
 * merges its two entities (mergeWithin, as mergeEntities); any other ruling only
 * sets the status, with who, when, why and the source. NOT_FOUND for an unknown
 * id, CONFLICT for a decision already ruled on: nothing is written then.
 */
export function decideIdentity(executor: Writer, request: DecideIdentityRequest, actor: string): Promise<IdentityRulingWrite> {
  const { id, verdict, note } = request;
  return executor.writeTransaction('curation/decideIdentity', async (tx) => {
    const [decision] = await run<{ decision: IdentityDecisionKind; entityIds: string[]; status: IdentityStatus; by: string | null; at: string | null }>(
      tx,
      cypherQuery('curation/identityDecision'),
      { id },
    );
    if (!decision) throw new NotFoundError('Identity decision', id);
    // Its entities as other writes track theirs: the ruling (and a merge) leaves a revision on each.
    const bases: Base[] = decision.entityIds.map((entityId) => ({ id: entityId, kind: 'entity' }));
    const tracked = await track(tx, executor, bases, { ids: decision.entityIds });
    if (decision.status !== 'STANDING') {
      throw new AppError(`Identity decision "${id}" was already ${decision.status} (by ${decision.by ?? 'unknown'} at ${decision.at ?? 'an unknown time'})`, ErrorCode.CONFLICT, {
        id,
        status: decision.status,
      });
    }
    const merging = verdict === 'CONFIRM' && decision.decision === 'PROBABLY_SAME';
    if (request.keep !== undefined) {
      if (!merging) throw new BadUserInputError('keep is only for confirming a PROBABLY_SAME decision', 'input.keep');
      if (!decision.entityIds.includes(request.keep)) throw new BadUserInputError(`"${request.keep}" is not one of ${decision.entityIds.join(' and ')}`, 'input.keep');
    }
    const sourceId = request.source ? await resolveSource(tx, request.source, actor) : null;
    const status = statusAfter(verdict);
    let merged: MergeDone | null = null;
    if (merging) {
      const keep = request.keep ?? decision.entityIds[0]!;
      const other = decision.entityIds.find((e) => e !== keep)!;
      try {
        merged = await mergeWithin(tx, { keep, merge: other, reason: `identity decision ${id} confirmed: ${note}` }, actor);
      } catch (error) {
        // The merge names mergeEntities' fields; here the decision is what cannot be confirmed.
        if (error instanceof BadUserInputError) throw new BadUserInputError(`Identity decision "${id}" cannot be confirmed: ${error.message}`, 'input.id');
        throw error;
      }
    }
    const [ruled] = await run<{ entity: { labels: string[]; props: Record<string, unknown> } | null }>(tx, cypherQuery('curation/ruleIdentity'), {
      id,
      status,
      actor,
      note,
      sourceId,
      subject: merged?.entity.id ?? decision.entityIds[0],
    });
    if (!ruled?.entity) throw new NotFoundError('Entity', decision.entityIds[0]!);
    const verb = verdict === 'CONFIRM' ? 'confirmed' : 'undid';
    const what = merged
      ? `merged ${merged.label} ${merged.mergedId} into ${merged.entity.id}: ${mergeCounts(merged)}`
      : decision.decision === 'SAME'
        ? verdict === 'CONFIRM'
          ? `the names stay merged in ${decision.entityIds[0]}`
          : `${decision.entityIds[0]} is not split: its names, facts and relationships stay on it`
        : `${decision.entityIds.join(' and ')} stay apart`;
    const change = await recordChange(tx, {
      kind: 'DECIDE_IDENTITY',
      targetIds: [id, ...decision.entityIds, ...(merged?.moved ?? [])],
      summary: `${verb} ${decision.decision} decision ${id}: ${what}`,
      subject: actor,
      sourceId,
      note,
      before: { status: decision.status },
      after: { status, ...(merged ? { kept: merged.entity.id, merged: merged.mergedId } : {}) },
    }, executor);
    const entity = toEntityRecord(ruled.entity);
    await recordVersions(tx, tracked, change, bases, entity);
    return { entity, mergedId: merged?.mergedId ?? null, change };
  });
}

/** The id `id` was merged into (see mergeEntities), or null when it was not merged. */
export async function findMergedInto(executor: Executor, id: string): Promise<string | null> {
  const [row] = await executor.read<{ id: string }>(cypherQuery('curation/mergedInto'), { id });
  return row?.id ?? null;
}

export async function recentChanges(executor: Executor, first: number): Promise<ChangeRecord[]> {
  const rows = await executor.read<{ change: Record<string, unknown> }>(cypherQuery('curation/recentChanges'), { first });
  return rows.map((r) => toChange(r.change));
}
