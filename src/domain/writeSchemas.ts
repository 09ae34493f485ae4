import { z } from 'zod';
import { countryCode, partialDate, webUrl } from '../validation';
import { EDGE_DECLARATIONS, ENTITIES, type EdgeDeclaration, type EntityDeclaration, type PropertyDeclaration } from './entities';
import { enumValues } from './enums';
import { DATE_PROPERTIES, EDGE_PROPERTIES, RELATIONSHIP_TYPES, SOURCE_KINDS, type EntityLabel } from './model';
import { NAME_LANGUAGES, type NameLanguage } from './language';
import { nameLanguageProperties } from './names';
import { AUDIT_PROPERTIES, NAME_INDEX_PROPERTIES } from './properties';

/**
 * The zod schemas every write is validated with, derived from the domain model
 * (entities.ts): both seed formats (src/ingest/seedFile.ts, ecosystemFile.ts),
 * the import (which reads format 1) and curation's inputs. A label's fields,
 * their types, its kinds and its typed extra facts, the relationship types and
 * the edge types' properties all come from the declarations, so a label or a
 * property added to the model is validated with no other file changed. Each
 * format wraps the same node and relationship in its own envelope (evidence and
 * audit, or citations). Pure: no database.
 */

export const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug (a-z, 0-9, single hyphens)')
  .max(120);

/** Trimmed, non-empty text of at most `max` characters. */
export const text = (max: number) => z.string().trim().min(1).max(max);

/** What the source states, in our words, naming its section. */
export const evidence = text(600);

/** A typed text property (city, registry number, …): as long as a name may be. */
const TYPED_TEXT_MAX = 300;
const DATE_MESSAGE = 'must be YYYY, YYYY-MM or YYYY-MM-DD';
const MAX_FACTS = 40;

/** An extra fact's value: text, a number, a boolean or a list of text. */
const factValue = z.union([z.string().max(2000), z.number().finite(), z.boolean(), z.array(z.string().max(500)).max(50)]);
export type FactValue = z.infer<typeof factValue>;
/** Extra facts on a node or relationship, by camelCase name. */
export type Facts = Record<string, FactValue>;
const facts = z.record(z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'property names are camelCase'), factValue);

/**
 * What the loaders keep for themselves on every node and relationship. Not
 * `unverified`: the export states it among the extra facts and the import reads it back.
 */
const BOOKKEEPING = ['id', ...AUDIT_PROPERTIES, 'retracted', 'sourceIds', 'evidence', ...NAME_INDEX_PROPERTIES];

/** What the write schemas are built from. DOMAIN_MODEL is the model; a test may pass another. */
export interface WriteModel<L extends string = EntityLabel> {
  entities: Readonly<Record<L, EntityDeclaration>>;
  edges: Readonly<Record<string, EdgeDeclaration>>;
  relationships: Readonly<Record<string, { readonly from: readonly L[]; readonly to: readonly L[] }>>;
  /** Property names that hold a partial date wherever they appear. */
  dateProperties: readonly string[];
  /** The properties a relationship may carry besides its edge type's, for formats that close the list. */
  edgeProperties: readonly string[];
}

export const DOMAIN_MODEL: WriteModel = {
  entities: ENTITIES,
  edges: EDGE_DECLARATIONS,
  relationships: RELATIONSHIP_TYPES,
  dateProperties: DATE_PROPERTIES,
  edgeProperties: EDGE_PROPERTIES,
};

/** An entity as written: its label, the fields every entity has, its label's fields (by stored name) and its extra facts. */
export interface WrittenNode<L extends string = EntityLabel> {
  label: L;
  id: string;
  name: string;
  aliases: string[];
  description: string;
  /** One of the label's kinds, for a label that has kinds. */
  kind?: string;
  properties: Facts;
  /** The label's own fields (the model says which, and their types) and the format's envelope. */
  [field: string]: unknown;
}

/** A relationship as written: its type, its ends, the key telling two of one type apart, its properties. */
export interface WrittenRelationship {
  type: string;
  from: string;
  to: string;
  /** Distinguishes two relationships of one type between the same pair (e.g. two roles). */
  key?: string;
  properties: Facts;
}

export interface NodeOptions {
  /** Date properties are stated among the extra facts rather than as fields (format 2: dates as precise as the page, and open to claims). */
  datesAsFacts?: boolean;
}

export interface RelationshipOptions {
  /** Properties are limited to the model's edge properties (format 2); otherwise any camelCase name but the bookkeeping. */
  closed?: boolean;
}

/** The zod schema of one property's value, from its declaration. */
export function valueSchema(declaration: PropertyDeclaration): z.ZodType {
  const item = declaration.format === 'countryCode' ? countryCode : text(TYPED_TEXT_MAX);
  switch (declaration.type) {
    case 'string':
      return item;
    case 'strings':
      return z.array(item);
    case 'date':
      return partialDate;
    case 'boolean':
      return z.boolean();
    case 'number':
      return z.number().finite();
    case 'int':
      return z.number().int();
    case 'enum':
      if (!declaration.enum) throw new Error(`an enum property needs its enum: ${declaration.description}`);
      return z.enum(enumValues(declaration.enum) as [string, ...string[]]);
  }
}

/** A property as a field of a written record: required, a list that defaults to none, or optional. */
function fieldSchema(declaration: PropertyDeclaration): z.ZodType {
  const value = valueSchema(declaration);
  if (declaration.required) return value;
  return declaration.type === 'strings' ? value.default([]) : value.optional();
}

interface FactRules {
  /** Names that are fields or bookkeeping: never an extra fact. */
  reserved: ReadonlySet<string>;
  /** Extra facts the model types (a label's facts, an edge type's properties). */
  typed: Readonly<Record<string, PropertyDeclaration>>;
  dates: ReadonlySet<string>;
  /** The only names allowed, when the list is closed. */
  allowed?: readonly string[];
  /** What a missing required fact or a wrong enum value is told, e.g. "PARTY_TO needs properties.role, one of …". */
  owner: string;
}

/** The extra facts of a record: camelCase names, plain values, at most 40, typed where the model types them. */
function factsSchema(rules: FactRules) {
  const required = Object.entries(rules.typed).filter(([, d]) => d.required);
  // built once: a large import checks every record's facts
  const schemas = new Map(Object.entries(rules.typed).map(([name, d]) => [name, valueSchema(d)]));
  return facts.superRefine((given, ctx) => {
    const names = Object.keys(given);
    if (names.length > MAX_FACTS) ctx.addIssue({ code: 'custom', message: `at most ${MAX_FACTS} properties` });
    for (const name of names) {
      const problem = factProblem(rules, schemas, name, given[name]);
      if (problem) ctx.addIssue({ code: 'custom', path: [name], message: problem });
    }
    for (const [name, declaration] of required) {
      if (!(name in given)) ctx.addIssue({ code: 'custom', path: [name], message: needs(rules.owner, name, declaration) });
    }
  });
}

function needs(owner: string, name: string, declaration: PropertyDeclaration): string {
  const values = declaration.enum ? `, one of ${enumValues(declaration.enum).join(', ')}` : '';
  return `${owner} needs properties.${name}${values}`;
}

function factProblem(rules: FactRules, schemas: ReadonlyMap<string, z.ZodType>, name: string, value: unknown): string | undefined {
  if (rules.reserved.has(name)) return `properties may not redefine ${name}`;
  if (rules.allowed && !rules.allowed.includes(name)) return `relationship properties are limited to ${rules.allowed.join(', ')}`;
  const declaration = rules.typed[name];
  if (declaration?.type === 'date' || rules.dates.has(name)) {
    return partialDate.safeParse(value).success ? undefined : `${name} ${DATE_MESSAGE}`;
  }
  if (!declaration) return undefined;
  const result = schemas.get(name)!.safeParse(value);
  if (result.success) return undefined;
  return declaration.required && declaration.enum ? needs(rules.owner, name, declaration) : `${name}: ${result.error.issues[0]!.message}`;
}

/** A name's language tag as files state it: en, ja, zh-Hant, or und where no page tells. */
export const nameLanguage = z.enum(NAME_LANGUAGES);

/**
 * Other names and spellings of an entity: at most 30, none when absent. Each is
 * text, or `{ "value": "…", "lang": "ja" }` stating the language the page
 * writes it in (a plain string is `und`).
 */
export const aliases = z.array(z.union([text(300), z.object({ value: text(300), lang: nameLanguage }).strict()])).max(30).default([]);

/**
 * A written entity's names with their tags turned into what is stored: the
 * aliases as text (each once), and the names of each language (name-language
 * lists, NAME_LANGUAGE_PROPERTIES) beside them; `nameLanguage` is the name's
 * tag. An alias in two languages is given twice, once with each.
 */
export function withNameLanguages<N extends { name?: string; nameLanguage?: NameLanguage; aliases: z.output<typeof aliases> }>(node: N): Omit<N, 'aliases' | 'nameLanguage'> & { aliases: string[] } & Record<string, unknown> {
  const { nameLanguage: tag, aliases: given, ...rest } = node;
  const tagged = given.map((a) => (typeof a === 'string' ? { value: a, lang: 'und' as const } : a));
  const names = [...(rest.name !== undefined ? [{ value: rest.name, lang: tag ?? 'und' }] : []), ...tagged];
  const languages = Object.fromEntries(Object.entries(nameLanguageProperties(names)).filter(([, v]) => v !== null));
  // An alias given twice, with two languages, is one alias in both.
  return { ...rest, aliases: [...new Set(tagged.map((a) => a.value))], ...languages } as never;
}

/** The common fields of every written entity (the model's common properties; `kind` is the label's). */
const COMMON_FIELDS = {
  id: slug,
  name: text(300),
  nameLanguage: nameLanguage.optional(),
  aliases,
  description: text(2000),
};

/**
 * The write schemas of a model. `node(envelope)` and `relationship(envelope)`
 * give a format's record schema: the model's part plus the format's own keys.
 */
export function writeSchemas<L extends string>(model: WriteModel<L>) {
  const labels = Object.keys(model.entities) as L[];
  const typeNames = Object.keys(model.relationships);
  const dates = new Set(model.dateProperties);

  /** The edge type each relationship type is shown as (Role for HOLDS_ROLE, …), from the relationship fields of the entities. */
  const edgeOf = new Map<string, EdgeDeclaration>();
  for (const entity of Object.values<EntityDeclaration>(model.entities)) {
    for (const relation of Object.values(entity.relations)) {
      if (relation.kind !== 'edges') continue;
      for (const type of relation.types) if (!edgeOf.has(type)) edgeOf.set(type, model.edges[relation.edge]!);
    }
  }

  /** A label's properties written as fields, and those written among its extra facts. */
  const split = (label: L, options: NodeOptions) => {
    const fields: Record<string, PropertyDeclaration> = {};
    const typedFacts: Record<string, PropertyDeclaration> = {};
    for (const [property, declaration] of Object.entries(model.entities[label].properties)) {
      const asFact = declaration.stored === 'fact' || (options.datesAsFacts && declaration.type === 'date');
      (asFact ? typedFacts : fields)[property] = declaration;
    }
    return { fields, typedFacts };
  };

  /** The extra facts of an entity of `label` (absent: none), whose format's own keys are `envelopeKeys`. */
  const nodeFacts = (label: L, envelopeKeys: readonly string[], options: NodeOptions = {}) => {
    const { fields, typedFacts } = split(label, options);
    const reserved = new Set([...Object.keys(COMMON_FIELDS), 'kind', ...Object.keys(fields), ...BOOKKEEPING, ...envelopeKeys]);
    return factsSchema({ reserved, typed: typedFacts, dates, owner: label }).prefault({});
  };

  const entityLabel = z.enum(labels as [L, ...L[]]);
  const relationshipType = z.enum(typeNames as [string, ...string[]]);

  return {
    labels,
    /** One of the model's entity labels. */
    entityLabel,
    /** One of the model's relationship types. */
    relationshipType,

    /** The names of a label's own fields (besides the common ones and `kind`). */
    fieldsOf(label: L, options: NodeOptions = {}): string[] {
      return Object.keys(split(label, options).fields);
    },

    /**
     * A written entity of any label, told apart by `label`: the common fields, its
     * kind (every write of a label with kinds names one), its label's fields and
     * its extra facts (typed where the model types them; never a field's or the
     * bookkeeping's name), plus `envelope`.
     */
    node<E extends z.ZodRawShape>(envelope: E, options: NodeOptions = {}): z.ZodType<WrittenNode<L> & z.output<z.ZodObject<E>>> {
      const members = labels.map((label) => {
        const entity = model.entities[label];
        const kind = entity.kind ? { kind: z.enum(enumValues(entity.kind.enum) as [string, ...string[]]) } : {};
        const fields = Object.entries(split(label, options).fields).map(([property, d]) => [property, fieldSchema(d)]);
        const properties = nodeFacts(label, Object.keys(envelope), options);
        return z.object({ label: z.literal(label), ...COMMON_FIELDS, ...kind, ...Object.fromEntries(fields), properties, ...envelope }).strict();
      });
      return z.discriminatedUnion('label', members as [(typeof members)[number], ...(typeof members)[number][]]).transform((n) => withNameLanguages(n as never)) as never;
    },

    nodeFacts,

    /**
     * A written relationship of any type, told apart by `type`: its ends, key and
     * properties (the edge type's typed and required ones, dates as partial dates,
     * never the bookkeeping's names), plus `envelope`. That the ends have labels
     * the type allows is a check across records: endpointProblem.
     */
    relationship<E extends z.ZodRawShape>(envelope: E, options: RelationshipOptions = {}): z.ZodType<WrittenRelationship & z.output<z.ZodObject<E>>> {
      const reserved = new Set([...BOOKKEEPING, ...Object.keys(envelope)]);
      const members = typeNames.map((type) => {
        const typed = edgeOf.get(type)?.properties ?? {};
        const allowed = options.closed ? [...new Set([...model.edgeProperties, ...Object.keys(typed)])] : undefined;
        // prefault, not default: absent properties are still checked for the required ones
        const properties = factsSchema({ reserved, typed, dates, allowed, owner: type }).prefault({});
        return z.object({ type: z.literal(type), from: slug, to: slug, key: slug.optional(), properties, ...envelope }).strict();
      });
      return z.discriminatedUnion('type', members as [(typeof members)[number], ...(typeof members)[number][]]) as never;
    },

    /** Why a relationship of `type` may not start (`from`) or end (`to`) at an entity of `label`; undefined when it may (or the type is unknown). */
    endpointProblem(type: string, end: 'from' | 'to', label: string): string | undefined {
      const allowed: readonly string[] | undefined = model.relationships[type]?.[end];
      if (!allowed || allowed.includes(label)) return undefined;
      return `${type} cannot ${end === 'from' ? 'start at' : 'end at'} a ${label} (allowed: ${allowed.join(', ')})`;
    },
  };
}

/** The write schemas of the domain model. */
export const WRITE = writeSchemas(DOMAIN_MODEL);

/**
 * A source as any write states it; a format may require more of it (format 2:
 * url, kind, document). Its url is a web link (webUrl: http or https only).
 */
export const SOURCE_FIELDS = {
  id: slug,
  publisher: text(200),
  title: text(500),
  /** As precise as known; an undated page has a dateNote instead. */
  publishedOn: partialDate.optional(),
  dateNote: text(500).optional(),
  kind: z.enum(SOURCE_KINDS).optional(),
  /** Only the opening of the page was available. */
  partial: z.boolean().optional(),
  /** For a scholarly article: its authors as the page lists them. */
  authors: z.array(text(200)).max(50).optional(),
  /** Every digest that read the page (as an export states it). */
  documents: z.array(text(300)).max(20).optional(),
  url: webUrl.optional(),
  section: text(200).optional(),
  language: z.string().regex(/^[a-z]{2}$/).default('en'),
  /** The file under shared/source (or elsewhere) the facts were taken from. */
  document: text(300).optional(),
  /** The article's text as the curator brought it (the curation workspace), so a reviewer can check each evidence passage against it. */
  text: z.string().min(1).max(200_000, 'must be at most 200000 characters').optional(),
};

/** A source states when it was published, or says why it cannot. */
export function dated<T extends z.ZodType<{ publishedOn?: string; dateNote?: string }>>(schema: T) {
  return schema.refine((s) => s.publishedOn !== undefined || s.dateNote !== undefined, {
    message: 'a source without publishedOn needs a dateNote saying what is known',
    path: ['dateNote'],
  });
}

/** A source as curation writes it. */
export const writtenSource = dated(z.object(SOURCE_FIELDS).strict());
export type WrittenSource = z.infer<typeof writtenSource>;
