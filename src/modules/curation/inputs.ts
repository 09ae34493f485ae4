import { z } from 'zod';
import { DATE_PROPERTIES, ENTITY_LABELS, IDENTITY_VERDICTS, PARTY_ROLES, RELATIONSHIP_TYPE_NAMES, type EntityLabel, type IdentityVerdict } from '../../domain/model';
import { WRITE, evidence as evidenceNote, slug, writtenSource, type WrittenNode, type WrittenRelationship } from '../../domain/writeSchemas';
import { BadUserInputError } from '../../errors';
import { pageSize, parseArgs, partialDate } from '../../validation';

/**
 * Validation of curation inputs. The envelope of each mutation is checked here;
 * the entity, relationship or new source itself is then checked with the
 * model's write schemas (src/domain/writeSchemas.ts), the ones both seed formats
 * use, so a curated fact obeys exactly the rules a seed file does. Every failure
 * is BAD_USER_INPUT naming the field as a path into the arguments (e.g. "input.source").
 */

/** An entity or relationship as curation writes it: with the evidence note, like a format-1 seed file's. */
const curatedNode = WRITE.node({ evidence: evidenceNote });
const curatedRelationship = WRITE.relationship({ evidence: evidenceNote });
export type CuratedNode = WrittenNode & { evidence: string };
export type CuratedRelationship = WrittenRelationship & { evidence: string };

/** GraphQL sends explicit nulls for optional fields; the seed schemas expect them absent. */
function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => [k, dropNulls(v)]),
    );
  }
  return value;
}

const sourceInput = z
  .object({ id: slug.optional(), new: writtenSource.optional() }, { error: 'is required: cite a source by id or give a new one' })
  .strict()
  .refine((s) => (s.id === undefined) !== (s.new === undefined), 'give exactly one of id and new');
export type SourceInput = z.infer<typeof sourceInput>;

const evidence = z
  .string({ error: 'is required: say what the source states, in our words' })
  .trim()
  .min(1, 'must not be empty')
  .max(600, 'must be at most 600 characters');

const jsonObject = z.record(z.string(), z.unknown(), { error: 'must be an object' });

/**
 * Ids of existing entities the caller checked and asserts are different from the
 * one written, so a close name of theirs is not refused as a likely duplicate.
 */
const distinctFrom = z
  .array(slug)
  .max(20, 'at most 20 ids')
  .optional()
  .transform((ids) => [...new Set(ids ?? [])]);

/** The version of the target the write was based on (0: it must not exist yet); a write on an older base is refused with CONFLICT. */
const expectedVersion = z.number().int('must be a whole number').min(0, 'must be 0 or more').optional();

/** A relationship's id: `from--TYPE--to`, with `--key` when two of one type join the same ends. */
const relationshipIdPattern = /^[a-z0-9-]+--[A-Z_]+--[a-z0-9-]+(--[a-z0-9-]+)?$/;

const reason = z.string().trim().min(1, 'must not be empty').max(600, 'must be at most 600 characters');

/** A label's own fields besides kind and country (Event's city and dates, Country's code, …): upsertEntity takes them from `facts`. */
const fieldsFromFacts = (label: EntityLabel) => WRITE.fieldsOf(label).filter((field) => field !== 'country');

const ENTITY_TYPES = ENTITY_LABELS.map((l) => l.toUpperCase()) as [string, ...string[]];
const labelOfType = (type: string): EntityLabel => ENTITY_LABELS.find((l) => l.toUpperCase() === type)!;

const upsertEntityArgs = z.object({
  input: z.object({
    type: z.enum(ENTITY_TYPES),
    id: z.string(),
    name: z.string(),
    aliases: z.array(z.string()).optional(),
    description: z.string(),
    kind: z.string().optional(),
    country: z.string().optional(),
    facts: jsonObject.optional(),
    distinctFrom,
    source: sourceInput,
    evidence,
    expectedVersion,
  }),
});

export interface UpsertEntityRequest {
  node: CuratedNode;
  source: SourceInput;
  distinctFrom: string[];
  expectedVersion?: number;
}

export function parseUpsertEntity(args: unknown): UpsertEntityRequest {
  const { input } = parseArgs(upsertEntityArgs, dropNulls(args));
  const label = labelOfType(input.type);
  if (label === 'Agreement') throw new BadUserInputError('Agreements are written with recordAgreement', 'input.type');
  const core = fieldsFromFacts(label);
  const facts = { ...(input.facts ?? {}) };
  const lifted: Record<string, unknown> = {};
  for (const key of core) {
    if (key in facts) {
      lifted[key] = facts[key];
      delete facts[key];
    }
  }
  const candidate = {
    label,
    id: input.id,
    name: input.name,
    aliases: input.aliases,
    description: input.description,
    kind: input.kind,
    country: input.country,
    evidence: input.evidence,
    properties: facts,
    ...lifted,
  };
  const node = parseArgs(curatedNode, dropNulls(candidate), (path) => {
    const [head, ...rest] = path;
    if (head === 'label') return ['input', 'type'];
    if (head === 'properties') return ['input', 'facts', ...rest];
    if (typeof head === 'string' && core.includes(head)) return ['input', 'facts', head, ...rest];
    return ['input', ...path];
  });
  return { node, source: input.source, distinctFrom: input.distinctFrom, expectedVersion: input.expectedVersion };
}

const linkEntitiesArgs = z.object({
  input: z.object({
    type: WRITE.relationshipType,
    from: z.string(),
    to: z.string(),
    key: z.string().optional(),
    properties: jsonObject.optional(),
    source: sourceInput,
    evidence,
    expectedVersion,
  }),
});

export interface LinkEntitiesRequest {
  relationship: CuratedRelationship;
  source: SourceInput;
  expectedVersion?: number;
}

export function parseLinkEntities(args: unknown): LinkEntitiesRequest {
  const { input } = parseArgs(linkEntitiesArgs, dropNulls(args));
  const { source, expectedVersion: base, ...rest } = input;
  const relationship = parseArgs(curatedRelationship, rest, (path) => ['input', ...path]);
  return { relationship, source, expectedVersion: base };
}

const recordAgreementArgs = z.object({
  input: z.object({
    id: z.string(),
    name: z.string(),
    aliases: z.array(z.string()).optional(),
    description: z.string(),
    kind: z.string(),
    exclusive: z.boolean(),
    territory: z.array(z.string()),
    rightsGranted: z.array(z.string()).optional(),
    signedOn: z.string().optional(),
    announcedOn: z.string().optional(),
    effectiveOn: z.string().optional(),
    parties: z
      .array(z.object({ organization: slug, role: z.enum(PARTY_ROLES) }))
      .min(1, 'needs at least one party')
      .max(20)
      .refine((ps) => new Set(ps.map((p) => p.organization)).size === ps.length, 'an organization may be listed as a party once'),
    facilitators: z.array(slug).max(20).optional(),
    covers: z.array(slug).max(20).optional(),
    distinctFrom,
    source: sourceInput,
    evidence,
    expectedVersion,
  }),
});

export interface RecordAgreementRequest {
  /** An Agreement. */
  node: CuratedNode;
  parties: { organization: string; role: string }[];
  facilitators: string[];
  covers: string[];
  source: SourceInput;
  distinctFrom: string[];
  expectedVersion?: number;
}

export function parseRecordAgreement(args: unknown): RecordAgreementRequest {
  const { input } = parseArgs(recordAgreementArgs, dropNulls(args));
  const { source, parties, facilitators, covers, distinctFrom: distinct, expectedVersion: base, ...fields } = input;
  const node = parseArgs(curatedNode, { label: 'Agreement', ...fields, properties: {} }, (path) => ['input', ...path]);
  return { node, parties, facilitators: [...new Set(facilitators ?? [])], covers: [...new Set(covers ?? [])], source, distinctFrom: distinct, expectedVersion: base };
}

const retractArgs = z.object({
  input: z
    .object({
      entityId: slug.optional(),
      relationshipId: z.string().regex(relationshipIdPattern, 'is not a relationship id').optional(),
      reason,
      expectedVersion,
    })
    .refine((i) => (i.entityId === undefined) !== (i.relationshipId === undefined), 'give exactly one of entityId and relationshipId'),
});

export type RetractRequest = ({ kind: 'entity'; id: string; reason: string } | { kind: 'relationship'; id: string; type: string; from: string; to: string; reason: string }) & { expectedVersion?: number };

export function parseRetract(args: unknown): RetractRequest {
  const { input } = parseArgs(retractArgs, dropNulls(args));
  if (input.entityId) return { kind: 'entity', id: input.entityId, reason: input.reason, expectedVersion: input.expectedVersion };
  const id = input.relationshipId!;
  const [from, type, to] = id.split('--') as [string, string, string];
  if (!(RELATIONSHIP_TYPE_NAMES as string[]).includes(type)) throw new BadUserInputError(`Unknown relationship type ${type}`, 'input.relationshipId');
  return { kind: 'relationship', id, type, from, to, reason: input.reason, expectedVersion: input.expectedVersion };
}

const mergeEntitiesArgs = z.object({
  input: z
    .object({ keep: slug, merge: slug, reason, keepVersion: expectedVersion, mergeVersion: expectedVersion })
    .strict()
    .refine((i) => i.keep !== i.merge, { message: 'cannot merge an entity with itself', path: ['merge'] }),
});

export interface MergeEntitiesRequest {
  keep: string;
  merge: string;
  reason: string;
  keepVersion?: number;
  mergeVersion?: number;
}

export function parseMergeEntities(args: unknown): MergeEntitiesRequest {
  return parseArgs(mergeEntitiesArgs, dropNulls(args)).input;
}

const recentChangesArgs = z.object({ first: pageSize(100) });

export function parseRecentChanges(args: unknown): { first: number } {
  return parseArgs(recentChangesArgs, args);
}

const retractSourceArgs = z.object({ id: slug, reason });

export interface RetractSourceRequest {
  id: string;
  reason: string;
}

/** retractSource's arguments: the source's id and why. */
export function parseRetractSource(args: unknown): RetractSourceRequest {
  return parseArgs(retractSourceArgs, dropNulls(args));
}

const decideIdentityArgs = z.object({
  input: z
    .object({
      id: slug,
      verdict: z.enum(IDENTITY_VERDICTS),
      note: reason,
      source: sourceInput.optional(),
      keep: slug.optional(),
    })
    .strict(),
});

export interface DecideIdentityRequest {
  id: string;
  verdict: IdentityVerdict;
  note: string;
  source?: SourceInput;
  keep?: string;
}

/** decideIdentity's input: the decision's id, the verdict, why, and optionally the source and (confirming a PROBABLY_SAME) the id that stays. */
export function parseDecideIdentity(args: unknown): DecideIdentityRequest {
  return parseArgs(decideIdentityArgs, dropNulls(args)).input;
}

/** Stored properties a claim cannot be about: identity, audit stamps and marks, not values a page states. */
const UNCLAIMABLE = new Set(['id', 'version', 'retracted', 'unverified', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'sourceIds', 'evidence']);

const claimArgs = z.object({
  input: z
    .object({
      entityId: slug,
      property: z
        .string()
        .regex(/^[a-z][A-Za-z0-9]{0,59}$/, 'must be a property name such as foundedOn or employees')
        .refine((p) => !UNCLAIMABLE.has(p), 'is not a property a page states'),
      value: z.union([z.string().trim().min(1, 'must not be empty').max(600, 'must be at most 600 characters'), z.number().finite(), z.boolean()], {
        error: 'must be a text, a number or true/false',
      }),
      asOf: partialDate.optional(),
      note: z.string().trim().min(1, 'must not be empty').max(600, 'must be at most 600 characters').optional(),
      source: sourceInput,
      evidence,
      expectedVersion,
    })
    .strict()
    .refine((i) => !(DATE_PROPERTIES as readonly string[]).includes(i.property) || partialDate.safeParse(i.value).success, {
      message: 'must be a date as YYYY, YYYY-MM or YYYY-MM-DD for a date property',
      path: ['value'],
    }),
});

/** A value one page states for a property of an entity, recorded beside what the graph holds (never over it). */
export interface AddClaimRequest {
  entityId: string;
  property: string;
  value: string | number | boolean;
  asOf?: string;
  note?: string;
  source: SourceInput;
  evidence: string;
  expectedVersion?: number;
}

/** The `claim` operation's input: the entity, the property and the value a source states, with its evidence. */
export function parseAddClaim(args: unknown): AddClaimRequest {
  return parseArgs(claimArgs, dropNulls(args)).input;
}

const citeArgs = z.object({
  input: z
    .object({
      targetId: z
        .string({ error: 'is required: the id of an entity, agreement or relationship' })
        .refine((id) => slug.safeParse(id).success || relationshipIdPattern.test(id), 'is not an entity or relationship id'),
      source: sourceInput,
      evidence,
      expectedVersion,
    })
    .strict(),
});

/** A source cited for what the graph already holds, with what it states: only the citation is added (or its evidence replaced). */
export interface CiteRequest {
  targetId: string;
  kind: 'entity' | 'relationship';
  source: SourceInput;
  evidence: string;
  expectedVersion?: number;
}

/** The `cite` operation's input: an entity, agreement or relationship id, the source and the evidence. */
export function parseCite(args: unknown): CiteRequest {
  const { input } = parseArgs(citeArgs, dropNulls(args));
  const kind = input.targetId.includes('--') ? 'relationship' : 'entity';
  if (kind === 'relationship' && !(RELATIONSHIP_TYPE_NAMES as string[]).includes(input.targetId.split('--')[1]!)) {
    throw new BadUserInputError(`Unknown relationship type ${input.targetId.split('--')[1]}`, 'input.targetId');
  }
  return { ...input, kind };
}
