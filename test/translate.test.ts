import { buildSchema, Kind, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { ENTITY_LABELS } from '../src/domain/model';
import type { Language } from '../src/domain/language';
import { schemaSdl } from '../src/schemaFiles';
import { cypher, fixedVariable, name, param, render, variable } from '../src/translate/cypher';
import { compileEntityById, compileListPage, compileSearch, type CompiledQuery } from '../src/translate/roots';
import { entityPlan, selects, subfields, type SelectionContext } from '../src/translate/selection';
import type { SortRequest } from '../src/translate/sort';
import { compileAggregate } from '../src/translate/aggregate';
import { anchorCandidates, chooseAnchor, countKeyText, describeAnchor, type Anchor } from '../src/translate/anchor';

// Like @neo4j/graphql's TCK: the Cypher the compiler emits for representative
// documents, snapshotted without a database so a reviewer sees the text.
// test/readApi.test.ts runs the same compiler against the real Neo4j.

const schema = buildSchema(schemaSdl());

function rootField(document: string, variables: Record<string, unknown> = {}, language: Language = 'en'): { field: FieldNode; ctx: SelectionContext } {
  const ast = parse(document);
  const operation = ast.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    ast.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const field = operation.selectionSet.selections[0] as FieldNode;
  return { field, ctx: { schema, fragments, variables, language } };
}

function compileEntity(document: string, variables: Record<string, unknown> = {}): CompiledQuery {
  const { field, ctx } = rootField(document, variables);
  return compileEntityById(entityPlan([field], ENTITY_LABELS, ctx), 'bpipo');
}

function compileOrganizations(document: string, where: Record<string, unknown> | null, lucene: string | null = null, sort: readonly SortRequest[] = [{ field: 'NAME' }]): CompiledQuery {
  const { field, ctx } = rootField(document);
  const nodes = [...subfields(subfields([field], 'edges', ctx), 'node', ctx), ...subfields([field], 'nodes', ctx)];
  return compileListPage({
    label: 'Organization',
    where,
    lucene,
    sort,
    after: ['M', 'm'],
    limit: 21,
    withTotalCount: selects([field], 'totalCount', ctx),
    plan: entityPlan(nodes, ['Organization'], ctx),
  });
}

const DETAIL = `query Detail($id: ID!) { entity(id: $id) { id name ... on Organization { countryCode kind
  people { title person { id name } }
  technologies { id name modalities { id name } indications { id name }
    agreements { id name kind licensor { id name } licensee { id name } } }
  agreements { role agreement { id name covers { id name } } }
  events { participation event { id name } } } } }`;

/** The statement and its parameters, as a reviewer reads them. */
const statement = (query: CompiledQuery) => ({ cypher: query.text, params: query.params });

describe('the read compiler emits one Cypher query per root field', () => {
  it('compiles the benchmark detail query (three levels, edges, licensor and licensee) into nested COLLECT subqueries', () => {
    expect(statement(compileEntity(DETAIL))).toMatchSnapshot();
  });

  it('compiles a filtered, paged organization list with totalCount into one statement, the page read in name order from the keyset position', () => {
    const query = compileOrganizations(
      `{ organizations(where: { countryCode: { in: ["JP"] }, kind: { in: [PHARMA] } }, first: 20) { totalCount edges { cursor node { name country { code } } } } }`,
      { countryCode: { in: ['JP'] }, kind: { in: ['PHARMA'] } },
    );
    expect(statement(query)).toMatchSnapshot();
    expect(query.params).toMatchObject({ p0: ['JP'], p1: ['PHARMA'], limit: 21, after: ['M', 'm'] });
  });

  it('matches every live entity of the label when a list has no where', () => {
    const query = compileOrganizations(`{ organizations(first: 20) { edges { node { name } } } }`, null);
    expect(query.text).toContain('  MATCH (n:Organization)\n  WHERE n.retracted IS NULL\n    AND n.name >= $after[0]\n  WITH');
    expect(query.params).toEqual({ limit: 21, after: ['M', 'm'] });
  });

  it('cuts the page from the counted matches when the first sort key is one an entity may lack', () => {
    const query = compileOrganizations(
      `{ organizations(where: { countryCode: { in: ["JP"] } }, sort: [{ field: COUNTRY_CODE, direction: DESC }], first: 20) { totalCount edges { node { name } } } }`,
      { countryCode: { in: ['JP'] } },
      null,
      [{ field: 'COUNTRY_CODE', direction: 'DESC' }, { field: 'NAME' }],
    );
    expect(statement(query)).toMatchSnapshot();
    expect(query.text.match(/MATCH \(n:Organization\)/g)).toHaveLength(1);
  });

  it('runs a filter that walks relationships once, counting its matches and cutting the page from them', () => {
    const query = compileOrganizations(`{ organizations(where: { modalities: { some: { id: { in: ["msc"] } } } }, first: 20) { totalCount edges { node { name } } } }`, {
      modalities: { some: { id: { in: ['msc'] } } },
    });
    expect(query.text.match(/MATCH \(n:Organization\)/g)).toHaveLength(1);
    expect(query.text).toContain('RETURN page, size(matched) AS totalCount');
  });

  it('puts a list search into the same statement as a full-text call', () => {
    const query = compileOrganizations(`{ organizations(search: "astellas") { edges { node { name } } } }`, null, 'astellas~');
    expect(statement(query)).toMatchSnapshot();
    expect(query.params.lucene).toBe('astellas~');
  });

  it('compiles a search with an entity selection', () => {
    const { field, ctx } = rootField(`{ search(query: "msc") { score entity { name ... on Technology { developers { name } } } } }`);
    const query = compileSearch({ lucene: 'msc', exact: 'msc', labels: null, limit: 10, candidates: 20, plan: entityPlan(subfields([field], 'entity', ctx), ENTITY_LABELS, ctx) });
    expect(statement(query)).toMatchSnapshot();
  });

  it('compiles asOf into date conditions on the walked relationships, the date as a parameter', () => {
    const query = compileEntity(`query($on: Date) { entity(id: "x") { ... on Organization { people(asOf: $on) { title person { name } } } } }`, { on: '2020-06' });
    expect(statement(query)).toMatchSnapshot();
    expect(Object.values(query.params)).toContain('2020-06');
    expect(query.text).not.toContain('2020-06');
  });

  it('bounds a page of relationships and its total by the same asOf clauses', () => {
    const query = compileEntity(`{ entity(id: "x") { relationsConnection(types: [HOLDS_ROLE], asOf: "2016", first: 2) { totalCount edges { node { type } } } } }`);
    expect(statement(query)).toMatchSnapshot();
    expect(query.text.match(/endNode\(r1\) AS holder/g)).toHaveLength(2);
  });

  it('refuses an asOf that is not a date as precise as YYYY, YYYY-MM or YYYY-MM-DD', () => {
    expect(() => compileEntity(`{ entity(id: "x") { relations(asOf: "June 2020") { type } } }`)).toThrow(/asOf/);
  });

  it('compiles an entity with a page of its history: the revisions from the (targetId, version) index in order, each with the properties of its change and source that the selection needs', () => {
    const page = `{ entity(id: "bpipo") { version history(first: 20) { edges { cursor node { version fields { field before after } change { id author source { id } } } } pageInfo { hasNextPage } } } }`;
    expect(statement(compileEntity(page))).toMatchSnapshot();
    const { field, ctx } = rootField(`query($after: String) { entity(id: "bpipo") { history(first: 5, after: $after) { edges { node { change { operations } } } } } }`, { after: Buffer.from(JSON.stringify({ v: 7 })).toString('base64url') });
    const full = compileEntityById(entityPlan([field], ENTITY_LABELS, ctx), 'bpipo');
    expect(full.text).toContain('change: c2 {.id, .operations}}');
    expect(Object.values(full.params)).toEqual(expect.arrayContaining([7, 6]));
    expect(compileEntity(page).text).not.toMatch(/\.operations|\.before|\.after|\.reviewedAt|properties\(s/);
  });

  it('compiles relations with arguments as parameters and citations with their sources', () => {
    const query = compileEntity(`{ entity(id: "x") { relations(types: [DEVELOPS], direction: OUTGOING, first: 5) { type node { name } sources { evidence source { title statementCount } } } sources { evidence } } }`);
    expect(statement(query)).toMatchSnapshot();
    expect(query.params).toMatchObject({ p0: ['DEVELOPS'], p1: 5 });
  });

  it('picks the field per label when two fragments give one response name different meanings', () => {
    const query = compileEntity(`{ entity(id: "x") { ... on Organization { linked: technologies { name } } ... on Modality { linked: technologies { name } } } }`);
    expect(query.text).toContain('CASE WHEN n:Organization THEN COLLECT');
    expect(query.text).toContain('WHEN n:Modality THEN COLLECT');
  });

  it('follows named fragments and aliases, and leaves out fields under @skip(if: true) or @include(if: false)', () => {
    const document = `query($hide: Boolean!) { entity(id: "x") { ...Org } }
      fragment Org on Organization { tech: technologies @skip(if: $hide) { name } mods: modalities @include(if: $hide) { name } }`;
    const shown = compileEntity(document, { hide: false }).text;
    const hidden = compileEntity(document, { hide: true }).text;
    expect(shown).toContain('tech: CASE WHEN n:Organization THEN COLLECT {\nMATCH (n)-[r1:DEVELOPS]->(n2:Technology)');
    expect(shown).not.toContain('mods:');
    expect(hidden).toContain('mods:');
    expect(hidden).not.toContain('tech:');
  });

  it('merges a field selected both outside a fragment and inside one on a label, for that label only, as GraphQL collects fields per runtime type', () => {
    const query = compileEntity(`{ entity(id: "x") { sources { evidence } ... on Organization { sources { source { title statementCount } } } } }`);
    expect(query.text).toMatch(/^RETURN \{labels: labels\(n\), props: n \{\.id, \.name\}, fields: \{sources: CASE WHEN n:Organization THEN COLLECT \{$/m);
    const [organization, others] = query.text.split(' ELSE ');
    expect(organization).toContain('statementCount: COUNT');
    expect(others).toContain('source: {id: s');
    expect(others).not.toContain('statementCount');
  });

  it('applies a fragment on the Entity interface to every entity, and leaves out one on a type the entity cannot be', () => {
    const { field, ctx } = rootField(`{ organizations { nodes { ... on Entity { sources { evidence } } ... on Person { roles { title } } } } }`);
    const plan = entityPlan(subfields([field], 'nodes', ctx), ['Organization'], ctx);
    expect(plan.fields.map((f) => [f.key, f.onLabel])).toEqual([['sources', null]]);
  });

  it('gives byte-identical text for the same document whatever the argument values, so the plan cache hits', () => {
    const a = compileEntity(`query($t: [RelationshipType!]) { entity(id: "x") { relations(types: $t) { type } } }`, { t: ['DEVELOPS'] });
    const b = compileEntity(`query($t: [RelationshipType!]) { entity(id: "x") { relations(types: $t) { type } } }`, { t: ['LOCATED_IN', 'PART_OF'] });
    expect(a.text).toBe(b.text);
    expect(a.params.p0).not.toEqual(b.params.p0);
  });

  it('reuses the plan of one parsed document only while the variables inside its selection keep their values', () => {
    const { field } = rootField(`query($id: ID!, $hide: Boolean!, $n: Int) { entity(id: $id) {
      technologies @skip(if: $hide) { name } relations(first: $n) { type } } }`);
    const plan = (variables: Record<string, unknown>) => entityPlan([field], ENTITY_LABELS, { schema, fragments: {}, variables, language: 'en' });
    const shown = plan({ id: 'a', hide: false, n: 5 });
    expect(plan({ id: 'b', hide: false, n: 5 })).toBe(shown);
    const hidden = plan({ id: 'a', hide: true, n: 5 });
    expect(hidden).not.toBe(shown);
    expect(hidden.fields.map((f) => f.key)).toEqual(['relations']);
    const larger = plan({ id: 'a', hide: false, n: 7 });
    expect(larger.fields.find((f) => f.key === 'relations')).toMatchObject({ first: 7 });
    expect(compileEntityById(shown, 'a').text).toBe(compileEntityById(shown, 'b').text);
    expect(compileEntityById(shown, 'b').params.id).toBe('b');
  });

  it("reads only the name lists the reader's language needs: English the aliases and English names, Japanese also the Japanese ones", () => {
    const propertiesOf = (document: string, language: Language, variables: Record<string, unknown> = {}) => {
      const { field, ctx } = rootField(document, variables, language);
      return entityPlan([field], ENTITY_LABELS, ctx).properties;
    };
    expect(propertiesOf(`{ entity(id: "x") { name } }`, 'en')).toEqual(['id', 'name', 'aliases', 'namesEn']);
    expect(propertiesOf(`{ entity(id: "x") { name } }`, 'ja')).toEqual(['id', 'name', 'aliases', 'namesJa', 'namesEn']);
    expect(propertiesOf(`query($l: Language) { entity(id: "x") { name(lang: $l) } }`, 'en', { l: 'ZH_HANT' })).toEqual(['id', 'name', 'aliases', 'namesZhHant', 'namesEn']);
    expect(propertiesOf(`{ entity(id: "x") { names { value } } }`, 'en')).toEqual(['id', 'name', 'aliases', 'namesEn', 'namesJa', 'namesZhHant']);
  });

  it("keys a reused plan on the reader's language", () => {
    const { field, ctx } = rootField(`{ entity(id: "x") { name } }`);
    const english = entityPlan([field], ENTITY_LABELS, ctx);
    expect(entityPlan([field], ENTITY_LABELS, { ...ctx, language: 'en' })).toBe(english);
    expect(entityPlan([field], ENTITY_LABELS, { ...ctx, language: 'ja' }).properties).toContain('namesJa');
  });

  it('keys a reused plan on the variables of every merged field node, not only the first', () => {
    const ast = parse(`query($a: Boolean!, $b: Boolean!) { entity(id: "x") { technologies @skip(if: $a) { name } } entity(id: "x") { modalities @skip(if: $b) { name } } }`);
    const operation = ast.definitions[0] as OperationDefinitionNode;
    const nodes = operation.selectionSet.selections as FieldNode[];
    const plan = (variables: Record<string, unknown>) => entityPlan(nodes, ['Organization'], { schema, fragments: {}, variables, language: 'en' });
    expect(plan({ a: false, b: false }).fields.map((f) => f.key).sort()).toEqual(['modalities', 'technologies']);
    expect(plan({ a: false, b: true }).fields.map((f) => f.key)).toEqual(['technologies']);
  });

  it('refuses a relations page larger than the cap with BAD_USER_INPUT naming the argument', () => {
    expect(() => compileEntity(`{ entity(id: "x") { relations(first: 5000) { type } } }`)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', details: expect.objectContaining({ field: 'first' }) }));
  });
});

describe('the Cypher renderer', () => {
  it('names variables and parameters in the order they first appear, one name per node however often it is used', () => {
    const [r, m, limit] = [variable('r'), variable('n'), param(5)];
    const { text, params } = render(cypher`MATCH (${m})<-[${r}]-() WITH ${r}, ${m} LIMIT ${limit} RETURN ${r}, ${param('x')}, ${limit}`);
    expect(text).toBe('MATCH (n1)<-[r2]-() WITH r2, n1 LIMIT $p0 RETURN r2, $p1, $p0');
    expect(params).toEqual({ p0: 5, p1: 'x' });
  });

  it('never gives a variable a name the statement uses as a fixed one', () => {
    expect(render(cypher`WITH ${fixedVariable('s1')}, ${variable('s')}`).text).toBe('WITH s1, s2');
  });

  it('refuses a label, type or property that is not a plain identifier', () => {
    expect(() => name('Organization) DETACH DELETE (x')).toThrow(/not a plain identifier/);
  });
});

describe('the analyst plans: selective anchors and the hop-side grouped aggregate', () => {
  const FILTERED = {
    OR: [{ countryCode: { in: ['TW', 'JP'] }, kind: { in: ['COMPANY', 'PHARMA'] } }, { countryCode: { eq: 'US' }, kind: { eq: 'CDMO' } }],
    technologies: { some: { modalities: { some: { id: { in: ['syn-mod-ipsc', 'syn-mod-msc'] } } } } },
  };
  const page = (anchor: Anchor | null) =>
    compileListPage({ label: 'Organization', where: FILTERED, lucene: null, sort: [{ field: 'NAME' }], after: null, limit: 21, withTotalCount: true, plan: { labels: ['Organization'], properties: ['id', 'name'], fields: [] }, anchor });

  it('compiles the bench filtered list anchored at the named modalities: modalities, their technologies, their organizations, then the rest of where, page and total in one statement', () => {
    const [candidate] = anchorCandidates('Organization', FILTERED);
    const anchored = page({ hops: candidate!.hops, rest: candidate!.rest, estimate: 0 });
    expect(anchored.text).not.toContain('EXISTS');
    expect(statement(anchored)).toMatchSnapshot();
  });

  it('chooses the anchor by the counts: a chain to 2 of 24 modalities over 100,000 organizations, and no anchor when the chain is as wide as the scan', () => {
    const counts: Record<string, number> = {
      Organization: 100_000, Technology: 60_000, Modality: 24,
      'Organization-[:DEVELOPS]->': 66_000, 'Technology-[:USES_MODALITY]->': 90_000,
    };
    const anchor = chooseAnchor('Organization', FILTERED, (key) => counts[countKeyText(key)]);
    // 2 modalities + 2 × 90,000/24 technologies (7,500) + 7,500 × 66,000/60,000 organizations (8,250) = 15,752, under 100,000 / 4.
    expect(anchor && describeAnchor('Organization', anchor)).toBe('Organization -DEVELOPS-> Technology -USES_MODALITY-> Modality (~15752 rows)');
    expect(chooseAnchor('Organization', FILTERED, (key) => ({ ...counts, Modality: 2 })[countKeyText(key)])).toBeNull();
  });

  it('compiles a group-by across a hop from the hop side: live entities per own key, distinct entities per (own key, related id), the null key as the difference', () => {
    expect(statement(compileAggregate({ label: 'Organization', where: null, groupBy: [{ field: 'countryCode' }, { via: 'modalities', field: 'id' }], measures: {}, first: 100 }))).toMatchSnapshot();
  });
});
