import { buildSchema, getNamedType, isInterfaceType, isObjectType, parse, type GraphQLNamedType, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { CACHEABLE_ROOTS, dependsOnGraphAlone, UNVERSIONED_FIELDS, VERSIONED_FIELDS } from '../src/http/versionedFields';
import { schemaSdl } from '../src/schemaFiles';

// The audit the result cache keeps answers by (src/http/versionedFields.ts):
// which selections depend on the graph alone at its version.

const schema = buildSchema(schemaSdl());

function kept(query: string, variables?: Record<string, unknown>, against: GraphQLSchema = schema): boolean {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  return dependsOnGraphAlone(against, document, operation, variables);
}

/** Every Type.field a selection under the kept roots can reach. */
function reachable(): string[] {
  const query = schema.getQueryType()!;
  const queue: GraphQLNamedType[] = [query];
  const seen = new Set<string>();
  const coordinates: string[] = [];
  while (queue.length) {
    const type = queue.shift()!;
    if (seen.has(type.name)) continue;
    seen.add(type.name);
    if (isInterfaceType(type)) queue.push(...schema.getPossibleTypes(type));
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (type === query && !VERSIONED_FIELDS.Query!.has(field.name)) continue;
      coordinates.push(`${type.name}.${field.name}`);
      queue.push(getNamedType(field.type));
    }
  }
  return coordinates;
}

describe('which selections depend on the graph alone', () => {
  it('has an audited answer for every field an entity, a list, an aggregate or statistics reaches', () => {
    expect(reachable().filter((c) => !VERSIONED_FIELDS[c.split('.')[0]!]?.has(c.split('.')[1]!))).toEqual([]);
    expect(reachable().length).toBeGreaterThan(500);
  });

  it('names only fields the schema has, and none both versioned and not', () => {
    for (const [type, fields] of Object.entries(VERSIONED_FIELDS)) {
      const own = schema.getType(type);
      expect(own && (isObjectType(own) || isInterfaceType(own)) ? [...fields].filter((f) => !own.getFields()[f]) : [type]).toEqual([]);
    }
    for (const coordinate of Object.keys(UNVERSIONED_FIELDS)) {
      const [type, field] = coordinate.split('.') as [string, string];
      expect((schema.getType(type) as { getFields?: () => Record<string, unknown> })?.getFields?.()[field]).toBeDefined();
      expect(VERSIONED_FIELDS[type]?.has(field)).toBeFalsy();
    }
  });

  it('keeps an entity with its history, through fragments and inline fragments too', () => {
    expect(CACHEABLE_ROOTS.has('entity')).toBe(true);
    expect(kept('query($id: ID!) { entity(id: $id) { id name history(first: 20) { edges { node { version fields { field after } change { id author reviewer note source { id } } } } } } }', { id: 'x' })).toBe(true);
    expect(kept('{ ...Root } fragment Root on Query { entity(id: "x") { ... on Organization { countryCode people { title person { id } } } ...Claims } } fragment Claims on Entity { claims { value sources { source { id text } } } }')).toBe(true);
    expect(kept('{ entities(ids: ["a", "b"]) { __typename id timeline { date } identityDecisions { status ruling { by } } } }')).toBe(true);
  });

  it('never keeps a selection with a field declared unversioned, wherever it is: in the operation or in a fragment', () => {
    expect(kept('{ entity(id: "x") { id } change(id: "c") { note operations } }')).toBe(false);
    expect(kept('{ entity(id: "x") { id } ...Queue } fragment Queue on Query { recentChanges { note } }')).toBe(false);
    expect(kept('{ entity(id: "x") { id } suggestedPartners(id: "x") { partner { id } } }')).toBe(false);
  });

  it('keeps the list of changes only of applied ones, as its arguments say', () => {
    const CHANGES = 'query($status: [ChangeStatus!]) { changes(status: $status, first: 5) { edges { node { id note } } } }';
    expect(kept(CHANGES, {})).toBe(true);
    expect(kept(CHANGES, { status: ['APPROVED'] })).toBe(true);
    expect(kept(CHANGES, { status: ['PROPOSED'] })).toBe(false);
  });

  it('leaves a field nobody audited out of the cache: one added to an entity type later is not kept until declared', () => {
    const extended = buildSchema(`${schemaSdl()}\nextend type Organization { "Proposals waiting for review." pendingProposals: Int! }`);
    expect(kept('{ entity(id: "x") { ... on Organization { id pendingProposals } } }', undefined, extended)).toBe(false);
    expect(kept('{ organizations(first: 5) { nodes { id pendingProposals } } }', undefined, extended)).toBe(false);
    expect(kept('{ entity(id: "x") { ... on Organization { id } } }', undefined, extended)).toBe(true);
  });

  it('keeps no mutation, no introspection and no query of __typename alone', () => {
    expect(kept('mutation { rejectChange(id: "c", comment: "no") { id } }')).toBe(false);
    expect(kept('{ __schema { types { name } } }')).toBe(false);
    expect(kept('{ __typename }')).toBe(false);
  });
});
