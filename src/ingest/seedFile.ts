import { z } from 'zod';
import {
  AGREEMENT_KINDS,
  ENTITY_LABELS,
  EVENT_KINDS,
  FUND_KINDS,
  ORGANIZATION_KINDS,
  PARTY_ROLES,
  POLICY_KINDS,
  RELATIONSHIP_TYPE_NAMES,
  RELATIONSHIP_TYPES,
  SOURCE_KINDS,
  TECHNOLOGY_KINDS,
  TRIAL_PHASES,
  TRIAL_STATUSES,
  APPROVAL_KINDS,
} from '../domain/model';
import { countryCode, partialDate, webUrl } from '../validation';

/**
 * The format of a seed file: one JSON file per source document, holding the
 * source, the entities it mentions and the relationships it states. Every node
 * and relationship carries an `evidence` note (our words, naming the section of
 * the source) and is attributed to the file's source when loaded.
 */

export const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug (a-z, 0-9, single hyphens)')
  .max(120);

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1).max(max);
const evidence = text(600);

/** Extra facts on a node or relationship: camelCase keys, scalar or list-of-scalar values. */
const factValue = z.union([z.string().max(2000), z.number().finite(), z.boolean(), z.array(z.string().max(500)).max(50)]);
export const properties = z
  .record(z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'property names are camelCase'), factValue)
  .refine((p) => Object.keys(p).length <= 40, 'at most 40 properties');

const RESERVED = ['id', 'name', 'aliases', 'description', 'kind', 'country', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'retracted', 'retractedAt', 'retractedBy', 'retractionReason', 'sourceIds', 'evidence', 'audit'];
const extraProperties = properties.refine(
  (p) => Object.keys(p).every((k) => !RESERVED.includes(k)),
  `properties may not redefine ${RESERVED.join(', ')}`,
);

const instant = z.string().regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})(\[[^\]]+\])?$/, 'must be an ISO 8601 instant');

/**
 * Who wrote a record and when, as an export carries it. Hand-written seed files
 * leave it out; the loader then stamps the load itself.
 */
export const audit = z
  .object({
    createdAt: instant.optional(),
    createdBy: text(200).optional(),
    updatedAt: instant.optional(),
    updatedBy: text(200).optional(),
    retractedAt: instant.optional(),
    retractedBy: text(200).optional(),
    retractionReason: text(2000).optional(),
  })
  .strict();
export type Audit = z.infer<typeof audit>;

/** The own fields of the labels the ecosystem sources added; both seed formats give them alike. */
export const TRIAL_FIELDS = {
  phase: z.enum(TRIAL_PHASES).optional(),
  status: z.enum(TRIAL_STATUSES).optional(),
  registryId: text(100).optional(),
  country: countryCode.optional(),
};
export const APPROVAL_FIELDS = { kind: z.enum(APPROVAL_KINDS), country: countryCode.optional() };
export const PATENT_FIELDS = { number: text(100), country: countryCode.optional() };

const base = {
  id: slug,
  name: text(300),
  aliases: z.array(text(300)).max(30).default([]),
  description: text(2000),
  evidence,
  properties: extraProperties.default({}),
  audit: audit.optional(),
};

export const seedNode = z.discriminatedUnion('label', [
  z.object({ label: z.literal('Organization'), ...base, kind: z.enum(ORGANIZATION_KINDS), country: countryCode.optional() }).strict(),
  z.object({ label: z.literal('Person'), ...base, country: countryCode.optional() }).strict(),
  z.object({ label: z.literal('Technology'), ...base, kind: z.enum(TECHNOLOGY_KINDS) }).strict(),
  z.object({ label: z.literal('Modality'), ...base }).strict(),
  z.object({ label: z.literal('Indication'), ...base }).strict(),
  z.object({ label: z.literal('Fund'), ...base, kind: z.enum(FUND_KINDS), country: countryCode.optional() }).strict(),
  z.object({ label: z.literal('Policy'), ...base, kind: z.enum(POLICY_KINDS), country: countryCode.optional() }).strict(),
  z
    .object({
      label: z.literal('Event'),
      ...base,
      kind: z.enum(EVENT_KINDS),
      /** Absent for an event a page dates only roughly (then properties.startedOn, as precise as the page). */
      startDate: isoDate.optional(),
      endDate: isoDate.optional(),
      city: text(200).optional(),
      country: countryCode.optional(),
    })
    .strict(),
  z
    .object({
      label: z.literal('Agreement'),
      ...base,
      kind: z.enum(AGREEMENT_KINDS),
      /** Absent when no page says. */
      exclusive: z.boolean().optional(),
      territory: z.array(countryCode).default([]),
      rightsGranted: z.array(text(300)).default([]),
      signedOn: partialDate.optional(),
    })
    .strict(),
  z.object({ label: z.literal('Country'), ...base, code: countryCode }).strict(),
  z.object({ label: z.literal('Trial'), ...base, ...TRIAL_FIELDS }).strict(),
  z.object({ label: z.literal('Approval'), ...base, ...APPROVAL_FIELDS }).strict(),
  z.object({ label: z.literal('Patent'), ...base, ...PATENT_FIELDS }).strict(),
]);
export type SeedNode = z.infer<typeof seedNode>;

/**
 * Properties as `SET x += props` takes them: undefined values are left out, and an
 * empty list is null, so it removes the property (or writes none). The graph never
 * holds an empty list; a missing list means none. That is also all the bulk path's
 * CSV can say (src/ingest/bulkLoad.ts), so both paths write the same graph.
 */
export function storedProperties(properties: Record<string, unknown>): Record<string, unknown> {
  const stored: Record<string, unknown> = {};
  for (const key in properties) store(stored, key, properties[key]);
  return stored;
}

// loops rather than entries/spreads: a million-record load calls these per record
function store(stored: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) stored[key] = Array.isArray(value) && value.length === 0 ? null : value;
}

/** `SET x += changes` on properties held in memory: null (or undefined) removes the property. */
export function assignStored(target: Record<string, unknown>, changes: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined) delete target[key];
    else target[key] = value;
  }
}

/**
 * The properties a node is stored with (see storedProperties): its own fields and
 * its extra `properties` side by side; label, evidence and audit are stored elsewhere.
 */
export function nodeProperties(node: SeedNode): Record<string, unknown> {
  const stored = storedProperties(node.properties);
  for (const key in node) if (!STORED_ELSEWHERE.has(key)) store(stored, key, node[key as keyof SeedNode]);
  return stored;
}
const STORED_ELSEWHERE = new Set(['label', 'evidence', 'audit', 'properties']);

const RESERVED_ON_RELATIONSHIPS = ['id', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'retracted', 'retractedAt', 'retractedBy', 'retractionReason', 'sourceIds', 'evidence'];

export const seedRelationship = z
  .object({
    type: z.enum(RELATIONSHIP_TYPE_NAMES as [string, ...string[]]),
    from: slug,
    to: slug,
    /** Distinguishes two relationships of one type between the same pair (e.g. two roles). */
    key: slug.optional(),
    evidence,
    properties: properties
      .refine(
        (p) => Object.keys(p).every((k) => !RESERVED_ON_RELATIONSHIPS.includes(k)),
        `properties may not redefine ${RESERVED_ON_RELATIONSHIPS.join(', ')}`,
      )
      .default({}),
    audit: audit.optional(),
  })
  .strict()
  .refine((r) => r.type !== 'PARTY_TO' || PARTY_ROLES.includes(r.properties.role as never), {
    message: `PARTY_TO needs properties.role, one of ${PARTY_ROLES.join(', ')}`,
    path: ['properties', 'role'],
  });
export type SeedRelationship = z.infer<typeof seedRelationship>;

export const seedSource = z
  .object({
    id: slug,
    publisher: text(200),
    title: text(500),
    /** As precise as known; an undated page (one read by the ecosystem seed) has a dateNote instead. */
    publishedOn: partialDate.optional(),
    dateNote: text(500).optional(),
    kind: z.enum(SOURCE_KINDS).optional(),
    partial: z.boolean().optional(),
    authors: z.array(text(200)).max(50).optional(),
    /** Every digest that read the page (format 2). */
    documents: z.array(text(300)).max(20).optional(),
    url: webUrl.optional(),
    section: text(200).optional(),
    language: z.string().regex(/^[a-z]{2}$/).default('en'),
    /** The file under shared/source (or elsewhere) the facts were taken from. */
    document: text(300).optional(),
    audit: audit.optional(),
  })
  .strict()
  .refine((s) => s.publishedOn !== undefined || s.dateNote !== undefined, { message: 'needs publishedOn or, for an undated page, dateNote', path: ['publishedOn'] });

/** An entity this file's relationships use but another file (or the graph) defines. */
export const seedReference = z.object({ id: slug, label: z.enum(ENTITY_LABELS) }).strict();

export const seedFile = z
  .object({
    source: seedSource,
    /** Empty for a source that states only relationships or claims (an export of such a source). */
    nodes: z.array(seedNode).default([]),
    /** Entities defined elsewhere that relationships here start or end at. */
    references: z.array(seedReference).default([]),
    relationships: z.array(seedRelationship),
  })
  .strict()
  .superRefine((file, ctx) => {
    for (const issue of referenceProblems(file)) ctx.addIssue({ code: 'custom', ...issue });
  });
export type SeedFile = z.infer<typeof seedFile>;

export { ENTITY_LABELS };

interface RawRecords {
  nodes?: unknown;
  references?: unknown;
  relationships?: unknown;
}

/**
 * Cross-record checks: duplicate ids, relationships whose ends are neither nodes
 * nor references of the file or of a label the type does not allow, duplicate
 * relationships.
 * Takes unvalidated data too, so a file with record errors still gets these
 * reported (zod skips object refinements once a record has failed).
 */
export function referenceProblems(file: RawRecords): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  const nodes = Array.isArray(file.nodes) ? (file.nodes as { id?: unknown; label?: unknown }[]) : [];
  const relationships = Array.isArray(file.relationships)
    ? (file.relationships as { type?: unknown; from?: unknown; to?: unknown; key?: unknown }[])
    : [];
  const labels = new Map<string, string>();
  nodes.forEach((node, index) => {
    if (typeof node?.id !== 'string') return;
    if (labels.has(node.id)) problems.push({ path: ['nodes', index, 'id'], message: `duplicate id "${node.id}"` });
    labels.set(node.id, String(node.label));
  });
  const references = Array.isArray(file.references) ? (file.references as { id?: unknown; label?: unknown }[]) : [];
  references.forEach((ref, index) => {
    if (typeof ref?.id !== 'string') return;
    if (labels.has(ref.id)) problems.push({ path: ['references', index, 'id'], message: `"${ref.id}" is also a node of this file` });
    labels.set(ref.id, String(ref.label));
  });
  const seen = new Set<string>();
  relationships.forEach((rel, index) => {
    const rule = RELATIONSHIP_TYPES[rel?.type as keyof typeof RELATIONSHIP_TYPES];
    if (!rule) return;
    for (const end of ['from', 'to'] as const) {
      const id = String(rel[end]);
      const label = labels.get(id);
      const allowed: readonly string[] = rule[end];
      if (!label) {
        problems.push({ path: ['relationships', index, end], message: `no node or reference with id "${id}" in this file` });
      } else if (!allowed.includes(label)) {
        problems.push({
          path: ['relationships', index, end],
          message: `${String(rel.type)} cannot ${end === 'from' ? 'start at' : 'end at'} a ${label} (allowed: ${allowed.join(', ')})`,
        });
      }
    }
    const identity = `${String(rel.from)}|${String(rel.type)}|${String(rel.to)}|${String(rel.key ?? '')}`;
    if (seen.has(identity)) problems.push({ path: ['relationships', index], message: `duplicate relationship ${identity}` });
    seen.add(identity);
  });
  return problems;
}
