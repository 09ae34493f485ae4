import { randomUUID } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import { cypherQuery, type CypherQuery } from '../../db/cypher';
import { run, type Executor } from '../../db/executor';
import { relationshipId } from '../../domain/properties';
import { AppError, ErrorCode, NotFoundError } from '../../errors';
import * as curation from '../curation/repository';
import { atOperation, encodeCursor, parseOperation, type ChangeFilter, type ParsedOperation, type RestoreRequest, type SplitMergeRequest, type StoredOperation } from './inputs';
import { aliasKeyProperties } from '../../domain/nameKeys';
import { toChangeView, toRevisionView, type ChangePage, type ChangeStatus, type ChangeView, type HistoryPage, type RevisionView } from './records';
import { UNVERIFYING_SOURCE_KINDS } from '../../domain/model';
import { CITATION_FIELD, CLAIM_FIELD, IDENTITY_FIELD, recordRevisions, relationshipEnds, reviewQuery, snapshotsOf, track, type Base, type ChangesetScope, type TargetRows, type VersionStamps, type Writer } from './versions';

/**
 * Changesets: proposed, reviewed, applied. A changeset is a (:Change) holding
 * its operations as proposed (the direct mutations' inputs); approval applies
 * them with the curation writes themselves (src/modules/curation/repository.ts),
 * all in the approval's one transaction, so an approved changeset is written
 * whole or not at all. Change records are only ever created, and moved once from
 * PROPOSED to APPROVED or REJECTED.
 */

type Tx = ManagedTransaction;

/** Whether an author may review their own changeset (REVIEW_SECOND_PERSON=false). */
export interface ReviewPolicy {
  secondPerson: boolean;
}

/** Thrown to roll back a proposal's trial run once every operation passed. */
class TrialPassed extends Error {}

/** A Writer whose writes all run in `tx`, gathered into `scope`. */
const inTransaction = (tx: Tx, scope: ChangesetScope): Writer => ({ writeTransaction: (_name, work) => work(tx), changeset: scope });

/** The version fields each operation names, and the target each is about. */
function baseFields(op: ParsedOperation): [field: string, targetId: string][] {
  switch (op.op) {
    case 'upsertEntity':
    case 'recordAgreement':
      return [['expectedVersion', op.request.node.id]];
    case 'linkEntities':
      return [['expectedVersion', relationshipId(op.request.relationship)]];
    case 'retract':
      return [['expectedVersion', op.request.id]];
    case 'claim':
      return [['expectedVersion', op.request.entityId]];
    case 'cite':
      return [['expectedVersion', op.request.targetId]];
    case 'decideIdentity':
      // Its base is the decision's status: a ruling on one no longer STANDING is refused with CONFLICT.
      return [];
    case 'mergeEntities':
      return [
        ['keepVersion', op.request.keep],
        ['mergeVersion', op.request.merge],
      ];
    case 'restore':
      return [['expectedVersion', op.request.targetId]];
    case 'restoreSource':
      return [];
    case 'splitMerge':
      return [
        ['keepVersion', op.request.keep],
        ['mergeVersion', op.request.merge],
      ];
  }
}

/** Sets fields of one entity or relationship back (revertChange's operation), with its revision. */
async function restore(writer: Writer, request: RestoreRequest, actor: string, reason: string): Promise<void> {
  await writer.writeTransaction('changes/restore', async (tx) => {
    const bases = [{ id: request.targetId, kind: request.kind, expectedVersion: request.expectedVersion }];
    const entries = Object.entries(request.fields);
    const tracked = await track(tx, writer, bases, undefined, entries.some(([k]) => k.startsWith(CITATION_FIELD)));
    if (!tracked.before.get(request.targetId)?.exists) throw new NotFoundError(request.kind === 'entity' ? 'Entity' : 'Relationship', request.targetId);
    // A claim field is no property: null retracts the claim, a value brings it back;
    // an identity field sets the decision's status back (STANDING clears the ruling);
    // a citation field null uncites the source, a value cites it again with that evidence.
    const claims = entries.filter(([k]) => k.startsWith(CLAIM_FIELD));
    const decisions = entries.filter(([k]) => k.startsWith(IDENTITY_FIELD)).map(([k, v]) => ({ id: k.slice(IDENTITY_FIELD.length), status: String(v) }));
    const citations = entries.filter(([k]) => k.startsWith(CITATION_FIELD)).map(([k, v]) => ({ id: k.slice(CITATION_FIELD.length), evidence: v }));
    const props = entries.filter(([k]) => ![CLAIM_FIELD, IDENTITY_FIELD, CITATION_FIELD].some((prefix) => k.startsWith(prefix)));
    const set = Object.fromEntries(props.filter(([, v]) => v !== null));
    const remove = props.filter(([, v]) => v === null).map(([k]) => k);
    const claimIds = (restored: boolean) => claims.filter(([, v]) => (v !== null) === restored).map(([k]) => k.slice(CLAIM_FIELD.length));
    const params = {
      id: request.targetId,
      set,
      remove,
      actor,
      reason,
      claimsOff: claimIds(false),
      claimsOn: claimIds(true),
      decisions,
      citationsOff: citations.filter((c) => c.evidence === null).map((c) => c.id),
      citationsOn: citations.filter((c) => c.evidence !== null),
      unverifyingKinds: [...UNVERIFYING_SOURCE_KINDS],
    };
    if (request.kind === 'entity') await run(tx, cypherQuery('changes/restoreEntity'), params);
    else {
      const [from, , to] = request.targetId.split('--');
      await run(tx, cypherQuery('changes/restoreRelationship'), { ...params, from, to });
    }
    const scope = writer.changeset!;
    scope.written.push({ summary: `set ${entries.map(([k]) => k).join(', ')} of ${request.targetId} back`, targetIds: [request.targetId], sourceId: null });
    await recordRevisions(tx, tracked, { id: scope.id, subject: actor, targetIds: [request.targetId] }, bases);
  });
}

/** Brings a retracted source back with its citations (revertChange of a retractSource); CONFLICT when it is not retracted now. */
async function restoreSource(writer: Writer, sourceId: string): Promise<void> {
  await writer.writeTransaction('changes/restoreSource', async (tx) => {
    const [row] = await run<{ entities: string[]; relationships: string[] }>(tx, cypherQuery('changes/restoreSource'), { id: sourceId, unverifyingKinds: [...UNVERIFYING_SOURCE_KINDS] });
    if (!row) throw new AppError(`Source "${sourceId}" is not retracted now; there is nothing to bring back`, ErrorCode.CONFLICT, { sourceId, reason: 'SOURCE_NOT_RETRACTED' });
    writer.changeset!.written.push({
      summary: `brought source ${sourceId} back: it states ${row.entities.length} entities and ${row.relationships.length} relationships again`,
      targetIds: [sourceId, ...row.entities, ...row.relationships],
      sourceId,
    });
  });
}

/** A revision's fields that are properties (not claims, identity decisions or citations). */
const propertyFields = (r: RevisionView | undefined) => (r?.fields ?? []).filter((f) => ![CLAIM_FIELD, IDENTITY_FIELD, CITATION_FIELD].some((prefix) => f.field.startsWith(prefix)));
/** A revision's citation fields, each with the source id. */
const citationFields = (r: RevisionView | undefined) => (r?.fields ?? []).filter((f) => f.field.startsWith(CITATION_FIELD)).map((f) => ({ ...f, sourceId: f.field.slice(CITATION_FIELD.length) }));
/** A relationship revision of a relationship the change deleted: every field went to null. */
const deletedBy = (r: RevisionView) => r.targetKind === 'relationship' && !r.created && r.fields.every((f) => f.after === null);

/**
 * What splitting `merge` back out of `keep` takes, from the merge's revisions: keep's
 * fields back (its aliases' search keys with them), the citations and claims that
 * moved, the relationships the merge created on keep and those it deleted from merge.
 */
function splitPlan(revisions: RevisionView[], keep: string, merge: string) {
  const keepRevision = revisions.find((r) => r.targetId === keep);
  const mergeRevision = revisions.find((r) => r.targetId === merge);
  const keepFields = propertyFields(keepRevision);
  const keepSet: Record<string, unknown> = Object.fromEntries(keepFields.filter((f) => f.before !== null).map((f) => [f.field, f.before]));
  const keepRemove = keepFields.filter((f) => f.before === null).map((f) => f.field);
  const aliases = keepFields.find((f) => f.field === 'aliases');
  if (aliases) {
    for (const [property, keys] of Object.entries(aliasKeyProperties(aliases.before as string[] | null))) {
      if (keys) keepSet[property] = keys;
      else keepRemove.push(property);
    }
  }
  const relationships = revisions.filter((r) => r.targetKind === 'relationship');
  const recreate = relationships.filter(deletedBy).map((r) => {
    const { from, type, to } = relationshipEnds(r.targetId);
    const cited = citationFields(r).filter((c) => c.before !== null);
    const props = Object.fromEntries(propertyFields(r).filter((f) => f.before !== null).map((f) => [f.field, f.before]));
    return { id: r.targetId, type, from, to, props: { ...props, id: r.targetId, version: r.version, sourceIds: cited.map((c) => c.sourceId), evidence: cited.map((c) => c.before) } };
  });
  return {
    keepSet,
    keepRemove,
    keepCitationsOff: citationFields(keepRevision).filter((c) => c.before === null).map((c) => c.sourceId),
    mergeCitationsOn: citationFields(mergeRevision).filter((c) => c.after === null && c.before !== null).map((c) => ({ id: c.sourceId, evidence: c.before })),
    claimsBack: (mergeRevision?.fields ?? []).filter((f) => f.field.startsWith(CLAIM_FIELD) && f.after === null).map((f) => f.field.slice(CLAIM_FIELD.length)),
    dropRelationships: relationships.filter((r) => r.created).map((r) => relationshipEnds(r.targetId)),
    recreate,
  };
}

/** Splits a merge back (splitMerge, revertChange's inverse of a merge), with the revisions of both entities and of each relationship it touches. */
async function splitMerge(writer: Writer, request: SplitMergeRequest, actor: string): Promise<void> {
  const { keep, merge } = request;
  await writer.writeTransaction('changes/splitMerge', async (tx) => {
    const bases: Base[] = [
      { id: keep, kind: 'entity', expectedVersion: request.keepVersion },
      { id: merge, kind: 'entity', expectedVersion: request.mergeVersion },
    ];
    const tracked = await track(tx, writer, bases, { ids: [keep, merge] }, true);
    const revisions = (await run<{ revision: Record<string, unknown> }>(tx, cypherQuery('changes/revisionsOfChange'), { id: request.changeId })).map((r) => toRevisionView(r.revision));
    const plan = splitPlan(revisions, keep, merge);
    await run(tx, cypherQuery('changes/splitMerge'), { keep, merge, actor, ...plan, unverifyingKinds: [...UNVERIFYING_SOURCE_KINDS] });
    const targetIds = [keep, merge, ...plan.dropRelationships.map((r) => r.id), ...plan.recreate.map((r) => r.id)];
    writer.changeset!.written.push({ summary: `split ${merge} back out of ${keep} (the merge of change ${request.changeId})`, targetIds, sourceId: null });
    await recordRevisions(tx, tracked, { id: writer.changeset!.id, subject: actor, targetIds }, bases);
  });
}

/** Applies a changeset's operations in order inside `tx`; an operation's refusal names its place (input.operations.N.…). */
async function applyOperations(
  tx: Tx,
  scope: ChangesetScope,
  operations: ParsedOperation[],
  author: string,
  note: string,
  onApplied?: (index: number) => void,
  onStart?: (index: number) => void,
): Promise<void> {
  const writer = inTransaction(tx, scope);
  for (const [index, operation] of operations.entries()) {
    onStart?.(index);
    try {
      switch (operation.op) {
        case 'upsertEntity':
          await curation.upsertEntity(writer, operation.request, author);
          break;
        case 'linkEntities':
          await curation.linkEntities(writer, operation.request, author);
          break;
        case 'recordAgreement':
          await curation.recordAgreement(writer, operation.request, author);
          break;
        case 'retract':
          await curation.retract(writer, operation.request, author);
          break;
        case 'mergeEntities':
          await curation.mergeEntities(writer, operation.request, author);
          break;
        case 'claim':
          await curation.addClaim(writer, operation.request, author);
          break;
        case 'decideIdentity':
          await curation.decideIdentity(writer, operation.request, author);
          break;
        case 'cite':
          await curation.cite(writer, operation.request, author);
          break;
        case 'restore':
          await restore(writer, operation.request, author, note);
          break;
        case 'restoreSource':
          await restoreSource(writer, operation.request.sourceId);
          break;
        case 'splitMerge':
          await splitMerge(writer, operation.request, author);
          break;
      }
    } catch (error) {
      throw atOperation(error, index, operation.op);
    }
    onApplied?.(index);
  }
}

const unique = <T>(values: T[]): T[] => [...new Set(values)];

/** The targets `operations` name, or 'all' when one of them does not say up front (an identity ruling's entities). */
function laterTargets(operations: ParsedOperation[]): Set<string> | 'all' {
  if (operations.some((o) => o.op === 'decideIdentity')) return 'all';
  return new Set(operations.flatMap((o) => baseFields(o).map(([, target]) => target)));
}

/** What a trial of a changeset found: its operations with every base filled in, and what each would write. */
interface Trial {
  scope: ChangesetScope;
  based: StoredOperation[];
}

/**
 * Runs a changeset's operations in a write transaction that is then rolled
 * back, so every refusal an applied write would meet now (inputs, likely
 * duplicates, endpoint rules, versions, a missing source) is met now. A base
 * version an operation did not name is filled in with the version the trial found.
 */
async function tryOperations(executor: Executor, operations: StoredOperation[], note: string, author: string, id: string = randomUUID()): Promise<Trial> {
  return tryParsed(executor, parseAll(operations), note, author, id);
}

/** A changeset's operations parsed (zod), a refusal naming its operation's place. */
function parseAll(operations: StoredOperation[]): ParsedOperation[] {
  return operations.map((operation, index) => {
    try {
      return parseOperation(operation);
    } catch (error) {
      throw atOperation(error, index, operation.op);
    }
  });
}

async function tryParsed(executor: Executor, parsed: ParsedOperation[], note: string, author: string, id: string): Promise<Trial> {
  const scope: ChangesetScope = { id, written: [], bases: new Map(), trialVersions: new Map() };
  const based = parsed.map((p) => ({ op: p.op, input: { ...p.input } }));
  try {
    await executor.writeTransaction('changes/tryProposal', async (tx) => {
      scope.written = [];
      scope.trialVersions = new Map();
      await applyOperations(
        tx,
        scope,
        parsed,
        author,
        note,
        (index) => {
          for (const [field, target] of baseFields(parsed[index]!)) {
            if (based[index]!.input[field] === undefined || based[index]!.input[field] === null) based[index]!.input[field] = scope.bases.get(target);
          }
        },
        (index) => (scope.laterTargets = laterTargets(parsed.slice(index + 1))),
      );
      throw new TrialPassed();
    });
  } catch (error) {
    if (!(error instanceof TrialPassed)) throw error;
  }
  return { scope, based };
}

/** The Change fields a trial gives: what the changeset would touch and write, and its operations as stored. */
const trialFields = ({ scope, based }: Trial) => ({
  targetIds: unique(scope.written.flatMap((w) => w.targetIds)),
  summary: `proposed: ${scope.written.map((w) => w.summary).join('; ')}`,
  sourceId: scope.written.find((w) => w.sourceId)?.sourceId ?? null,
  operations: JSON.stringify(based),
});

/**
 * Stores a changeset as PROPOSED, after a trial (tryOperations): a proposal that
 * could not apply is refused now. A lone upsertEntity citing a source by id (the
 * common proposal) needs no trial: its refusals are all reads (proposeUpsert).
 */
export async function proposeChange(executor: Executor, operations: StoredOperation[], note: string, author: string, revertOf: string | null = null): Promise<ChangeView> {
  const parsed = parseAll(operations);
  const [only] = parsed;
  if (parsed.length === 1 && only!.op === 'upsertEntity' && only.request.source.id !== undefined) {
    return proposeUpsert(executor, { ...only, request: { ...only.request, source: { id: only.request.source.id } } }, note, author, revertOf);
  }
  const trial = await tryParsed(executor, parsed, note, author, randomUUID());
  const [row] = await executor.write<{ change: Record<string, unknown> }>(cypherQuery('changes/createChangeset'), {
    id: trial.scope.id,
    ...trialFields(trial),
    located: null,
    author,
    note,
    revertOf,
  });
  return toChangeView(row!.change);
}

/**
 * Proposes one upsertEntity citing a source by id in one write transaction of
 * one statement: its refusals met by reads (curation.checkUpsertEntity: the base
 * version, the id, likely duplicates) and the Change stored by the same statement
 * (changes/createChangeset along with the reads), which also refuses a missing
 * source and names the entity's LOCATED_IN among its targets, as the trial would
 * have found them. A refusal throws, so the transaction rolls the Change back.
 * The Change is stored on the guess that the entity is new unless the request
 * names a base above 0; when the reads say otherwise (an update proposed without
 * a base), its summary and base version are corrected by a second statement.
 * Nothing of the entity is written.
 */
async function proposeUpsert(
  executor: Executor,
  operation: Extract<ParsedOperation, { op: 'upsertEntity' }> & { request: { source: { id: string } } },
  note: string,
  author: string,
  revertOf: string | null,
): Promise<ChangeView> {
  const scope: ChangesetScope = { id: randomUUID(), written: [], bases: new Map() };
  const { node } = operation.request;
  const operations = (expectedVersion: unknown) => JSON.stringify([{ op: operation.op, input: { ...operation.input, expectedVersion } }]);
  return executor.writeTransaction('changes/proposeUpsert', async (tx) => {
    const guess = { summary: '', operations: operations(operation.input.expectedVersion ?? 0) };
    const checked = await curation
      .checkUpsertEntity(tx, inTransaction(tx, scope), operation.request, (expected) => {
        guess.summary = `proposed: ${expected.summary}`;
        return {
          query: cypherQuery('changes/createChangeset'),
          columns: ['change'],
          params: {
            id: scope.id,
            targetIds: [node.id],
            summary: guess.summary,
            sourceId: expected.sourceId,
            operations: guess.operations,
            located: { entityId: node.id, sourceId: expected.sourceId, countryCode: expected.countryCode },
            author,
            note,
            revertOf,
          },
        };
      })
      .catch((error: unknown) => {
        throw atOperation(error, 0, operation.op);
      });
    const stored = checked.stored?.change as Record<string, unknown> | null | undefined;
    if (!stored) throw atOperation(new NotFoundError('Source', checked.sourceId), 0, operation.op);
    const found = { summary: `proposed: ${checked.summary}`, operations: operations(operation.input.expectedVersion ?? scope.bases.get(node.id)) };
    if (found.summary === guess.summary && found.operations === guess.operations) return toChangeView(stored);
    const [row] = await run<{ change: Record<string, unknown> }>(tx, cypherQuery('changes/correctProposal'), { id: scope.id, ...found });
    return toChangeView(row!.change);
  });
}

/** The base fields an operation names (expectedVersion; keepVersion and mergeVersion of a merge), which a rebase sets anew. */
const BASE_FIELDS = ['expectedVersion', 'keepVersion', 'mergeVersion'];

/**
 * Bases a PROPOSED changeset on the graph as it is now, by its author: each
 * operation's base versions become the current ones (with `operations`, those
 * replace the stored ones, e.g. with new values; bases they name are kept), after
 * the same trial a proposal gets. The changeset keeps its id; its earlier
 * operations stay on it (rebasedFrom). FORBIDDEN for anyone but its author,
 * CONFLICT unless it is PROPOSED (also when it was reviewed during the trial).
 */
export async function rebaseChange(executor: Executor, id: string, author: string, operations: StoredOperation[] | null, note: string | null): Promise<ChangeView> {
  const change = await changeById(executor, id);
  if (!change) throw new NotFoundError('Change', id);
  const refusal = rebaseRefusal(change, author);
  if (refusal) throw refusal;
  const given = operations ?? (JSON.parse(change.operations ?? '[]') as StoredOperation[]).map((o) => ({ op: o.op, input: Object.fromEntries(Object.entries(o.input).filter(([k]) => !BASE_FIELDS.includes(k))) }));
  const trial = await tryOperations(executor, given, note ?? change.note, author, id);
  return executor.writeTransaction('changes/rebase', async (tx) => {
    const [now] = await run<{ change: Record<string, unknown> }>(tx, cypherQuery('changes/lockChange'), { id });
    const moved = rebaseRefusal(toChangeView(now!.change), author);
    if (moved) throw moved;
    const [row] = await run<{ change: Record<string, unknown> }>(tx, cypherQuery('changes/rebase'), { id, ...trialFields(trial), note: note ?? change.note });
    return toChangeView(row!.change);
  });
}

/** Why `author` may not rebase `change`: not theirs (FORBIDDEN), or no longer PROPOSED (CONFLICT); null when they may. */
function rebaseRefusal(change: ChangeView, author: string): AppError | null {
  if (change.kind !== 'CHANGESET' || change.subject !== author) {
    return new AppError(`Only the author of changeset "${change.id}" may rebase it`, ErrorCode.FORBIDDEN, { id: change.id, author: change.subject });
  }
  if (change.status !== 'PROPOSED') {
    return new AppError(`Change "${change.id}" is ${change.status}; only a PROPOSED changeset can be rebased`, ErrorCode.CONFLICT, { id: change.id, status: change.status });
  }
  return null;
}

/** The changeset `id`, write-locked for review: NOT_FOUND when absent, CONFLICT unless PROPOSED, FORBIDDEN for its own author under the two-person rule. */
async function forReview(tx: Tx, id: string, reviewer: string, policy: ReviewPolicy): Promise<ChangeView> {
  const [row] = await run<{ change: Record<string, unknown> }>(tx, cypherQuery('changes/lockChange'), { id });
  return reviewable(row?.change, id, reviewer, policy);
}

/** The locked change, or the refusal forReview describes. */
function reviewable(props: Record<string, unknown> | undefined, id: string, reviewer: string, policy: ReviewPolicy): ChangeView {
  if (!props) throw new NotFoundError('Change', id);
  const change = toChangeView(props);
  if (change.status !== 'PROPOSED') {
    throw new AppError(`Change "${id}" is ${change.status}${change.reviewer ? ` (by ${change.reviewer})` : ''}; only a PROPOSED changeset can be reviewed`, ErrorCode.CONFLICT, {
      id,
      status: change.status,
    });
  }
  if (policy.secondPerson && change.subject === reviewer) {
    throw new AppError('A changeset is reviewed by someone other than its author (the two-person rule)', ErrorCode.FORBIDDEN, { id, author: change.subject });
  }
  return change;
}

/**
 * changes/lockChange and, in the same statement, when the locked change is PROPOSED
 * and its targets name one entity (a lone upsert's do: the entity and its LOCATED_IN),
 * that entity write-locked and read with its relationships of $incidentTypes
 * (changes/targets), as an upsert's track would lock and read it. Named changes/lockChange.
 */
let lockChangeWithTargetsText: CypherQuery | undefined;
const lockChangeWithTargets = (): CypherQuery =>
  (lockChangeWithTargetsText ??= {
    name: 'changes/lockChange',
    text: `CALL () {
${cypherQuery('changes/lockChange').text}
}
WITH change, [t IN change.targetIds WHERE NOT t CONTAINS '--'] AS entityIds
WITH change, CASE WHEN change.status = 'PROPOSED' AND size(entityIds) = 1 THEN entityIds ELSE [] END AS ids
CALL (ids) {
  WITH ids, ids AS incidentIds, [] AS rels
${cypherQuery('changes/targets').text}
}
RETURN change, entities, relationships`,
  });

/**
 * forReview of an approval: the change locked and checked, and, in the same
 * statement, the entity of a lone upsert locked and read (lockChangeWithTargets),
 * for its track to use (ChangesetScope.locked) instead of a statement of its own.
 */
async function forApproval(tx: Tx, id: string, reviewer: string, policy: ReviewPolicy): Promise<{ change: ChangeView; parsed: ParsedOperation[]; locked?: ChangesetScope['locked'] }> {
  const [row] = await run<{ change: Record<string, unknown> } & TargetRows>(tx, lockChangeWithTargets(), { id, lock: true, incidentTypes: curation.UPSERT_INCIDENT_TYPES, citations: false });
  const change = reviewable(row?.change, id, reviewer, policy);
  const parsed = (JSON.parse(change.operations ?? '[]') as StoredOperation[]).map(parseOperation);
  const [only] = parsed;
  const ids = row!.entities.map((e) => e.id);
  if (parsed.length !== 1 || only!.op !== 'upsertEntity' || ids.length !== 1 || ids[0] !== only.request.node.id) return { change, parsed };
  return { change, parsed, locked: { ids, incidentTypes: curation.UPSERT_INCIDENT_TYPES, targets: snapshotsOf(row) } };
}

/**
 * Approves a PROPOSED changeset and applies it, in one write transaction: the
 * change is locked first (two approvals of one changeset run one after the
 * other; the second finds it APPROVED: CONFLICT), then each operation runs with
 * its base version checked. A base out of date refuses the whole approval with
 * CONFLICT and the changeset stays PROPOSED, for its author to propose again on
 * the new base.
 */
export function approveChange(executor: Executor, id: string, reviewer: string, comment: string | null, policy: ReviewPolicy): Promise<ChangeView> {
  return executor.writeTransaction('changes/approve', async (tx) => {
    const { change, parsed, locked } = await forApproval(tx, id, reviewer, policy);
    // One upsert or link stamps its revisions once, last: they can wait for the review's statement.
    const deferredRevisions: VersionStamps[] | undefined = parsed.length === 1 && DEFERRABLE.has(parsed[0]!.op) ? [] : undefined;
    // A lone upsert whose entity was locked with its change may store the review with its write.
    const scope: ChangesetScope = { id, written: [], bases: new Map(), deferredRevisions, locked, review: locked ? { reviewer, comment } : undefined };
    await applyOperations(tx, scope, parsed, change.subject, change.note);
    if (scope.review?.reviewed) return toChangeView(scope.review.reviewed);
    const review = {
      changeId: id,
      status: 'APPROVED',
      reviewer,
      comment,
      targetIds: unique(scope.written.flatMap((w) => w.targetIds)),
      summary: scope.written.map((w) => w.summary).join('; '),
    };
    const stamps = deferredRevisions?.filter((d) => d.revisions.length > 0) ?? [];
    const [row] =
      stamps.length > 0
        ? await run<{ change: Record<string, unknown> }>(tx, reviewWithVersions(), {
            ...review,
            revisions: stamps.flatMap((d) => d.revisions),
            subject: stamps[0]!.subject,
            entityIds: unique(stamps.flatMap((d) => d.entityIds)),
          })
        : await run<{ change: Record<string, unknown> }>(tx, reviewQuery(), review);
    return toChangeView(row!.change);
  });
}

/** The operations whose approval alone may store its revisions with the review: each tracks its targets and stamps them once. */
const DEFERRABLE = new Set<StoredOperation['op']>(['upsertEntity', 'linkEntities']);

/** changes/setVersions, then changes/review, as one statement (named changes/review). */
let reviewWithVersionsText: CypherQuery | undefined;
const reviewWithVersions = (): CypherQuery => (reviewWithVersionsText ??= { name: 'changes/review', text: `CALL () {\n${cypherQuery('changes/setVersions').text}\n}\n${reviewQuery().text}` });

/** Rejects a PROPOSED changeset with the reviewer's comment; nothing of it is applied. */
export function rejectChange(executor: Executor, id: string, reviewer: string, comment: string, policy: ReviewPolicy): Promise<ChangeView> {
  return executor.writeTransaction('changes/reject', async (tx) => {
    await forReview(tx, id, reviewer, policy);
    const [row] = await run<{ change: Record<string, unknown> }>(tx, reviewQuery(), { changeId: id, status: 'REJECTED', reviewer, comment, targetIds: [], summary: '' });
    return toChangeView(row!.change);
  });
}

/** One change by id, or null. */
export async function changeById(executor: Executor, id: string): Promise<ChangeView | null> {
  const [row] = await executor.read<{ change: Record<string, unknown> }>(cypherQuery('changes/changeById'), { id });
  return row ? toChangeView(row.change) : null;
}

/** What one change did, target by target (empty unless applied). */
export async function revisionsOf(executor: Executor, changeId: string): Promise<RevisionView[]> {
  const rows = await executor.read<{ revision: Record<string, unknown> }>(cypherQuery('changes/revisionsOfChange'), { id: changeId });
  return rows.map((r) => toRevisionView(r.revision));
}

/**
 * Proposes the inverse of an applied change: each field it set goes back to its
 * value before, and what it created is retracted. Refused with CONFLICT, naming
 * each field and the later change, when a later change touched one of the same
 * fields. A source's retraction is undone by bringing the source back with its
 * citations (restoreSource), a merge by splitting it back from what it recorded
 * (splitMerge). BAD_USER_INPUT with a coded `reason` for a change with no inverse:
 * a load (LOAD_NOT_RECORDED: it kept no before and after), a merge that did not
 * record its citations (MERGE_NOT_RECORDED), a change that wrote nothing (NOTHING_RECORDED).
 */
export async function revertChange(executor: Executor, id: string, note: string, author: string): Promise<ChangeView> {
  const change = await changeById(executor, id);
  if (!change) throw new NotFoundError('Change', id);
  if (change.status !== 'APPROVED') throw new AppError(`Change "${id}" is ${change.status}; only an applied change can be reverted`, ErrorCode.CONFLICT, { id, status: change.status });
  if (change.kind === 'LOAD') {
    throw new AppError(
      `Change "${id}" is a load, which recorded no before and after of what it changed, so it has no inverse: load the earlier files again, or propose the values by hand`,
      ErrorCode.BAD_USER_INPUT,
      { field: 'id', reason: 'LOAD_NOT_RECORDED', kind: change.kind },
    );
  }
  if (change.kind === 'RETRACT_SOURCE') return revertSourceRetraction(executor, change, note, author);
  const revisions = await revisionsOf(executor, id);
  if (revisions.length === 0) {
    throw new AppError(`Change "${id}" (${change.kind}) changed no field of any entity or relationship, so there is nothing to set back`, ErrorCode.BAD_USER_INPUT, {
      field: 'id',
      reason: 'NOTHING_RECORDED',
      kind: change.kind,
    });
  }
  const merged = revisions.find((r) => r.fields.some((f) => f.field === 'mergedInto' && f.before === null));
  if (merged) return revertMerge(executor, change, revisions, merged, note, author);
  const later = await executor.read<{ targetId: string; version: number; changeId: string; fieldNames: string[] }>(cypherQuery('changes/revisionsSince'), {
    since: revisions.map((r) => ({ id: r.targetId, version: r.version })),
  });
  const conflicts = revisions.flatMap((r) => {
    const own = new Set(r.created ? ['retracted', ...r.fields.map((f) => f.field)] : r.fields.map((f) => f.field));
    return later
      .filter((l) => l.targetId === r.targetId)
      .flatMap((l) => l.fieldNames.filter((f) => own.has(f)).map((field) => ({ targetId: r.targetId, field, changeId: l.changeId, version: Number(l.version) })));
  });
  if (conflicts.length > 0) {
    const named = unique(conflicts.map((c) => `${c.targetId}.${c.field} (change ${c.changeId})`));
    throw new AppError(`Later changes touched the same fields: ${named.join(', ')}; revert those first or propose the values by hand`, ErrorCode.CONFLICT, { conflicts });
  }
  const operations: StoredOperation[] = revisions.map((r) => ({
    op: 'restore',
    input: {
      targetId: r.targetId,
      kind: r.targetKind,
      fields: r.created ? { retracted: true } : Object.fromEntries(r.fields.map((f) => [f.field, f.before])),
    },
  }));
  return proposeChange(executor, operations, note, author, id);
}

/**
 * Proposes splitting a merge back: `merged` (the tombstone's revision) names both
 * entities. Refused with a coded reason when the merge did not record its citations
 * (merges made before merges recorded them, and identity rulings), or when the change
 * did more than the merge; with CONFLICT, naming each, when a later change touched one
 * of its targets. Relationships the merge combined with one keep held are set back by
 * a restore each.
 */
async function revertMerge(executor: Executor, change: ChangeView, revisions: RevisionView[], merged: RevisionView, note: string, author: string): Promise<ChangeView> {
  const merge = merged.targetId;
  const keep = String(merged.fields.find((f) => f.field === 'mergedInto')!.after);
  if (!merged.fields.some((f) => f.field.startsWith(CITATION_FIELD))) {
    throw new AppError(
      `Change "${change.id}" merged ${merge} into ${keep} without recording which citations moved (a merge before merges recorded them, or an identity ruling), so it cannot be split back: split the entity by hand`,
      ErrorCode.BAD_USER_INPUT,
      { field: 'id', reason: 'MERGE_NOT_RECORDED', kind: change.kind },
    );
  }
  const ours = (r: RevisionView) => r.targetId === keep || r.targetId === merge || (r.targetKind === 'relationship' && [keep, merge].some((e) => [relationshipEnds(r.targetId).from, relationshipEnds(r.targetId).to].includes(e)));
  if (!revisions.every(ours)) {
    throw new AppError(`Change "${change.id}" did more than merge ${merge} into ${keep}; revert its other writes by hand first`, ErrorCode.BAD_USER_INPUT, {
      field: 'id',
      reason: 'MERGE_WITH_OTHER_WRITES',
      kind: change.kind,
    });
  }
  const later = await executor.read<{ targetId: string; version: number; changeId: string; fieldNames: string[] }>(cypherQuery('changes/revisionsSince'), {
    since: revisions.map((r) => ({ id: r.targetId, version: r.version })),
  });
  if (later.length > 0) {
    const conflicts = later.flatMap((l) => l.fieldNames.map((field) => ({ targetId: l.targetId, field, changeId: l.changeId, version: Number(l.version) })));
    const named = unique(later.map((l) => `${l.targetId} (change ${l.changeId})`));
    throw new AppError(`Later changes touched what the merge wrote: ${named.join(', ')}; revert those first`, ErrorCode.CONFLICT, { conflicts });
  }
  const combined = revisions.filter((r) => r.targetKind === 'relationship' && !r.created && !deletedBy(r));
  const operations: StoredOperation[] = [
    { op: 'splitMerge', input: { changeId: change.id, keep, merge } },
    ...combined.map((r): StoredOperation => ({ op: 'restore', input: { targetId: r.targetId, kind: 'relationship', fields: Object.fromEntries(r.fields.map((f) => [f.field, f.before])) } })),
  ];
  return proposeChange(executor, operations, note, author, change.id);
}

/**
 * Proposes bringing back the source a retractSource withdrew, with the citations
 * it had (the inverse the retraction kept on the source). CONFLICT when the source
 * is live again (a revert of it was applied already).
 */
async function revertSourceRetraction(executor: Executor, change: ChangeView, note: string, author: string): Promise<ChangeView> {
  const sourceId = change.targetIds[0]!;
  const [row] = await executor.read<{ retracted: boolean }>(cypherQuery('changes/sourceRetracted'), { id: sourceId });
  if (!row?.retracted) {
    throw new AppError(`Source "${sourceId}" is not retracted now (a later change brought it back), so change "${change.id}" has nothing to revert`, ErrorCode.CONFLICT, {
      sourceId,
      reason: 'SOURCE_NOT_RETRACTED',
    });
  }
  return proposeChange(executor, [{ op: 'restoreSource', input: { sourceId } }], note, author, change.id);
}

/** A row of a history read: the revision, its change (null when missing), the change's source when read apart from it. */
export interface HistoryRow {
  revision: Record<string, unknown>;
  change: Record<string, unknown> | null;
  source?: unknown;
}

/** A page of an entity's or relationship's history, newest first; `full`: with each change's operations and before/after. */
export async function history(executor: Executor, targetId: string, first: number, beforeVersion: number | null, full = true): Promise<HistoryPage> {
  const rows = await executor.read<HistoryRow>(cypherQuery('changes/history'), {
    id: targetId,
    before: beforeVersion,
    limit: first + 1,
    full,
  });
  return historyPage(rows, first, beforeVersion);
}

/**
 * The page of `first` revisions from rows read newest first, one more than the
 * page when another follows: changes/history's, or the entity read's compiled
 * history (src/translate/emit.ts historyValue, which carries the source beside the change).
 */
export function historyPage(rows: readonly HistoryRow[], first: number, beforeVersion: number | null): HistoryPage {
  const edges = rows.slice(0, first).map((r) => {
    const change = r.change && 'source' in r ? { ...r.change, source: r.source ?? null } : r.change;
    const node = toRevisionView(r.revision, change);
    return { cursor: encodeCursor({ v: node.version }), node };
  });
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, hasPreviousPage: beforeVersion !== null, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/**
 * A page of changes, newest first, filtered as ChangeFilter says; `full`: with
 * their operations and before/after; `sources`: with each change's source read
 * (else Change.source is looked up when asked).
 */
export async function changesPage(executor: Executor, filter: ChangeFilter, full = true, sources = true): Promise<ChangePage> {
  const rows = await executor.read<{ change: Record<string, unknown> }>(cypherQuery('changes/page'), {
    since: filter.since,
    until: filter.until,
    entity: filter.entity,
    types: filter.types,
    countries: filter.countries,
    status: filter.status satisfies ChangeStatus[],
    afterAt: filter.after?.at ?? null,
    afterId: filter.after?.id ?? null,
    limit: filter.first + 1,
    full,
    sources,
  });
  const edges = rows.slice(0, filter.first).map((r) => {
    const { source, ...unsourced } = r.change;
    const node = toChangeView(sources ? { ...unsourced, source } : unsourced);
    return { cursor: encodeCursor({ at: node.statusAt ?? node.at, id: node.id }), node };
  });
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > filter.first, hasPreviousPage: filter.after !== null, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
