import {
  Kind,
  parseType,
  parseConstValue,
  print,
  type DefinitionNode,
  type DocumentNode,
  type EnumTypeDefinitionNode,
  type FieldDefinitionNode,
  type InputObjectTypeDefinitionNode,
  type InputValueDefinitionNode,
  type InterfaceTypeDefinitionNode,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
} from 'graphql';
import { COMMON_PROPERTY_DECLARATIONS, EDGE_DECLARATIONS, ENTITIES, fieldNameOf, type EdgeDeclaration, type EntityDeclaration, type PropertyDeclaration, type RelationDeclaration } from './entities';
import { scalarKindOf } from './entityTypes';
import { ENUMS, type EnumDeclaration } from './enums';
import { RELATIONSHIP_TYPES } from './model';

/**
 * The repetitive part of the API's schema, built from the model with
 * graphql-js's AST and printed by it: the model's enums, every entity type with
 * its scalar and relationship fields, the edge types, the `…Where`, `…Sort`,
 * `…SortField` and `…ListFilter` inputs, the connections, and the list and
 * aggregate roots (as an extension of the hand-written Query). The
 * hand-written schema (schema.graphql) supplies what every entity has (the
 * Entity interface) and the shared inputs (StringFilter, GroupKey, …).
 */

/** Everything the generator reads: the declarations of src/domain, or a fixture extending them. */
export interface Model {
  entities: Readonly<Record<string, EntityDeclaration>>;
  edges: Readonly<Record<string, EdgeDeclaration>>;
  enums: Readonly<Record<string, EnumDeclaration>>;
  relationshipTypes: Readonly<Record<string, { from: readonly string[]; to: readonly string[]; description: string }>>;
}

/** The model of src/domain. */
export const MODEL: Model = { entities: ENTITIES, edges: EDGE_DECLARATIONS, enums: ENUMS, relationshipTypes: RELATIONSHIP_TYPES };

/** The first line of the generated file. */
export const GENERATED_HEADER = '# Generated from the domain model (src/domain/entities.ts, enums.ts, model.ts) by `npm run codegen`. Do not edit.';

const name = (value: string) => ({ kind: Kind.NAME, value }) as const;
const description = (value: string) => ({ kind: Kind.STRING, value, block: value.length > 100 }) as const;
const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.)]$/.test(text) ? '' : '.'}`;
/** CONSTANT_CASE of a camelCase name: signedOn -> SIGNED_ON. */
export const constantCase = (field: string) => field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

function argument(argName: string, type: string, text: string, defaultValue?: string): InputValueDefinitionNode {
  return {
    kind: Kind.INPUT_VALUE_DEFINITION,
    name: name(argName),
    description: description(text),
    type: parseType(type),
    ...(defaultValue === undefined ? {} : { defaultValue: parseConstValue(defaultValue) }),
    directives: [],
  };
}

function field(fieldName: string, type: string, text: string, args: InputValueDefinitionNode[] = []): FieldDefinitionNode {
  return { kind: Kind.FIELD_DEFINITION, name: name(fieldName), description: description(text), arguments: args, type: parseType(type), directives: [] };
}

function objectType(typeName: string, text: string, fields: FieldDefinitionNode[], interfaces: string[] = []): ObjectTypeDefinitionNode {
  return {
    kind: Kind.OBJECT_TYPE_DEFINITION,
    name: name(typeName),
    description: description(text),
    interfaces: interfaces.map((i) => ({ kind: Kind.NAMED_TYPE, name: name(i) })),
    fields,
    directives: [],
  };
}

function inputType(typeName: string, text: string, fields: InputValueDefinitionNode[]): InputObjectTypeDefinitionNode {
  return { kind: Kind.INPUT_OBJECT_TYPE_DEFINITION, name: name(typeName), description: description(text), fields, directives: [] };
}

function enumType(typeName: string, declaration: EnumDeclaration): EnumTypeDefinitionNode {
  return {
    kind: Kind.ENUM_TYPE_DEFINITION,
    name: name(typeName),
    description: description(declaration.description),
    values: Object.entries(declaration.values).map(([value, text]) => ({ kind: Kind.ENUM_VALUE_DEFINITION, name: name(value), description: description(text), directives: [] })),
    directives: [],
  };
}

/** The GraphQL output type of a property. */
function outputType(declaration: PropertyDeclaration): string {
  const bang = declaration.required ? '!' : '';
  switch (declaration.type) {
    case 'string':
      return `String${bang}`;
    case 'date':
      return `Date${bang}`;
    case 'boolean':
      return `Boolean${bang}`;
    case 'number':
      return `Float${bang}`;
    case 'int':
      return `Int${bang}`;
    case 'strings':
      return '[String!]!';
    case 'enum':
      return `${declaration.enum}${bang}`;
  }
}

/** The input type a `where` condition on a property takes; null when it cannot be filtered. */
function filterType(declaration: PropertyDeclaration): string | null {
  switch (scalarKindOf(declaration)) {
    case 'string':
      return 'StringFilter';
    case 'date':
      return 'DateFilter';
    case 'boolean':
      return 'Boolean';
    default:
      return null;
  }
}

/** Generates the SDL of `model`, given the hand-written schema it extends (for the Entity interface's fields). */
export function generateSdl(model: Model, handWritten: DocumentNode): string {
  const entityInterface = handWritten.definitions.find((d): d is InterfaceTypeDefinitionNode => d.kind === Kind.INTERFACE_TYPE_DEFINITION && d.name.value === 'Entity');
  if (!entityInterface) throw new Error('the hand-written schema has no Entity interface');
  const labels = Object.keys(model.entities);
  const plural = (label: string) => model.entities[label]!.list.name;
  const targets = (relation: { kind: string; types: readonly string[]; direction: 'OUT' | 'IN'; target?: string }) =>
    relation.kind === 'nodes' && relation.target
      ? [relation.target]
      : [...new Set(relation.types.flatMap((type) => model.relationshipTypes[type]![relation.direction === 'OUT' ? 'to' : 'from']))];
  const typeOfEnd = (ends: readonly string[]) => (ends.length === 1 ? ends[0]! : 'Entity');
  const relationTarget = (relation: RelationDeclaration) => (relation.kind === 'edges' ? relation.edge : typeOfEnd(targets(relation)));
  const ownProperties = (entity: EntityDeclaration) =>
    Object.entries(entity.properties).flatMap(([property, declaration]) => {
      const fieldName = fieldNameOf(property, declaration);
      return fieldName === null ? [] : [{ fieldName, declaration }];
    });
  const filterableProperties = (entity: EntityDeclaration) =>
    [
      ...Object.entries(COMMON_PROPERTY_DECLARATIONS).map(([fieldName, declaration]) => ({ fieldName, declaration: declaration as PropertyDeclaration })),
      ...ownProperties(entity),
    ].filter(({ declaration }) => filterType(declaration) !== null);
  const asOf = argument('asOf', 'Date', 'Only what was true on this date, by the dates the sources give (see Entity.relations).');

  const definitions: DefinitionNode[] = [];

  definitions.push(
    enumType('EntityType', {
      description: 'The types of entity in the graph.',
      values: Object.fromEntries(labels.map((label) => [label.toUpperCase(), model.entities[label]!.description])),
    }),
    enumType('RelationshipType', {
      description: 'Relationship types of the graph.',
      values: Object.fromEntries(Object.entries(model.relationshipTypes).map(([type, spec]) => [type, sentence(spec.description)])),
    }),
    ...Object.entries(model.enums).map(([enumName, declaration]) => enumType(enumName, declaration)),
  );

  for (const label of labels) {
    const entity = model.entities[label]!;
    const fields: FieldDefinitionNode[] = [];
    for (const common of entityInterface.fields ?? []) {
      fields.push(common);
      if (common.name.value === 'kind' && entity.kind?.field) {
        fields.push(field(entity.kind.field, `${entity.kind.enum}${entity.kind.required ? '!' : ''}`, 'The kind as an enum.'));
      }
    }
    for (const { fieldName, declaration } of ownProperties(entity)) fields.push(field(fieldName, outputType(declaration), declaration.description));
    for (const [fieldName, computed] of Object.entries(entity.computed ?? {})) fields.push(field(fieldName, computed.type, computed.description));
    for (const [fieldName, relation] of Object.entries(entity.relations)) {
      const target = relationTarget(relation);
      const type = relation.kind === 'nodes' && relation.one ? target : `[${target}!]!`;
      fields.push(field(fieldName, type, relation.description, [asOf]));
    }
    definitions.push(objectType(label, entity.description, fields, ['Entity']));

    definitions.push(
      inputType(`${label}Where`, `Conditions on ${plural(label)}: every field given must hold; combine with AND, OR and NOT.`, [
        ...combinators(`${label}Where`),
        ...filterableProperties(entity).map(({ fieldName, declaration }) => argument(fieldName, filterType(declaration)!, declaration.description)),
        argument('facts', '[FactFilter!]', 'Conditions on extra facts by name (numbers and dates compare as such).'),
        ...Object.entries(entity.relations).map(([fieldName, relation]) => argument(fieldName, `${listFilterOf(relationTarget(relation))}`, `Conditions on ${fieldName}: ${lowerFirst(relation.description)}`)),
      ]),
    );
    const counted = Object.entries(entity.relations).filter(([, relation]) => !(relation.kind === 'nodes' && relation.one));
    definitions.push(
      enumType(`${label}SortField`, {
        description: `What ${label} lists sort on: a scalar field, or how many entities a relationship field lists.`,
        values: Object.fromEntries([
          ...filterableProperties(entity).map(({ fieldName }) => [constantCase(fieldName), `By ${fieldName}.`]),
          ...counted.map(([fieldName]) => [`${constantCase(fieldName)}_COUNT`, `By how many entries ${fieldName} lists.`]),
        ]),
      }),
      inputType(`${label}Sort`, `One sort key of a ${label} list.`, [
        argument('field', `${label}SortField!`, 'What to sort on.'),
        argument('direction', 'SortDirection', 'Ascending (default) or descending.', 'ASC'),
      ]),
      listFilter(label),
    );
    if (entity.list.connection !== false) {
      definitions.push(
        objectType(`${label}Connection`, `A page of ${plural(label)} (Relay cursor connection).`, [
          field('edges', `[${label}Edge!]!`, 'The page, each entry with its cursor.'),
          field('nodes', `[${label}!]!`, 'The page, without cursors.'),
          field('pageInfo', 'PageInfo!', 'Where the page stands.'),
          field('totalCount', 'Int!', 'All matches of the filter, over every page.'),
        ]),
        objectType(`${label}Edge`, `One entry of a page of ${plural(label)}.`, [
          field('cursor', 'String!', 'Opaque cursor: pass it as `after` to read on from here.'),
          field('node', `${label}!`, 'The entity.'),
        ]),
      );
    }
  }

  for (const [edgeName, edge] of Object.entries(model.edges)) {
    const relations = labels.flatMap((label) => Object.values(model.entities[label]!.relations)).filter((r) => r.kind === 'edges' && r.edge === edgeName);
    const types = [...new Set(relations.flatMap((r) => r.types))];
    const from = typeOfEnd([...new Set(types.flatMap((t) => model.relationshipTypes[t]!.from))]);
    const to = typeOfEnd([...new Set(types.flatMap((t) => model.relationshipTypes[t]!.to))]);
    definitions.push(
      objectType(edgeName, edge.description, [
        field(edge.fromField, `${from}!`, edge.fromDescription),
        field(edge.toField, `${to}!`, edge.toDescription),
        ...(edge.typeField ? [field(edge.typeField.name, `${edge.typeField.enum}!`, edge.typeField.description)] : []),
        ...Object.entries(edge.properties).map(([fieldName, declaration]) => field(fieldName, outputType(declaration), declaration.description)),
        field('sources', '[Citation!]!', 'Where the relationship was stated, with a note on what each source said.'),
      ]),
      inputType(`${edgeName}Where`, `Conditions on a ${edgeName} relationship and the entities at its ends.`, [
        ...combinators(`${edgeName}Where`),
        ...Object.entries(edge.properties).map(([fieldName, declaration]) => argument(fieldName, 'StringFilter', declaration.description)),
        ...(edge.typeField ? [argument(edge.typeField.name, `[${edge.typeField.enum}!]`, `Only these: ${lowerFirst(edge.typeField.description)}`)] : []),
        argument(edge.fromField, `${from}Where`, `Conditions on ${lowerFirst(edge.fromDescription)}`),
        argument(edge.toField, `${to}Where`, `Conditions on ${lowerFirst(edge.toDescription)}`),
      ]),
      listFilter(edgeName),
    );
  }

  definitions.push(
    inputType('EntityWhere', 'Conditions on an entity of any type.', [
      ...combinators('EntityWhere'),
      argument('type', '[EntityType!]', 'Only entities of these types.'),
      ...Object.entries(COMMON_PROPERTY_DECLARATIONS)
        .filter(([, declaration]) => filterType(declaration as PropertyDeclaration) !== null)
        .map(([fieldName, declaration]) => argument(fieldName, filterType(declaration as PropertyDeclaration)!, declaration.description)),
      argument('facts', '[FactFilter!]', 'Conditions on extra facts by name (numbers and dates compare as such).'),
    ]),
    listFilter('Entity'),
  );

  const roots: FieldDefinitionNode[] = [];
  for (const label of labels) {
    const { list } = model.entities[label]!;
    if (list.connection === false) {
      roots.push(field(list.name, `[${label}!]!`, list.description));
      continue;
    }
    roots.push(
      field(list.name, `${label}Connection!`, list.description, [
        argument('where', `${label}Where`, 'Conditions every entity listed meets.'),
        argument('search', 'String', 'Full-text match on name, aliases or description (typo-tolerant; operators are taken literally), 1 to 200 characters.'),
        argument('sort', `[${label}Sort!]`, 'Sort keys, most significant first (default: by name); the id breaks ties.'),
        argument('first', 'Int', 'Page size, 1 to 100.', '20'),
        argument('after', 'String', 'Cursor of the entry to read on from (an `endCursor`).'),
      ]),
    );
  }
  for (const label of labels) {
    const { list } = model.entities[label]!;
    if (list.connection === false) continue;
    roots.push(
      field(
        `${list.name}Aggregate`,
        'Aggregate!',
        `Grouped aggregates of ${list.name} for dashboards, with the list's \`where\`. \`first\` (1 to 1000, default 100) bounds the groups, and so the request's cost.`,
        [
          argument('where', `${label}Where`, 'Conditions every entity counted meets.'),
          argument('groupBy', '[GroupKey!]!', 'What to group by, 1 to 4 keys.'),
          argument('measures', 'AggregateMeasures', 'What to measure in each group besides the count.'),
          argument('first', 'Int', 'Most groups returned, 1 to 1000.', '100'),
        ],
      ),
    );
  }
  const query: ObjectTypeExtensionNode = { kind: Kind.OBJECT_TYPE_EXTENSION, name: name('Query'), fields: roots, interfaces: [], directives: [] };
  definitions.push(query);

  return `${GENERATED_HEADER}\n\n${print({ kind: Kind.DOCUMENT, definitions })}\n`;
}

function combinators(whereName: string): InputValueDefinitionNode[] {
  return [
    argument('AND', `[${whereName}!]`, 'Every one of these holds.'),
    argument('OR', `[${whereName}!]`, 'At least one of these holds.'),
    argument('NOT', whereName, 'This does not hold.'),
  ];
}

const listFilterOf = (typeName: string) => `${typeName}ListFilter`;
const lowerFirst = (text: string) => `${text.charAt(0).toLowerCase()}${text.slice(1)}`;

function listFilter(typeName: string): InputObjectTypeDefinitionNode {
  return inputType(listFilterOf(typeName), 'Conditions on the entities (or relationships) a field lists: some, none or all of them match, or how many there are.', [
    argument('some', `${typeName}Where`, 'At least one of them matches.'),
    argument('none', `${typeName}Where`, 'None of them matches.'),
    argument('all', `${typeName}Where`, 'Every one of them matches (true when there are none).'),
    argument('count', 'IntFilter', 'How many there are.'),
  ]);
}
