import { z } from 'zod';
import { SOURCE_FIELDS, WRITE, dated, evidence, slug, text } from '../domain/writeSchemas';
import { searchKeyProperties } from '../domain/nameKeys';

/**
 * The format of a seed file: one JSON file per source document, holding the
 * source, the entities it mentions and the relationships it states. Every node
 * and relationship carries an `evidence` note (our words, naming the section of
 * the source) and is attributed to the file's source when loaded. The nodes,
 * relationships and source are the model's write schemas (src/domain/writeSchemas.ts);
 * this format adds the evidence note and, in an export, the audit.
 */

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

const envelope = { evidence, audit: audit.optional() };

export const seedNode = WRITE.node(envelope);
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
 * its extra `properties` side by side, and the search keys of its names
 * (searchKeyProperties); label, evidence and audit are stored elsewhere.
 */
export function nodeProperties(node: SeedNode): Record<string, unknown> {
  const stored = storedProperties(node.properties);
  for (const key in node) if (!STORED_ELSEWHERE.has(key)) store(stored, key, node[key as keyof SeedNode]);
  return Object.assign(stored, searchKeyProperties(stored));
}
const STORED_ELSEWHERE = new Set(['label', 'evidence', 'audit', 'properties']);

export const seedRelationship = WRITE.relationship(envelope);
export type SeedRelationship = z.infer<typeof seedRelationship>;

export const seedSource = dated(z.object({ ...SOURCE_FIELDS, audit: audit.optional() }).strict());

/** An entity this file's relationships use but another file (or the graph) defines. */
export const seedReference = z.object({ id: slug, label: WRITE.entityLabel }).strict();

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
    if (!WRITE.relationshipType.safeParse(rel?.type).success) return;
    for (const end of ['from', 'to'] as const) {
      const id = String(rel[end]);
      const label = labels.get(id);
      const problem = label ? WRITE.endpointProblem(String(rel.type), end, label) : `no node or reference with id "${id}" in this file`;
      if (problem) problems.push({ path: ['relationships', index, end], message: problem });
    }
    const identity = `${String(rel.from)}|${String(rel.type)}|${String(rel.to)}|${String(rel.key ?? '')}`;
    if (seen.has(identity)) problems.push({ path: ['relationships', index], message: `duplicate relationship ${identity}` });
    seen.add(identity);
  });
  return problems;
}
