import { z } from 'zod';
import { ENTITY_LABELS } from '../../domain/model';
import { AppError, BadUserInputError } from '../../errors';
import { entityId, isoDate, pageSize, parseArgs } from '../../validation';
import { parseAddClaim, parseCite, parseDecideIdentity, parseLinkEntities, parseMergeEntities, parseRecordAgreement, parseRetract, parseUpsertEntity } from '../curation/inputs';
import type { AddClaimRequest, CiteRequest, DecideIdentityRequest, LinkEntitiesRequest, MergeEntitiesRequest, RecordAgreementRequest, RetractRequest, UpsertEntityRequest } from '../curation/inputs';
import type { ChangeStatus } from './records';
import { decodeOpaqueCursor } from '../../translate/cursor';

/**
 * Validation of changesets and the change feed's filters. Each operation of a
 * changeset is checked with the parser of the direct mutation of the same name
 * (src/modules/curation/inputs.ts), so a proposal obeys exactly the rules a
 * direct write does; an error names its field inside the operation
 * ("input.operations.1.linkEntities.from").
 */

/** The operations a changeset may hold: the direct mutations', `claim` (a value recorded beside the graph's), `decideIdentity` (a ruling), `cite` (a source for what the graph holds), and `restore` (only revertChange makes it). */
export const OPERATION_NAMES = ['upsertEntity', 'linkEntities', 'recordAgreement', 'retract', 'mergeEntities', 'claim', 'decideIdentity', 'cite'] as const;
export type OperationName = (typeof OPERATION_NAMES)[number] | 'restore' | 'restoreSource' | 'splitMerge';

/** Splits a merge back (revertChange of a mergeEntities), from the merge's revisions. */
export interface SplitMergeRequest {
  changeId: string;
  keep: string;
  merge: string;
  /** Filled in at proposal with the versions the two had. */
  keepVersion?: number;
  mergeVersion?: number;
}

/** Brings a retracted source back (revertChange of a retractSource). */
export interface RestoreSourceRequest {
  sourceId: string;
}

/** Sets fields of one entity or relationship back (revertChange): null removes one; `retracted: true` retracts it. */
export interface RestoreRequest {
  targetId: string;
  kind: 'entity' | 'relationship';
  /** Filled in at proposal with the version the target had. */
  expectedVersion?: number;
  fields: Record<string, unknown>;
}

/** One operation as stored with its changeset: the mutation's name and its input as given (plus the bases found at proposal). */
export interface StoredOperation {
  op: OperationName;
  input: Record<string, unknown>;
}

/** A stored operation with its parsed request. */
export type ParsedOperation =
  | { op: 'upsertEntity'; input: Record<string, unknown>; request: UpsertEntityRequest }
  | { op: 'linkEntities'; input: Record<string, unknown>; request: LinkEntitiesRequest }
  | { op: 'recordAgreement'; input: Record<string, unknown>; request: RecordAgreementRequest }
  | { op: 'retract'; input: Record<string, unknown>; request: RetractRequest }
  | { op: 'mergeEntities'; input: Record<string, unknown>; request: MergeEntitiesRequest }
  | { op: 'claim'; input: Record<string, unknown>; request: AddClaimRequest }
  | { op: 'decideIdentity'; input: Record<string, unknown>; request: DecideIdentityRequest }
  | { op: 'cite'; input: Record<string, unknown>; request: CiteRequest }
  | { op: 'restore'; input: Record<string, unknown>; request: RestoreRequest }
  | { op: 'restoreSource'; input: Record<string, unknown>; request: RestoreSourceRequest }
  | { op: 'splitMerge'; input: Record<string, unknown>; request: SplitMergeRequest };

const restoreSchema = z
  .object({
    targetId: z.string().min(1).max(400),
    kind: z.enum(['entity', 'relationship']),
    expectedVersion: z.number().int().min(0).optional(),
    fields: z.record(z.string(), z.unknown()),
  })
  .strict();

const restoreSourceSchema = z.object({ sourceId: z.string().min(1).max(200) }).strict();
const splitMergeSchema = z
  .object({
    changeId: z.string().min(1).max(100),
    keep: entityId,
    merge: entityId,
    keepVersion: z.number().int().min(0).optional(),
    mergeVersion: z.number().int().min(0).optional(),
  })
  .strict();

/** Parses one stored operation with its mutation's parser. Errors name fields as that mutation's input (`input.name`). */
export function parseOperation(stored: StoredOperation): ParsedOperation {
  const args = { input: stored.input };
  switch (stored.op) {
    case 'upsertEntity':
      return { ...stored, op: stored.op, request: parseUpsertEntity(args) };
    case 'linkEntities':
      return { ...stored, op: stored.op, request: parseLinkEntities(args) };
    case 'recordAgreement':
      return { ...stored, op: stored.op, request: parseRecordAgreement(args) };
    case 'retract':
      return { ...stored, op: stored.op, request: parseRetract(args) };
    case 'mergeEntities':
      return { ...stored, op: stored.op, request: parseMergeEntities(args) };
    case 'claim':
      return { ...stored, op: stored.op, request: parseAddClaim(args) };
    case 'decideIdentity':
      return { ...stored, op: stored.op, request: parseDecideIdentity(args) };
    case 'cite':
      return { ...stored, op: stored.op, request: parseCite(args) };
    case 'restore':
      return { ...stored, op: stored.op, request: parseArgs(restoreSchema, stored.input) };
    case 'restoreSource':
      return { ...stored, op: stored.op, request: parseArgs(restoreSourceSchema, stored.input) };
    case 'splitMerge':
      return { ...stored, op: stored.op, request: parseArgs(splitMergeSchema, stored.input) };
  }
}

/** An error about operation `index`, its field named as a path into proposeChange's arguments. */
export function atOperation(error: unknown, index: number, op: string): unknown {
  if (!(error instanceof AppError)) return error;
  const field = typeof error.details.field === 'string' ? error.details.field : undefined;
  const at = `input.operations.${index}.${op}`;
  const mapped = field === undefined ? undefined : field.replace(/^input(?=\.|$)/, at);
  return new AppError(error.message.replaceAll('input.', `${at}.`), error.code, { ...error.details, ...(mapped ? { field: mapped } : {}), operation: index });
}

const note = z.string({ error: 'is required' }).trim().min(1, 'must not be empty').max(600, 'must be at most 600 characters');

const operationList = z
  .array(z.record(z.string(), z.unknown()))
  .min(1, 'needs at least one operation')
  .max(20, 'at most 20 operations');

const proposeArgs = z.object({ input: z.object({ operations: operationList, note }).strict() });

/** Each operation given with exactly one field, as a StoredOperation; `at` names the list in errors. */
function storedOperations(operations: Record<string, unknown>[], at: string): StoredOperation[] {
  return operations.map((operation, i): StoredOperation => {
    const given = Object.entries(operation).filter(([, v]) => v !== null && v !== undefined);
    if (given.length !== 1) throw new BadUserInputError(`Invalid argument ${at}.${i}: give exactly one of ${OPERATION_NAMES.join(', ')}`, `${at}.${i}`);
    const [op, value] = given[0]!;
    if (!(OPERATION_NAMES as readonly string[]).includes(op)) throw new BadUserInputError(`Invalid argument ${at}.${i}.${op}: is not an operation`, `${at}.${i}.${op}`);
    return { op: op as OperationName, input: value as Record<string, unknown> };
  });
}

/** proposeChange's arguments: each operation with exactly one field, as StoredOperations; the note. */
export function parseProposeChange(args: unknown): { operations: StoredOperation[]; note: string } {
  const { input } = parseArgs(proposeArgs, args);
  return { operations: storedOperations(input.operations, 'input.operations'), note: input.note };
}

const rebaseArgs = z.object({ id: z.string().min(1).max(100), operations: operationList.nullish(), note: note.nullish() });

/** rebaseChange's arguments: the changeset, and optionally operations and a note replacing its own. */
export function parseRebase(args: unknown): { id: string; operations: StoredOperation[] | null; note: string | null } {
  const { id, operations, note: given } = parseArgs(rebaseArgs, args);
  return { id, operations: operations ? storedOperations(operations, 'operations') : null, note: given ?? null };
}

const idArgs = z.object({ id: z.string().min(1).max(100) });
const reviewArgs = z.object({ id: z.string().min(1).max(100), comment: z.string().trim().max(600, 'must be at most 600 characters').nullish() });
const rejectArgs = z.object({ id: z.string().min(1).max(100), comment: note });
const revertArgs = z.object({ id: z.string().min(1).max(100), note });

/** change(id)'s argument. */
export const parseChangeId = (args: unknown): { id: string } => parseArgs(idArgs, args);
/** approveChange's arguments. */
export const parseApprove = (args: unknown): { id: string; comment: string | null } => {
  const { id, comment } = parseArgs(reviewArgs, args);
  return { id, comment: comment ? comment : null };
};
/** rejectChange's arguments: the comment is required. */
export const parseReject = (args: unknown): { id: string; comment: string } => parseArgs(rejectArgs, args);
/** revertChange's arguments. */
export const parseRevert = (args: unknown): { id: string; note: string } => parseArgs(revertArgs, args);

/** An opaque page cursor: base64url of JSON. */
export const encodeCursor = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The Change fields kept out of history and change pages unless selected: the operations and before/after texts can be large. */
export const LARGE_CHANGE_FIELDS: ReadonlySet<string> = new Set(['operations', 'before', 'after']);


const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 instant').or(isoDate);
const TYPES = ENTITY_LABELS.map((l) => l.toUpperCase());
const STATUSES = ['PROPOSED', 'APPROVED', 'REJECTED'] as const;

const changesArgs = z.object({
  since: instant.nullish(),
  until: instant.nullish(),
  entity: entityId.nullish(),
  types: z.array(z.string().refine((t) => TYPES.includes(t), 'is not an entity type')).max(20).nullish(),
  countries: z.array(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as TW or JP')).max(50).nullish(),
  status: z.array(z.enum(STATUSES)).max(3).nullish(),
  first: pageSize(100).default(20),
  after: z.string().max(200).nullish(),
});

/** The change feed's filters, as `changes` and GET /feed.atom take them. */
export interface ChangeFilter {
  since: string | null;
  until: string | null;
  entity: string | null;
  types: string[] | null;
  countries: string[] | null;
  status: ChangeStatus[];
  first: number;
  after: { at: string; id: string } | null;
}

/** `changes`' arguments (and the feed's query parameters, parsed from text by the feed). */
export function parseChanges(args: unknown): ChangeFilter {
  const a = parseArgs(changesArgs, args);
  const iso = (s: string | null | undefined) => (s ? new Date(s).toISOString() : null);
  return {
    since: iso(a.since),
    until: iso(a.until),
    entity: a.entity ?? null,
    types: a.types?.length ? a.types : null,
    countries: a.countries?.length ? a.countries : null,
    status: a.status?.length ? a.status : ['APPROVED'],
    first: a.first,
    after: a.after ? decodeOpaqueCursor(a.after, z.object({ at: z.string(), id: z.string() }), 'after') : null,
  };
}
