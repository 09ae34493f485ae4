import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildSchema, getNamedType, parse, isListType, isNonNullType, type GraphQLEnumType, type GraphQLInputObjectType, type GraphQLObjectType } from 'graphql';
import { EDGE_TYPES, RELATION_FIELDS, SCALAR_FIELDS, targetLabels } from '../src/domain/entityTypes';
import { ENUMS, enumValues as modelEnumValues, type EnumName } from '../src/domain/enums';
import { generateSdl, MODEL } from '../src/domain/sdl';
import { GENERATED_SCHEMA_FILE, HAND_WRITTEN_SCHEMA_FILE, schemaSdl } from '../src/schemaFiles';
import { ENTITY_LABELS, RELATIONSHIP_TYPE_NAMES } from '../src/domain/model';
import { INDEXED_SEARCH_PROPERTIES } from '../src/domain/properties';
import { modelIndexStatements } from '../src/db/modelIndexes';

// src/domain is the model everything else derives from: schema.generated.graphql
// is generated from it, schema.graphql is written by hand around it. These
// checks keep the served schema (the two together) saying what the model says.

const schema = buildSchema(schemaSdl());
const enumValues = (name: string) => (schema.getType(name) as GraphQLEnumType).getValues().map((v) => v.name);
const EDGE_TYPE_NAMES = Object.keys(EDGE_TYPES);
/** Entity fields every type has that are not model relationship fields. */
const INTERFACE_LINKS = new Set(['sources', 'relations']);

describe('the served schema agrees with the domain model', () => {
  it('serves the generated SDL the model produces now (npm run codegen rewrites it)', () => {
    expect(fs.readFileSync(GENERATED_SCHEMA_FILE, 'utf8')).toEqual(generateSdl(MODEL, parse(fs.readFileSync(HAND_WRITTEN_SCHEMA_FILE, 'utf8'))));
  });

  it('has no enum of the model the schema lacks', () => {
    expect(Object.keys(ENUMS).filter((name) => !schema.getType(name))).toEqual([]);
  });

  it('lists the same relationship types and entity types', () => {
    expect(enumValues('RelationshipType').sort()).toEqual([...RELATIONSHIP_TYPE_NAMES].sort());
    expect(enumValues('EntityType').sort()).toEqual(ENTITY_LABELS.map((l) => l.toUpperCase()).sort());
  });

  it.each(Object.keys(ENUMS))('gives the enum %s the values of the model, each described', (name) => {
    expect(enumValues(name)).toEqual(modelEnumValues(name as EnumName));
    expect((schema.getType(name) as GraphQLEnumType).getValues().filter((v) => !v.description)).toEqual([]);
  });

  it.each(ENTITY_LABELS)('gives %s every relationship field of the model, with the type the model says', (label) => {
    const type = schema.getType(label) as GraphQLObjectType;
    const fields = type.getFields();
    for (const [name, spec] of Object.entries(RELATION_FIELDS[label])) {
      const field = fields[name];
      expect({ field: name, inSchema: Boolean(field) }).toEqual({ field: name, inSchema: true });
      const named = getNamedType(field!.type).name;
      const list = isListType(isNonNullType(field!.type) ? field!.type.ofType : field!.type);
      if (spec.kind === 'edges') {
        expect({ field: name, type: named, list }).toEqual({ field: name, type: spec.edge, list: true });
      } else {
        const targets = targetLabels(spec);
        expect({ field: name, type: named, list }).toEqual({ field: name, type: targets.length === 1 ? targets[0] : 'Entity', list: !spec.one });
      }
    }
  });

  it.each(ENTITY_LABELS)('has no %s field that links to entities without a model entry', (label) => {
    const type = schema.getType(label) as GraphQLObjectType;
    const linking = Object.values(type.getFields())
      .filter((f) => {
        const named = getNamedType(f.type).name;
        return named === 'Entity' || (ENTITY_LABELS as readonly string[]).includes(named) || EDGE_TYPE_NAMES.includes(named);
      })
      .map((f) => f.name)
      .filter((name) => !INTERFACE_LINKS.has(name));
    expect(linking.sort()).toEqual(Object.keys(RELATION_FIELDS[label]).sort());
  });

  it.each(ENTITY_LABELS)('lets %s lists filter on every model field and sort on every scalar and list count', (label) => {
    const where = Object.keys((schema.getType(`${label}Where`) as GraphQLInputObjectType).getFields()).sort();
    expect(where).toEqual(['AND', 'OR', 'NOT', 'facts', ...Object.keys(SCALAR_FIELDS[label]), ...Object.keys(RELATION_FIELDS[label])].sort());
    const snake = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
    const counted = Object.entries(RELATION_FIELDS[label]).filter(([, f]) => !(f.kind === 'nodes' && f.one));
    expect(enumValues(`${label}SortField`).sort()).toEqual([...Object.keys(SCALAR_FIELDS[label]).map(snake), ...counted.map(([name]) => `${snake(name)}_COUNT`)].sort());
  });

  it('has a range index (or a uniqueness constraint), from a migration or derived from the model, for every required scalar of every entity label, so lists sorted by it read in index order', () => {
    const dir = path.join(__dirname, '..', 'cypher', 'migrations');
    const text = [...fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')), ...modelIndexStatements()].join('\n');
    const indexed = new Set([...text.matchAll(/^CREATE (?:INDEX|CONSTRAINT) \w+ IF NOT EXISTS FOR \(n:(\w+)\) (?:ON \(n\.(\w+)\)|REQUIRE n\.(\w+) IS UNIQUE)/gm)].map((m) => `${m[1]}.${m[2] ?? m[3]}`));
    const required = ENTITY_LABELS.flatMap((label) => Object.values(SCALAR_FIELDS[label]).filter((f) => f.required).map((f) => `${label}.${f.property}`));
    expect(required.filter((key) => !indexed.has(key))).toEqual([]);
    expect(required).toContain('Organization.name');
  });

  it('has a full-text search index over every entity label of the model and the properties it declares searchable, names by their search keys', () => {
    const definitions = modelIndexStatements().flatMap((text) => [...text.matchAll(/CREATE FULLTEXT INDEX entity_search[^(]*\(n:([A-Za-z|]+)\)\s*ON EACH \[([^\]]*)\]/g)].map((m) => ({ labels: m[1]!, properties: m[2]! })));
    expect(definitions).toHaveLength(1);
    expect(definitions[0]!.labels.split('|').sort()).toEqual([...ENTITY_LABELS].sort());
    expect(definitions[0]!.properties.split(',').map((p) => p.trim().replace(/^n\./, ''))).toEqual(INDEXED_SEARCH_PROPERTIES);
  });
});
