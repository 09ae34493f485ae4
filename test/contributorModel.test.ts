import * as fs from 'node:fs';
import { buildSchema, parse, type GraphQLEnumType, type GraphQLInputObjectType, type GraphQLObjectType } from 'graphql';
import type { EntityDeclaration } from '../src/domain/entities';
import { generateSdl, MODEL, type Model } from '../src/domain/sdl';
import { HAND_WRITTEN_SCHEMA_FILE } from '../src/schemaFiles';

// CONTRIBUTING.md says a new label or relationship type is one model entry and
// `npm run codegen`. This proves it for the schema: the real model plus one
// label (two properties) and one relationship type, through the same generator
// and the unchanged hand-written schema, serves a complete list.

const GRANT = {
  description: 'A research grant a funder awarded.',
  shape: 'barrel',
  list: { name: 'grants', description: 'Research grants, filtered and paginated.' },
  properties: {
    programme: { type: 'string', description: 'The programme that awarded it.' },
    awardedOn: { type: 'date', description: 'When it was awarded, as precisely as stated.' },
  },
  relations: {
    recipients: { kind: 'nodes', types: ['AWARDED_TO'], direction: 'OUT', target: 'Organization', description: 'Organizations it was awarded to.' },
  },
} as unknown as EntityDeclaration;

const fixture: Model = {
  ...MODEL,
  entities: { ...MODEL.entities, Grant: GRANT },
  relationshipTypes: { ...MODEL.relationshipTypes, AWARDED_TO: { from: ['Grant'], to: ['Organization'], description: 'a grant was awarded to an organization' } },
};

const handWritten = fs.readFileSync(HAND_WRITTEN_SCHEMA_FILE, 'utf8');
const schema = buildSchema(`${handWritten}\n${generateSdl(fixture, parse(handWritten))}`);
const fieldsOf = (name: string) => (schema.getType(name) as GraphQLObjectType | GraphQLInputObjectType).getFields();

describe('a model with one more label and relationship type', () => {
  it('serves the label as an entity type with its properties and relationship field, described', () => {
    const grant = schema.getType('Grant') as GraphQLObjectType;
    expect(grant.getInterfaces().map((i) => i.name)).toEqual(['Entity']);
    const fields = grant.getFields();
    expect(String(fields.programme!.type)).toBe('String');
    expect(String(fields.awardedOn!.type)).toBe('Date');
    expect(String(fields.recipients!.type)).toBe('[Organization!]!');
    expect(fields.recipients!.description).toBe('Organizations it was awarded to.');
    expect(Object.keys(fields)).toEqual(expect.arrayContaining(['id', 'name', 'sources', 'relations', 'timeline']));
  });

  it('gives it a list with where, search, sort and paging, and an aggregate', () => {
    const query = schema.getQueryType()!.getFields();
    expect(String(query.grants!.type)).toBe('GrantConnection!');
    expect(Object.fromEntries(query.grants!.args.map((a) => [a.name, String(a.type)]))).toEqual({
      where: 'GrantWhere',
      search: 'String',
      sort: '[GrantSort!]',
      first: 'Int',
      after: 'String',
    });
    expect(String(query.grantsAggregate!.type)).toBe('Aggregate!');
    expect(query.grantsAggregate!.args.map((a) => a.name)).toEqual(['where', 'groupBy', 'measures', 'first']);
    expect(Object.keys(fieldsOf('GrantConnection'))).toEqual(['edges', 'nodes', 'pageInfo', 'totalCount']);
  });

  it('lets its where filter on every property and the relationship, and its sort use every property and the count', () => {
    const where = fieldsOf('GrantWhere');
    expect(String(where.programme!.type)).toBe('StringFilter');
    expect(String(where.awardedOn!.type)).toBe('DateFilter');
    expect(String(where.recipients!.type)).toBe('OrganizationListFilter');
    expect(Object.keys(fieldsOf('GrantListFilter'))).toEqual(['some', 'none', 'all', 'count']);
    const sortFields = (schema.getType('GrantSortField') as GraphQLEnumType).getValues().map((v) => v.name);
    expect(sortFields).toEqual(expect.arrayContaining(['NAME', 'PROGRAMME', 'AWARDED_ON', 'RECIPIENTS_COUNT']));
  });

  it('adds the label and the relationship type to the enums every query uses', () => {
    expect((schema.getType('EntityType') as GraphQLEnumType).getValue('GRANT')?.description).toBe('A research grant a funder awarded.');
    expect((schema.getType('RelationshipType') as GraphQLEnumType).getValue('AWARDED_TO')?.description).toBe('A grant was awarded to an organization.');
  });
});
