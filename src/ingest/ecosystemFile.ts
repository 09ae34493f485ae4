import { normaliseName } from '../domain/names';
import { z } from 'zod';
import { DATE_PROPERTIES, SOURCE_KINDS, UNVERIFYING_SOURCE_KINDS } from '../domain/model';
import { isConflict } from '../domain/claims';
import { SOURCE_FIELDS, WRITE, aliases, dated, slug, text, withNameLanguages, type WrittenNode, type WrittenRelationship } from '../domain/writeSchemas';
import { partialDate, webUrl } from '../validation';

/**
 * Format 2 of the seed: one file per source digest under seed/ecosystem/, with
 * many sources, per-fact citations, conflicting values kept as claims, and
 * dates as precise as the pages give them. Nodes, relationships and sources are
 * the model's write schemas (src/domain/writeSchemas.ts) with citations instead
 * of evidence, every date among the properties, and relationship properties
 * limited to the model's. seed/ecosystem/FORMAT.md is the prose version of this
 * schema. Everything here is pure: no database.
 */

export { partialDate };

const DATE_NAMES: readonly string[] = DATE_PROPERTIES;

/** Every page of the digest: the source fields, with url, kind and the digest required. */
export const ecosystemSource = dated(
  z
    .object({
      ...SOURCE_FIELDS,
      url: webUrl,
      language: z.enum(['en', 'ja', 'zh']),
      kind: z.enum(SOURCE_KINDS),
      /** Only the opening of the page was available to the digest. */
      partial: z.literal(true).optional(),
      /** The digest (path under shared/source) that read this page. */
      document: text(300),
    })
    // the loader lists the digests that read a page itself; a section is format 1's
    .omit({ documents: true, section: true })
    .strict(),
);
export type EcosystemSource = z.infer<typeof ecosystemSource>;

export const citation = z.object({ source: slug, evidence: text(600) }).strict();
const citations = z.array(citation).min(1, 'every fact cites at least one source');
export type Citation = z.infer<typeof citation>;

/** What every fact of this format carries instead of an evidence note. */
const cited = { citations, unverified: z.literal(true).optional() };
interface Cited {
  citations: Citation[];
  unverified?: true;
}

const FORMAT_2 = { datesAsFacts: true };
const fullNode = WRITE.node(cited, FORMAT_2);

/** An entity another file (or the forum seed) defines, cited here with this file's pages: its label, id, aliases and facts only. */
const mentionNode: z.ZodType<MentionNode> = z.discriminatedUnion(
  'label',
  WRITE.labels.map((label) =>
    z
      .object({
        mention: z.literal(true),
        label: z.literal(label),
        id: slug,
        aliases,
        properties: WRITE.nodeFacts(label, ['mention', 'citations', 'unverified'], FORMAT_2),
        ...cited,
      })
      .strict(),
  ) as never,
).transform((n) => withNameLanguages(n as never)) as never;

export type FullNode = WrittenNode & Cited;
export type MentionNode = Pick<WrittenNode, 'label' | 'id' | 'aliases' | 'properties'> & Cited & { mention: true };
export type EcosystemNode = MentionNode | FullNode;

/** A mention when it says `"mention": true`, otherwise a full definition; errors come from that one schema, not a union. */
export const ecosystemNode = z.unknown().transform((value, ctx): EcosystemNode => {
  const isMention = typeof value === 'object' && value !== null && 'mention' in value;
  const result = (isMention ? mentionNode : fullNode).safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  return z.NEVER;
});

export const ecosystemRelationship = WRITE.relationship(cited, { closed: true });
export type EcosystemRelationship = WrittenRelationship & Cited;

export const relationshipRef = z
  .object({ type: WRITE.relationshipType, from: slug, to: slug, key: slug.optional() })
  .strict();

/**
 * One value of one property of a node or relationship, with the pages that give
 * it. Claims with the same subject and property form a group; a group whose
 * values disagree is a conflict (see `conflictGroups`).
 */
export const claim = z
  .object({
    id: slug,
    subject: z.union([slug, relationshipRef]),
    property: z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'property names are camelCase'),
    value: z.union([z.string().trim().min(1).max(1000), z.number().finite(), z.boolean()]),
    /** When the value names an entity of the graph, its id. */
    valueEntity: slug.optional(),
    /** The date of the page that gives this value, when the value may change over time. */
    asOf: partialDate.optional(),
    note: text(600).optional(),
    citations,
    unverified: z.literal(true).optional(),
  })
  .strict()
  .refine((c) => !DATE_NAMES.includes(c.property) || (typeof c.value === 'string' && partialDate.safeParse(c.value).success), {
    message: 'a claim on a date property holds YYYY, YYYY-MM or YYYY-MM-DD',
    path: ['value'],
  });
export type Claim = z.infer<typeof claim>;

/**
 * A decision on whether names in the digests denote one entity, with the pages
 * it rests on and the reasoning in our own words.
 * - `SAME`: the names are one entity, held by `entities[0]` as its name or aliases (merged).
 * - `PROBABLY_SAME`: two entities of one label are kept apart because no page
 *   ties the names together, but the evidence suggests they are one.
 * A curator can later confirm or undo either.
 */
export const identityDecision = z.discriminatedUnion('decision', [
  z
    .object({
      id: slug,
      decision: z.literal('SAME'),
      entities: z.tuple([slug]),
      /** The names (the entity's name or aliases in this file) held to denote that one entity. */
      names: z.array(text(300)).min(2).max(10),
      reason: text(1200),
      citations,
      unverified: z.literal(true).optional(),
    })
    .strict(),
  z
    .object({
      id: slug,
      decision: z.literal('PROBABLY_SAME'),
      entities: z.tuple([slug, slug]),
      reason: text(1200),
      citations,
      unverified: z.literal(true).optional(),
    })
    .strict(),
]);
export type IdentityDecision = z.infer<typeof identityDecision>;

/** A digest's open question that holds no value to record, with what we did about it. */
export const note = z.object({ topic: text(300), text: text(1500) }).strict();

export const ecosystemFile = z
  .object({
    format: z.literal(2),
    /** The digest this file encodes, as a path under shared/source. */
    digest: text(300),
    sources: z.array(ecosystemSource).min(1),
    nodes: z.array(ecosystemNode).min(1),
    relationships: z.array(ecosystemRelationship).default([]),
    claims: z.array(claim).default([]),
    identities: z.array(identityDecision).default([]),
    notes: z.array(note).default([]),
  })
  .strict()
  .superRefine((file, ctx) => {
    for (const issue of fileProblems(file)) ctx.addIssue({ code: 'custom', ...issue });
  });
export type EcosystemFile = z.infer<typeof ecosystemFile>;

export interface Problem {
  path: (string | number)[];
  message: string;
}

/** The identity of a relationship, as the loader merges it: from|TYPE|to|key. */
export function relationshipIdentity(r: { type: string; from: string; to: string; key?: string }): string {
  return `${r.from}|${r.type}|${r.to}|${r.key ?? ''}`;
}

function subjectIdentity(subject: Claim['subject']): string {
  return typeof subject === 'string' ? subject : relationshipIdentity(subject);
}

/**
 * Whether a fact is unverified: every page it cites is of a kind that cannot
 * verify (AI-generated). `kinds` maps source id to kind.
 */
export function isUnverified(cited: { source: string }[], kinds: Map<string, string>): boolean {
  return cited.every((c) => (UNVERIFYING_SOURCE_KINDS as readonly string[]).includes(kinds.get(c.source) ?? ''));
}

/**
 * Checks inside one file: ids, citations, references, endpoint labels, the unverified mark, claims vs properties.
 * They run on a file whose records are each well-formed (zod reports record errors first).
 */
export function fileProblems(file: EcosystemFile): Problem[] {
  const problems: Problem[] = [];
  const kinds = new Map<string, string>();
  const cited = new Set<string>();
  file.sources.forEach((s, i) => {
    if (kinds.has(s.id)) problems.push({ path: ['sources', i, 'id'], message: `duplicate source "${s.id}"` });
    kinds.set(s.id, s.kind);
  });
  const checkFact = (fact: { citations: { source: string }[]; unverified?: true }, path: (string | number)[]) => {
    fact.citations.forEach((c, j) => {
      if (!kinds.has(c.source)) problems.push({ path: [...path, 'citations', j, 'source'], message: `no source "${c.source}" in this file` });
      cited.add(c.source);
    });
    const derived = isUnverified(fact.citations, kinds);
    if (derived !== (fact.unverified === true)) {
      problems.push({
        path: [...path, 'unverified'],
        message: derived ? 'cites only AI-generated pages, so needs "unverified": true' : '"unverified" is only for facts citing nothing but AI-generated pages',
      });
    }
  };
  const labels = new Map<string, string>();
  const nodeProps = new Map<string, Record<string, unknown>>();
  file.nodes.forEach((n, i) => {
    if (labels.has(n.id)) problems.push({ path: ['nodes', i, 'id'], message: `duplicate node "${n.id}"` });
    labels.set(n.id, n.label);
    nodeProps.set(n.id, n.properties);
    checkFact(n, ['nodes', i]);
  });
  const rels = new Map<string, Record<string, unknown>>();
  file.relationships.forEach((r, i) => {
    for (const end of ['from', 'to'] as const) {
      const label = labels.get(r[end]);
      const problem = label ? WRITE.endpointProblem(r.type, end, label) : `no node "${r[end]}" in this file`;
      if (problem) problems.push({ path: ['relationships', i, end], message: problem });
    }
    const identity = relationshipIdentity(r);
    if (rels.has(identity)) problems.push({ path: ['relationships', i], message: `duplicate relationship ${identity}` });
    rels.set(identity, r.properties);
    checkFact(r, ['relationships', i]);
  });
  const claimIds = new Set<string>();
  file.claims.forEach((c, i) => {
    if (claimIds.has(c.id)) problems.push({ path: ['claims', i, 'id'], message: `duplicate claim "${c.id}"` });
    claimIds.add(c.id);
    const props = typeof c.subject === 'string' ? nodeProps.get(c.subject) : rels.get(subjectIdentity(c.subject));
    if (!props) problems.push({ path: ['claims', i, 'subject'], message: `no node or relationship ${subjectIdentity(c.subject)} in this file` });
    else if (c.property in props) problems.push({ path: ['claims', i, 'property'], message: `"${c.property}" is both a property and a claim; keep it as claims only` });
    if (c.valueEntity && !labels.has(c.valueEntity)) problems.push({ path: ['claims', i, 'valueEntity'], message: `no node "${c.valueEntity}" in this file` });
    checkFact(c, ['claims', i]);
  });
  const nodeNames = new Map<string, Set<string>>();
  file.nodes.forEach((n) => nodeNames.set(n.id, new Set([...('name' in n && typeof n.name === 'string' ? [n.name] : []), ...n.aliases])));
  file.identities.forEach((d, i) => {
    if (claimIds.has(d.id)) problems.push({ path: ['identities', i, 'id'], message: `duplicate id "${d.id}"` });
    claimIds.add(d.id);
    d.entities.forEach((id, j) => {
      if (!labels.has(id)) problems.push({ path: ['identities', i, 'entities', j], message: `no node "${id}" in this file` });
    });
    if (d.decision === 'SAME') {
      const known = nodeNames.get(d.entities[0]) ?? new Set();
      d.names.forEach((name, j) => {
        if (!known.has(name)) problems.push({ path: ['identities', i, 'names', j], message: `"${name}" is not the name or an alias of "${d.entities[0]}" in this file` });
      });
    } else {
      const [a, b] = d.entities;
      if (a === b) problems.push({ path: ['identities', i, 'entities'], message: 'a PROBABLY_SAME decision names two different entities' });
      else if (labels.has(a) && labels.has(b) && labels.get(a) !== labels.get(b)) problems.push({ path: ['identities', i, 'entities'], message: `"${a}" is a ${labels.get(a)} but "${b}" is a ${labels.get(b)}` });
    }
    checkFact(d, ['identities', i]);
  });
  file.sources.forEach((s, i) => {
    if (!cited.has(s.id)) problems.push({ path: ['sources', i], message: `source "${s.id}" is cited by no fact` });
  });
  return problems;
}


/** One key for an unordered pair of ids. */
export const pairKey = (a: string, b: string): string => [a, b].sort().join('|');

/**
 * The pairs of ids (as pairKey) some PROBABLY_SAME decision of `files` keeps
 * apart: exempt from every likely-duplicate check, in the files and in the loaders.
 */
export function keptApartPairs(files: readonly EcosystemFile[]): Set<string> {
  const pairs = new Set<string>();
  for (const data of files) for (const d of data.identities) if (d.decision === 'PROBABLY_SAME') pairs.add(pairKey(...d.entities));
  return pairs;
}

export interface NamedFile {
  /** The file name, used in messages. */
  name: string;
  data: EcosystemFile;
}

/** The part of a format-1 seed file the cross-file checks read. */
export interface ForumDefinitions {
  name: string;
  nodes: { id: string; label: string; name: string; aliases?: (string | { value: string })[] }[];
}

/**
 * Checks across all ecosystem files and the format-1 seeds: one full definition
 * per id, labels agree, sources identical wherever repeated, claim ids unique,
 * no property given two values outside claims, and no two ids sharing a
 * normalised name or alias (likely duplicates).
 */
export function crossFileProblems(files: NamedFile[], forum: ForumDefinitions[] = []): string[] {
  const problems: string[] = [];
  const definitions = new Map<string, string[]>();
  const labels = new Map<string, string>();
  // Clashes among the format-1 seeds alone predate this format and are not reported here.
  const names = new Map<string, { ids: Set<string>; ecosystem: boolean }>();
  const addName = (value: string, id: string, ecosystem = true) => {
    const key = normaliseName(value);
    if (!key) return;
    const entry = names.get(key) ?? { ids: new Set<string>(), ecosystem: false };
    entry.ids.add(id);
    entry.ecosystem ||= ecosystem;
    names.set(key, entry);
  };
  const noteLabel = (id: string, label: string, where: string) => {
    const known = labels.get(id);
    if (known && known !== label) problems.push(`${where}: "${id}" is a ${label} here but a ${known} elsewhere`);
    labels.set(id, label);
  };
  for (const f of forum) {
    for (const n of f.nodes) {
      definitions.set(n.id, [...(definitions.get(n.id) ?? []), f.name]);
      noteLabel(n.id, n.label, f.name);
      [n.name, ...(n.aliases ?? []).map((a) => (typeof a === 'string' ? a : a.value))].forEach((v) => addName(v, n.id, false));
    }
  }
  const sources = new Map<string, { json: string; where: string }>();
  const urls = new Map<string, string>();
  const claimIds = new Map<string, string>();
  const values = new Map<string, { value: string; where: string }>();
  const claimed = new Set<string>();
  const mentioned = new Map<string, string>();
  const noteValue = (owner: string, props: Record<string, unknown>, where: string) => {
    for (const [key, value] of Object.entries(props)) {
      const slot = `${owner}.${key}`;
      const json = JSON.stringify(value);
      const known = values.get(slot);
      if (known && known.value !== json) problems.push(`${where}: ${slot} is ${json} here but ${known.value} in ${known.where}; record differing values as claims`);
      values.set(slot, { value: json, where });
    }
  };
  // Two entities a PROBABLY_SAME decision keeps apart may share a name: the decision is the record of it.
  const apart = keptApartPairs(files.map((f) => f.data));
  const keptApart = (ids: Set<string>) => ids.size === 2 && apart.has(pairKey(...([...ids] as [string, string])));
  for (const { name, data } of files) {
    for (const d of data.identities) {
      const known = claimIds.get(d.id);
      if (known) problems.push(`${name}: identity decision id "${d.id}" is also used in ${known}`);
      claimIds.set(d.id, name);
    }
    for (const s of data.sources) {
      // A page two digests read is one source; only `document` (which digest) may differ.
      const json = JSON.stringify({ ...s, document: undefined });
      const known = sources.get(s.id);
      if (known && known.json !== json) problems.push(`${name}: source "${s.id}" differs from its copy in ${known.where}`);
      sources.set(s.id, { json, where: name });
      const urlOwner = urls.get(s.url);
      if (urlOwner && urlOwner !== s.id) problems.push(`${name}: url ${s.url} is source "${s.id}" here but "${urlOwner}" elsewhere`);
      urls.set(s.url, s.id);
    }
    for (const n of data.nodes) {
      noteLabel(n.id, n.label, name);
      n.aliases.forEach((a) => addName(a, n.id));
      if ('mention' in n) mentioned.set(n.id, name);
      else {
        definitions.set(n.id, [...(definitions.get(n.id) ?? []), name]);
        addName(n.name, n.id);
      }
      noteValue(n.id, n.properties, name);
    }
    for (const r of data.relationships) noteValue(relationshipIdentity(r), r.properties, name);
    for (const c of data.claims) {
      const known = claimIds.get(c.id);
      if (known) problems.push(`${name}: claim id "${c.id}" is also used in ${known}`);
      claimIds.set(c.id, name);
      claimed.add(`${subjectIdentity(c.subject)}.${c.property}`);
    }
  }
  for (const [id, where] of definitions) {
    if (where.length > 1) problems.push(`"${id}" is fully defined in ${where.join(' and ')}; define it once and mention it elsewhere`);
  }
  for (const [id, where] of mentioned) {
    if (!definitions.has(id)) problems.push(`${where}: "${id}" is only ever a mention; one file must define it`);
  }
  for (const slot of claimed) {
    const given = values.get(slot);
    if (given) problems.push(`${given.where}: ${slot} is a property there but claims elsewhere; keep it as claims only`);
  }
  for (const [key, { ids, ecosystem }] of names) {
    if (ecosystem && ids.size > 1 && !keptApart(ids)) problems.push(`likely duplicates: ${[...ids].join(', ')} share the name or alias "${key}"`);
  }
  return problems;
}

export interface ConflictGroup {
  subject: string;
  property: string;
  claims: Claim[];
}

/**
 * Claims grouped by (subject, property) across files; a group is a conflict when
 * two of its values contradict: different values, not just the same date at two
 * precisions, and not told apart by different `asOf` dates (a series over time).
 */
export function claimGroups(files: EcosystemFile[]): (ConflictGroup & { conflict: boolean })[] {
  const groups = new Map<string, ConflictGroup>();
  for (const f of files) {
    for (const c of f.claims) {
      const subject = subjectIdentity(c.subject);
      const key = `${subject}.${c.property}`;
      if (!groups.has(key)) groups.set(key, { subject, property: c.property, claims: [] });
      groups.get(key)?.claims.push(c);
    }
  }
  return [...groups.values()].map((g) => {
    return { ...g, conflict: isConflict(g.claims, g.property) };
  });
}

export { normaliseName };
