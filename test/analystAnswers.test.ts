import { csvObjects } from './support/csv';
import { useEcosystemApp } from './support/harness';

/**
 * What an analyst meets first over HTTP, on the seeded ecosystem: exports with the
 * columns each type has, dates whatever their kind, and errors that say how to
 * fix the request.
 */

const app = useEcosystemApp();

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${app().url}${path}`, { headers });
const param = (value: unknown) => encodeURIComponent(JSON.stringify(value));

describe('the agreements export', () => {
  it('carries each agreement’s dates, parties with their roles, territory and the values its pages dispute', async () => {
    const response = await get('/export/agreements.csv');
    expect(response.status).toBe(200);
    const rows = csvObjects(await response.text());
    const licence = rows.find((row) => row.id === 'agreement-cellseed-metatech-licence-2017')!;
    expect(licence.parties!.split(' | ')).toEqual(expect.arrayContaining([expect.stringMatching(/^CellSeed.* \(LICENSOR\)$/), expect.stringMatching(/^MetaTech.* \(LICENSEE\)$/)]));
    expect(licence.territory).toBe('Taiwan');
    // The three signing dates its pages give are kept, none chosen.
    expect(licence.signedOn).toBe('');
    expect(licence.claims!.split(' | ').filter((claim) => claim.startsWith('signedOn: '))).toEqual(['signedOn: 2017-03-24', 'signedOn: 2017-04', 'signedOn: 2017-04-24']);
    const jointVenture = rows.find((row) => row.id === 'agreement-upcell-joint-venture-2019')!;
    expect(jointVenture.announcedOn).toBe('2019-12-06');
  });

  it('honours sort, as the GraphQL list does', async () => {
    const sort = [{ field: 'NAME', direction: 'DESC' }];
    const { data } = await app().graphql<{ agreements: { nodes: { id: string }[] } }>('query($sort: [AgreementSort!]) { agreements(sort: $sort, first: 100) { nodes { id } } }', { sort });
    const rows = csvObjects(await (await get(`/export/agreements.csv?sort=${param(sort)}`)).text());
    expect(rows.map((row) => row.id)).toEqual(data!.agreements.nodes.map((node) => node.id));
  });

  it('refuses an unknown or ill-typed parameter with 400 naming it', async () => {
    const unknown = await get('/export/agreements.csv?colour=red');
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { errors: { extensions: { field: string } }[] }).errors[0]!.extensions.field).toBe('colour');
    const illTyped = await get(`/export/agreements.csv?where=${param({ signedOn: { eq: 2025 } })}`);
    expect(illTyped.status).toBe(400);
    expect(((await illTyped.json()) as { errors: { extensions: { field: string } }[] }).errors[0]!.extensions.field).toBe('where.signedOn.eq');
  });

  it('reads a year as the period it names: signedOn eq "2025" finds the agreements signed in 2025, at any precision', async () => {
    const { data } = await app().graphql<{ agreements: { nodes: { id: string; signedOn: string }[] } }>('{ agreements(where: { signedOn: { gte: "2025", lt: "2026" } }, first: 100) { nodes { id signedOn } } }');
    const expected = data!.agreements.nodes.map((node) => node.id).sort();
    expect(expected.length).toBeGreaterThan(1);
    const rows = csvObjects(await (await get(`/export/agreements.csv?where=${param({ signedOn: { eq: '2025' } })}`)).text());
    expect(rows.map((row) => row.id).sort()).toEqual(expected);
    expect(rows.every((row) => row.signedOn!.startsWith('2025'))).toBe(true);
  });
});

describe('agreements per year', () => {
  const perYear = async (field: string) => {
    const { data, errors } = await app().graphql<{ agreementsAggregate: { totalCount: number; groups: { key: (string | null)[]; count: number; disputed: number | null }[] } }>(
      'query($field: String!) { agreementsAggregate(groupBy: [{ field: $field, bucket: YEAR }]) { totalCount groups { key count disputed } } }',
      { field },
    );
    expect(errors).toBeUndefined();
    return data!.agreementsAggregate;
  };

  it('by signing date, keep a disputed date visible: the licence whose pages give three dates counts in 2017, as disputed', async () => {
    const { groups } = await perYear('signedOn');
    expect(groups.find((group) => group.key[0] === '2017')).toEqual({ key: ['2017'], count: 1, disputed: 1 });
  });

  it('by announcement date, and by the earliest date any page states, leave fewer agreements undated than the signing date does', async () => {
    const undated = (groups: { key: (string | null)[]; count: number }[]) => groups.find((group) => group.key[0] === null)?.count ?? 0;
    const signed = await perYear('signedOn');
    const announced = await perYear('announcedOn');
    const earliest = await perYear('earliestDate');
    expect(announced.groups.find((group) => group.key[0] === '2019')?.count).toBeGreaterThanOrEqual(2);
    expect(undated(earliest.groups)).toBeLessThan(undated(signed.groups));
    expect(earliest.groups.reduce((sum, group) => sum + group.count, 0)).toBe(earliest.totalCount);
  });
});

describe('errors that teach', () => {
  it('a groupBy field the type lacks lists the fields it has', async () => {
    const { errors } = await app().graphql('{ agreementsAggregate(groupBy: [{ field: "signedYear" }]) { groups { count } } }');
    expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'groupBy.0.field' });
    expect(errors![0]!.message).toContain('use one of announcedOn, description, earliestDate, effectiveOn');
    expect(errors![0]!.extensions!.validFields).toContain('signedOn');
  });

  it('Relation.other suggests node', async () => {
    const { errors } = await app().graphql('{ organizations(first: 1) { nodes { relations(first: 1) { other { id } } } } }');
    expect(errors![0]!.message).toBe('Cannot query field "other" on type "Relation". Did you mean "node"?');
    expect(errors![0]!.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', didYouMean: 'node' });
  });

  it('a GET without the preflight header is told in one sentence which header to add and why', async () => {
    const response = await get(`/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors[0]!.message).toMatch(/^Add the header "apollo-require-preflight: true" to this GET request .*cross-site request forgery\.$/);
    expect(body.errors[0]!.message.split('. ').length).toBe(1);
    expect(body.errors[0]!.extensions.requiredHeader).toBe('apollo-require-preflight');
    const withHeader = await get(`/graphql?query=${encodeURIComponent('{ __typename }')}`, { 'apollo-require-preflight': 'true' });
    expect(withHeader.status).toBe(200);
  });
});
