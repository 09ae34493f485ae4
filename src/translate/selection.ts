import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isInterfaceType,
  isObjectType,
  Kind,
  typeFromAST,
  visit,
  type ASTNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLInterfaceType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type NamedTypeNode,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { z } from 'zod';
import { ALL_PROPERTIES, EDGE_TYPES, FIELD_FALLBACKS, fieldAlsoReads, FIELD_PROPERTIES, IDENTITY_PROPERTIES, RELATED_CAP, RELATION_FIELDS, RELATIONSHIP_FIELD_PROPERTIES, targetLabels, type EdgeTypeName, type RelationField } from '../domain/entityTypes';
import { languageOfEnum, type Language } from '../domain/language';
import { ENTITY_LABELS, RELATIONSHIP_TYPE_NAMES, type EntityLabel, type RelationshipType } from '../domain/model';
import { pageSize, parseArgs, partialDate } from '../validation';
import { decodeCursor, decodeOpaqueCursor } from './cursor';
import type { CitationPlan, EdgesPlan, EntityPlan, FieldPlan, HistoryPlan, NodesPlan, RelationshipPlan } from './plan';

/** What the selection walk needs from a resolver's info, and the reader's language (display fields without `lang` answer in it). */
export interface SelectionContext {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  language: Language;
}

/** The selection context of the field `info` resolves, for a reader of `reader.language` (English when absent). */
export function selectionContext(info: GraphQLResolveInfo, reader: { language?: Language }): SelectionContext {
  return { schema: info.schema, fragments: info.fragments, variables: info.variableValues, language: reader.language ?? 'en' };
}

const historyArgs = z.object({ first: pageSize(100).default(20), after: z.string().max(200).nullish() });
const historyCursor = z.object({ v: z.number().int() });

/** `history`'s arguments, page size and the version to read on from: validated once, whether the page is compiled or read on its own. */
export function parseHistory(args: unknown): { first: number; beforeVersion: number | null } {
  const { first, after } = parseArgs(historyArgs, args);
  return { first, beforeVersion: after ? decodeOpaqueCursor(after, historyCursor, 'after').v : null };
}

/** The arguments of `relations` (and, extended, `relationsConnection`): validated once, whether the field is compiled or loaded. */
export const relationsArgs = z.object({
  types: z.array(z.enum(RELATIONSHIP_TYPE_NAMES as [RelationshipType, ...RelationshipType[]])).max(30).nullish(),
  direction: z.enum(['OUTGOING', 'INCOMING', 'BOTH']).nullish(),
  first: pageSize(RELATED_CAP).nullish(),
  asOf: partialDate.nullish(),
});

/** The `asOf` argument every model relationship field takes. */
const relationFieldArgs = z.object({ asOf: partialDate.nullish() });

/** The field nodes of one response key, merged as GraphQL merges them. */
type CollectedFields = Map<string, FieldNode[]>;

/** A response key of an entity selection; `onLabel` when its fields are those of one runtime type only. */
interface EntityField {
  key: string;
  name: string;
  onLabel: EntityLabel | null;
  nodes: FieldNode[];
}

function included(node: { directives?: readonly unknown[] } & Parameters<typeof getDirectiveValues>[1], ctx: SelectionContext): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, ctx.variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, ctx.variables)?.if !== false;
}

/**
 * Whether a fragment with this type condition applies to an object of
 * `runtimeType` (graphql-js: no condition, the type itself, or an abstract
 * type it belongs to).
 */
function conditionMatches(condition: NamedTypeNode | undefined, runtimeType: GraphQLObjectType, ctx: SelectionContext): boolean {
  if (!condition) return true;
  const type = typeFromAST(ctx.schema, condition);
  if (type === runtimeType) return true;
  return isAbstractType(type) && ctx.schema.isSubType(type, runtimeType);
}

/**
 * The fields of selection sets by response key, as graphql-js collects them:
 * @skip/@include applied, a named fragment spread once, a fragment only when
 * `applies` to its type condition. Introspection fields (__typename) are left
 * out: GraphQL answers them without a read.
 */
function collectFields(sets: readonly SelectionSetNode[], applies: (condition: NamedTypeNode | undefined) => boolean, ctx: SelectionContext): CollectedFields {
  const fields: CollectedFields = new Map();
  const visitedFragments = new Set<string>();
  const visit = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (!included(selection, ctx)) continue;
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const key = selection.alias?.value ?? selection.name.value;
        fields.set(key, [...(fields.get(key) ?? []), selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(selection.typeCondition)) visit(selection.selectionSet);
      } else {
        const fragmentName = selection.name.value;
        if (visitedFragments.has(fragmentName)) continue;
        visitedFragments.add(fragmentName);
        const fragment = ctx.fragments[fragmentName];
        if (fragment && applies(fragment.typeCondition)) visit(fragment.selectionSet);
      }
    }
  };
  for (const set of sets) visit(set);
  return fields;
}

/**
 * The fields of selection sets of one object type outside an entity (an edge, a
 * connection, a citation). Entity is the schema's only abstract type, so a
 * validated document can only name that object type there, or an interface it
 * implements: every fragment applies.
 */
const objectFields = (sets: readonly SelectionSetNode[], ctx: SelectionContext) => collectFields(sets, () => true, ctx);

const sameNodes = (a: readonly FieldNode[], b: readonly FieldNode[] | undefined) => b !== undefined && a.length === b.length && a.every((node, i) => node === b[i]);

/**
 * The fields of an entity's selection sets when it can have any of `labels`:
 * collected for each label's object type as graphql-js would at run time. A key
 * whose fields are the same for every label is read unconditionally; one whose
 * fields differ for some labels is read per label (onLabel), with the fields
 * every label has as the fallback.
 */
function entityFields(sets: readonly SelectionSetNode[], labels: readonly EntityLabel[], ctx: SelectionContext): EntityField[] {
  const types = labels.map((label) => ctx.schema.getType(label) as GraphQLObjectType);
  const byLabel = types.map((type) => collectFields(sets, (c) => conditionMatches(c, type, ctx), ctx));
  const shared = collectFields(sets, (c) => types.every((type) => conditionMatches(c, type, ctx)), ctx);
  const inOrder = collectFields(sets, (c) => types.some((type) => conditionMatches(c, type, ctx)), ctx);
  const fields: EntityField[] = [];
  for (const key of inOrder.keys()) {
    const common = shared.get(key);
    if (common) fields.push({ key, name: common[0]!.name.value, onLabel: null, nodes: common });
    labels.forEach((label, i) => {
      const nodes = byLabel[i]!.get(key);
      if (nodes && !sameNodes(nodes, common)) fields.push({ key, name: nodes[0]!.name.value, onLabel: label, nodes });
    });
  }
  return fields;
}

const selectionSets = (nodes: readonly FieldNode[]) => nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));

/** The field nodes named `name` (any alias) inside the selection sets of `nodes`: e.g. `edges`, then `node`. */
export function subfields(nodes: readonly FieldNode[], name: string, ctx: SelectionContext): FieldNode[] {
  return [...objectFields(selectionSets(nodes), ctx).values()].flatMap((fields) => fields.filter((f) => f.name.value === name));
}

/** Whether any of the field nodes selects `name`. */
export function selects(nodes: readonly FieldNode[], name: string, ctx: SelectionContext): boolean {
  return subfields(nodes, name, ctx).length > 0;
}

/** Plans already made, by the first field node of the selection and the variables all its nodes use (documents are parsed once and cached, so their nodes recur). */
const plans = new WeakMap<FieldNode, Map<string, EntityPlan>>();
/** Most plans kept per field node (one per combination of the variables its selection uses). */
const PLANS_PER_FIELD = 64;

/**
 * The read plan of an entity selected by `nodes` (their merged selection sets),
 * where the entity can have any of `labels`. Plans are immutable and reused:
 * the same nodes with the same values of the variables used inside their
 * selection (field arguments, @skip/@include) give the same plan object.
 */
export function entityPlan(nodes: readonly FieldNode[], labels: readonly EntityLabel[], ctx: SelectionContext): EntityPlan {
  const first = nodes[0];
  if (!first) return planEntity(nodes, labels, ctx);
  const key = `${ctx.language}|${labels.join(',')}|${nodes.length}|${JSON.stringify([...new Set(nodes.flatMap((node) => variablesUsedIn(node, ctx)))].sort().map((name) => (name in ctx.variables ? ctx.variables[name] : { absent: true })))}`;
  const known = plans.get(first) ?? new Map<string, EntityPlan>();
  let plan = known.get(key);
  if (!plan) {
    plan = planEntity(nodes, labels, ctx);
    if (known.size >= PLANS_PER_FIELD) known.clear();
    known.set(key, plan);
    plans.set(first, known);
  }
  return plan;
}

const variableNames = new WeakMap<FieldNode, string[]>();

/** The variables referenced inside a field's selection set, fragments included (not its own arguments, which its resolver reads). */
function variablesUsedIn(field: FieldNode, ctx: SelectionContext): string[] {
  let names = variableNames.get(field);
  if (!names) {
    const found = new Set<string>();
    const seenFragments = new Set<string>();
    const visitNode = (node: ASTNode) =>
      visit(node, {
        Variable: (v) => void found.add(v.name.value),
        FragmentSpread: (spread) => {
          const fragment = ctx.fragments[spread.name.value];
          if (fragment && !seenFragments.has(spread.name.value)) {
            seenFragments.add(spread.name.value);
            visitNode(fragment);
          }
        },
      });
    if (field.selectionSet) visitNode(field.selectionSet);
    names = [...found].sort();
    variableNames.set(field, names);
  }
  return names;
}

function planEntity(nodes: readonly FieldNode[], labels: readonly EntityLabel[], ctx: SelectionContext): EntityPlan {
  const fields: FieldPlan[] = [];
  const properties = new Set<string>(IDENTITY_PROPERTIES);
  let allProperties = false;
  for (const field of entityFields(selectionSets(nodes), labels, ctx)) {
    const label = field.onLabel ?? (labels.length === 1 ? labels[0]! : null);
    const onLabel = field.onLabel && labels.length > 1 ? field.onLabel : null;
    const base = { key: field.key, onLabel };
    if (field.name === 'sources') {
      fields.push({ ...base, kind: 'citations', citations: citationPlan(field.nodes, ctx) });
    } else if (field.name === 'relations') {
      fields.push({ ...base, ...relationsPlan(field.nodes, ctx) });
    } else if (field.name === 'relationsConnection') {
      fields.push({ ...base, ...relationsPagePlan(field.nodes, ctx) });
    } else if (field.name === 'history') {
      fields.push({ ...base, ...historyPlan(field.nodes, ctx) });
    } else if (field.name === 'organizationCount' && label === 'Country') {
      fields.push({ ...base, kind: 'organizationCount' });
    } else {
      const spec: RelationField | undefined = label ? RELATION_FIELDS[label][field.name] : undefined;
      if (spec) {
        const definition = (ctx.schema.getType(label!) as GraphQLInterfaceType).getFields()[field.name] as GraphQLField<unknown, unknown>;
        const given = getArgumentValues(definition, field.nodes[0]!, ctx.variables);
        const { asOf } = Object.keys(given).length ? parseArgs(relationFieldArgs, given) : { asOf: null };
        fields.push({ ...base, ...relationFieldPlan(spec, field.nodes, label!, ctx), asOf: asOf ?? null });
      } else {
        const property = field.name in FIELD_PROPERTIES ? FIELD_PROPERTIES[field.name]! : field.name;
        if (property === ALL_PROPERTIES) allProperties = true;
        else if (property !== null) properties.add(property);
        if (field.name in FIELD_FALLBACKS) properties.add(FIELD_FALLBACKS[field.name]!);
        for (const also of fieldAlsoReads(field.name, field.name === 'name' ? nameLanguage(field.nodes, ctx) : ctx.language)) properties.add(also);
      }
    }
  }
  return { labels, properties: allProperties ? 'all' : [...properties], fields };
}

/** The language a `name` field answers in: its `lang` argument, else the reader's (as the resolver decides: languageOf). */
function nameLanguage(nodes: readonly FieldNode[], ctx: SelectionContext): Language {
  const definition = (ctx.schema.getType('Entity') as GraphQLInterfaceType).getFields().name as GraphQLField<unknown, unknown>;
  return languageOfEnum(getArgumentValues(definition, nodes[0]!, ctx.variables).lang) ?? ctx.language;
}

type Unplaced<P> = Omit<P, 'key' | 'onLabel'>;

function relationFieldPlan(spec: RelationField, nodes: FieldNode[], self: EntityLabel, ctx: SelectionContext): Omit<Unplaced<NodesPlan>, 'asOf'> | Omit<Unplaced<EdgesPlan>, 'asOf'> {
  if (spec.kind === 'nodes') return { kind: 'nodes', field: spec, entity: planEntity(nodes, targetLabels(spec), ctx) };
  const edge = EDGE_TYPES[spec.edge];
  const [selfField, otherField] = spec.direction === 'OUT' ? [edge.fromField, edge.toField] : [edge.toField, edge.fromField];
  const selfPlan = planEntity(subfields(nodes, selfField, ctx), [self], ctx);
  // The edge's own end is the entity it was read from; it is read again only for relationship fields.
  return {
    kind: 'edges',
    field: spec,
    entity: planEntity(subfields(nodes, otherField, ctx), targetLabels(spec), ctx),
    self: needsOwnRead(selfPlan) ? selfPlan : null,
    relationship: relationshipPlan(nodes, spec.edge, ctx),
    citations: selects(nodes, 'sources', ctx) ? citationPlan(subfields(nodes, 'sources', ctx), ctx) : null,
  };
}

/** Whether an edge's own end asks for more than the entity it was read from is sure to carry (id and name). */
function needsOwnRead(plan: EntityPlan): boolean {
  return plan.fields.length > 0 || plan.properties === 'all' || plan.properties.some((p) => !(IDENTITY_PROPERTIES as readonly string[]).includes(p));
}

function relationsPlan(nodes: FieldNode[], ctx: SelectionContext) {
  const definition = (ctx.schema.getType('Entity') as GraphQLInterfaceType).getFields().relations as GraphQLField<unknown, unknown>;
  const args = parseArgs(relationsArgs, getArgumentValues(definition, nodes[0]!, ctx.variables));
  return {
    kind: 'relations' as const,
    direction: args.direction ?? 'BOTH',
    types: args.types?.length ? [...args.types] : null,
    first: args.first ?? 100,
    entity: planEntity(subfields(nodes, 'node', ctx), ENTITY_LABELS, ctx),
    relationship: relationshipPlan(nodes, null, ctx),
    citations: selects(nodes, 'sources', ctx) ? citationPlan(subfields(nodes, 'sources', ctx), ctx) : null,
    asOf: args.asOf ?? null,
  };
}

const relationsPageArgs = relationsArgs.extend({ first: pageSize(100).nullish(), after: z.string().max(2000).nullish() });

function relationsPagePlan(nodes: FieldNode[], ctx: SelectionContext) {
  const definition = (ctx.schema.getType('Entity') as GraphQLInterfaceType).getFields().relationsConnection as GraphQLField<unknown, unknown>;
  const args = parseArgs(relationsPageArgs, getArgumentValues(definition, nodes[0]!, ctx.variables));
  const relation = subfields(subfields(nodes, 'edges', ctx), 'node', ctx);
  return {
    kind: 'relationsPage' as const,
    direction: args.direction ?? 'BOTH',
    types: args.types?.length ? [...args.types] : null,
    first: args.first ?? 20,
    after: args.after ? decodeCursor(args.after, 2) : null,
    withTotalCount: selects(nodes, 'totalCount', ctx),
    entity: planEntity(subfields(relation, 'node', ctx), ENTITY_LABELS, ctx),
    relationship: relationshipPlan(relation, null, ctx),
    citations: selects(relation, 'sources', ctx) ? citationPlan(subfields(relation, 'sources', ctx), ctx) : null,
    asOf: args.asOf ?? null,
  };
}

/**
 * The stored properties each Change field reads (src/modules/changes/records.ts
 * toChangeView and the Change resolvers): `direct` and `appliedAt` fall back on
 * the status and the time. A field not listed reads every one.
 */
const CHANGE_FIELD_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  id: ['id'],
  kind: ['kind'],
  targetIds: ['targetIds'],
  summary: ['summary'],
  subject: ['subject'],
  author: ['subject'],
  at: ['at'],
  sourceId: ['sourceId'],
  source: ['sourceId'],
  note: ['note'],
  before: ['before'],
  after: ['after'],
  operations: ['operations'],
  status: ['status'],
  direct: ['direct', 'status'],
  reviewer: ['reviewer'],
  reviewedAt: ['reviewedAt'],
  reviewComment: ['reviewComment'],
  appliedAt: ['appliedAt', 'status', 'at'],
  revertOf: ['revertOf'],
  rebasedAt: ['rebasedAt'],
  revisions: ['id'],
};
/** Every stored property a Change field reads. */
const ALL_CHANGE_PROPERTIES = [...new Set(Object.values(CHANGE_FIELD_PROPERTIES).flat())];
/** Source fields answered without its stored properties: the id, and statementCount (its own loader). */
const SOURCE_FIELDS_WITHOUT_PROPERTIES = new Set(['id', 'statementCount']);

/** `history(first, after)`: its arguments validated as the standalone read validates them, and what its revisions' changes select. */
function historyPlan(nodes: FieldNode[], ctx: SelectionContext): Unplaced<HistoryPlan> {
  const definition = (ctx.schema.getType('Entity') as GraphQLInterfaceType).getFields().history as GraphQLField<unknown, unknown>;
  const { first, beforeVersion } = parseHistory(getArgumentValues(definition, nodes[0]!, ctx.variables));
  const change = subfields(subfields(subfields(nodes, 'edges', ctx), 'node', ctx), 'change', ctx);
  const names = [...objectFields(selectionSets(change), ctx).values()].map((fields) => fields[0]!.name.value);
  const properties = new Set(['id']);
  for (const field of names) for (const property of CHANGE_FIELD_PROPERTIES[field] ?? ALL_CHANGE_PROPERTIES) properties.add(property);
  const source = subfields(change, 'source', ctx);
  const sourceFields = [...objectFields(selectionSets(source), ctx).values()].map((fields) => fields[0]!.name.value);
  return {
    kind: 'history',
    first,
    beforeVersion,
    change: [...properties],
    source: source.length === 0 ? 'none' : sourceFields.every((f) => SOURCE_FIELDS_WITHOUT_PROPERTIES.has(f)) ? 'id' : 'properties',
  };
}

/**
 * Whether the selection sets of `nodes`, of type `type`, select at any depth
 * below them (through fragments) one of the fields `names` of the object type
 * `owner`: e.g. Change.before, and not a FieldChange's `before`.
 */
export function selectsFieldsOf(nodes: readonly FieldNode[], type: GraphQLNamedType, owner: string, names: ReadonlySet<string>, ctx: SelectionContext): boolean {
  if (!isObjectType(type) && !isInterfaceType(type)) return false;
  const definitions = type.getFields();
  return [...objectFields(selectionSets(nodes), ctx).values()].some((fields) => {
    const definition = definitions[fields[0]!.name.value];
    if (!definition) return false;
    return (type.name === owner && names.has(definition.name)) || selectsFieldsOf(fields, getNamedType(definition.type), owner, names, ctx);
  });
}

/** The relationship properties a selection of a relationship's fields (`edge`'s object type, or Relation when null) needs. */
function relationshipPlan(nodes: readonly FieldNode[], edge: EdgeTypeName | null, ctx: SelectionContext): RelationshipPlan {
  const own = edge ? EDGE_TYPES[edge] : null;
  const properties = new Set<string>();
  for (const [field] of objectFields(selectionSets(nodes), ctx).values()) {
    const name = field!.name.value;
    if (own && (name === own.fromField || name === own.toField)) continue;
    const stored: string | readonly string[] | undefined = own && name in own.properties ? (own.properties as Record<string, string>)[name] : RELATIONSHIP_FIELD_PROPERTIES[name];
    if (stored === undefined || stored === ALL_PROPERTIES) return { properties: 'all' };
    for (const property of typeof stored === 'string' ? [stored] : stored) properties.add(property);
  }
  return { properties: [...properties] };
}

/** What a `sources` (Citation list) selection needs beyond the source's properties. */
export function citationPlan(nodes: readonly FieldNode[], ctx: SelectionContext): CitationPlan {
  return { statementCount: selects(subfields(nodes, 'source', ctx), 'statementCount', ctx) };
}
