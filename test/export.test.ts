import { startTestApp, type GraphQLResponse, type TestApp } from './support/harness';
import { csvObjects, parseCsv } from './support/csv';
import { bearerHeader, newJwtSecret } from './support/tokens';

const secret = newJwtSecret();

interface ListedOrganization {
  id: string;
  name: string;
  organizationKind: string;
  countryCode: string | null;
  description: string;
  aliases: string[];
  sources: { source: { id: string; title: string; publisher: string; publishedOn: string } }[];
}

interface ListPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string };
  nodes: ListedOrganization[];
}

const LIST = `query($where: OrganizationWhere, $after: String) {
  organizations(where: $where, first: 100, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id name organizationKind countryCode description aliases sources { source { id title publisher publishedOn } } }
  }
}`;

const UPSERT = `mutation($input: UpsertEntityInput!) { upsertEntity(input: $input) { entity { id } } }`;

describe('bulk export over HTTP (GET /export/<list>.csv|.ndjson)', () => {
  let app: TestApp;
  let editor: { authorization: string };

  beforeAll(async () => {
    app = await startTestApp({ auth: { jwtSecret: secret }, queryTimeoutMs: 60_000 });
    editor = await bearerHeader(secret, 'curator@example.org', ['editor']);
  });
  afterAll(async () => {
    await app.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${app.url}${path}`, { headers });
  const exportUrl = (file: string, where?: unknown) => `/export/${file}${where === undefined ? '' : `?where=${encodeURIComponent(JSON.stringify(where))}`}`;

  /** Every organization the GraphQL list answers for `where`, page by page, and its totalCount. */
  async function listed(where: unknown): Promise<{ totalCount: number; nodes: ListedOrganization[] }> {
    const nodes: ListedOrganization[] = [];
    let after: string | null = null;
    let totalCount = -1;
    for (;;) {
      const { data, errors }: GraphQLResponse<{ organizations: ListPage }> = await app.graphql(LIST, { where, after });
      expect(errors).toBeUndefined();
      nodes.push(...data!.organizations.nodes);
      totalCount = data!.organizations.totalCount;
      if (!data!.organizations.pageInfo.hasNextPage) return { totalCount, nodes };
      after = data!.organizations.pageInfo.endCursor;
    }
  }

  it('exports what a where condition of the analyst query language selects, as the GraphQL list does', async () => {
    const where = { OR: [{ countryCode: { eq: 'JP' }, kind: { eq: 'PHARMA' } }, { technologies: { count: { gte: 2 } } }] };
    const { data, errors } = await app.graphql<any>('query($w: OrganizationWhere) { organizations(where: $w, first: 100) { totalCount nodes { id } } }', { w: where });
    expect(errors).toBeUndefined();
    expect(data.organizations.totalCount).toBeGreaterThan(3);
    const response = await get(`/export/organizations.ndjson?where=${encodeURIComponent(JSON.stringify(where))}`);
    expect(response.status).toBe(200);
    const ids = (await response.text()).trim().split('\n').map((line) => (JSON.parse(line) as { id: string }).id);
    expect(ids).toEqual(data.organizations.nodes.map((n: { id: string }) => n.id));
    const bad = await get(`/export/organizations.csv?where=${encodeURIComponent(JSON.stringify({ colour: { eq: 'red' } }))}`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'where.colour' });
  });

  it('exports a grouped aggregate as CSV and NDJSON with the groups the GraphQL aggregate gives', async () => {
    const groupBy = [{ field: 'countryCode' }, { field: 'kind' }];
    const { data, errors } = await app.graphql<any>('query($g: [GroupKey!]!) { organizationsAggregate(groupBy: $g) { totalCount groups { key count } } }', { g: groupBy });
    expect(errors).toBeUndefined();
    const query = `groupBy=${encodeURIComponent(JSON.stringify(groupBy))}`;
    const csv = await get(`/export/aggregate/organizations.csv?${query}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('x-aggregate-total-count')).toBe(String(data.organizationsAggregate.totalCount));
    const rows = parseCsv(await csv.text());
    expect(rows[0]).toEqual(['countryCode', 'kind', 'count', 'countDistinct', 'min', 'max', 'disputed']);
    expect(rows.slice(1).filter((r) => r.length > 1).map((r) => [r[0] || null, r[1] || null, Number(r[2])])).toEqual(
      data.organizationsAggregate.groups.map((g: { key: (string | null)[]; count: number }) => [g.key[0] ?? null, g.key[1] ?? null, g.count]),
    );
    const ndjson = (await (await get(`/export/aggregate/organizations.ndjson?${query}`)).text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(ndjson[0]).toEqual({ key: { countryCode: data.organizationsAggregate.groups[0].key[0], kind: data.organizationsAggregate.groups[0].key[1] }, count: data.organizationsAggregate.groups[0].count, countDistinct: null, min: null, max: null, disputed: null });
    const bad = await get(`/export/aggregate/organizations.csv?groupBy=${encodeURIComponent(JSON.stringify([{ field: 'colour' }]))}`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'groupBy.0.field' });
  });

  it('streams a filtered organizations CSV whose rows, order and citation columns equal the GraphQL list', async () => {
    const where = { countryCode: { in: ['JP'] } };
    const expected = await listed(where);
    expect(expected.totalCount).toBeGreaterThan(2);

    const response = await get(exportUrl('organizations.csv', where));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    const text = await response.text();
    expect(parseCsv(text)[0]).toEqual(['id', 'name', 'type', 'organizationKind', 'countryCode', 'description', 'aliases', 'parent', 'modalities', 'claims', 'sourceIds', 'sourceTitles', 'sourcePublishers', 'sourcePublishedOn']);
    const rows = csvObjects(text).map(({ parent: _p, modalities: _m, claims: _c, ...listed }) => listed);

    expect(rows).toHaveLength(expected.totalCount);
    expect(rows).toEqual(
      expected.nodes.map((o) => ({
        id: o.id,
        name: o.name,
        type: 'ORGANIZATION',
        organizationKind: o.organizationKind,
        countryCode: o.countryCode ?? '',
        description: o.description,
        aliases: o.aliases.join(' | '),
        sourceIds: o.sources.map((s) => s.source.id).join(' | '),
        sourceTitles: o.sources.map((s) => s.source.title).join(' | '),
        sourcePublishers: o.sources.map((s) => s.source.publisher).join(' | '),
        sourcePublishedOn: o.sources.map((s) => s.source.publishedOn).join(' | '),
      })),
    );
    expect(rows.every((r) => r.countryCode === 'JP' && r.sourceIds !== '')).toBe(true);
  });

  it('streams the same list as NDJSON, one JSON object per line with its sources', async () => {
    const where = { countryCode: { eq: 'TW' }, kind: { eq: 'COMPANY' } };
    const expected = await listed(where);
    expect(expected.totalCount).toBeGreaterThan(0);

    const response = await get(exportUrl('organizations.ndjson', where));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const text = await response.text();
    expect(text.endsWith('\n')).toBe(true);
    const lines = text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .map(({ parent: _p, modalities: _m, claims: _c, ...listed }) => listed);
    expect(lines).toEqual(
      expected.nodes.map((o) => ({
        id: o.id,
        name: o.name,
        type: 'ORGANIZATION',
        organizationKind: o.organizationKind,
        countryCode: o.countryCode,
        description: o.description,
        aliases: o.aliases,
        sources: o.sources.map((s) => s.source),
      })),
    );
  });

  it("exports each label's own fields, typed as the GraphQL list types them (booleans, lists, dates)", async () => {
    const { data, errors } = await app.graphql<{ agreements: { nodes: Record<string, unknown>[] } }>('{ agreements(first: 100) { nodes { id agreementKind exclusive rightsGranted signedOn } } }');
    expect(errors).toBeUndefined();
    const expected = data!.agreements.nodes;
    expect(expected.some((a) => typeof a.exclusive === 'boolean') && expected.some((a) => (a.rightsGranted as string[]).length > 0)).toBe(true);
    const fields = (row: Record<string, unknown>) => ({ id: row.id, agreementKind: row.agreementKind, exclusive: row.exclusive, rightsGranted: row.rightsGranted, signedOn: row.signedOn });

    const ndjson = (await (await get('/export/agreements.ndjson')).text()).trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(Object.keys(ndjson[0]!)).toEqual([
      'id', 'name', 'type', 'agreementKind', 'exclusive', 'rightsGranted', 'signedOn', 'announcedOn', 'effectiveOn', 'description', 'aliases',
      'parties', 'territory', 'covers', 'signedAt', 'facilitators', 'claims', 'sources',
    ]);
    expect(ndjson.slice(0, expected.length).map(fields)).toEqual(expected.map(fields));

    const csv = csvObjects(await (await get('/export/agreements.csv')).text());
    const csvText = (value: unknown) => (value === null ? '' : Array.isArray(value) ? value.join(' | ') : String(value));
    expect(csv.map(fields)).toEqual(ndjson.map((row) => Object.fromEntries(Object.entries(fields(row)).map(([key, value]) => [key, csvText(value)]))));
  });

  it('exports every list, and a search picks the same entities as the GraphQL list', async () => {
    for (const list of ['organizations', 'people', 'technologies', 'agreements', 'events', 'modalities', 'indications', 'funds', 'policies']) {
      const { data } = await app.graphql<Record<string, { totalCount: number }>>(`{ ${list}(first: 1) { totalCount } }`);
      const response = await get(exportUrl(`${list}.ndjson`));
      expect({ list, status: response.status }).toEqual({ list, status: 200 });
      const lines = (await response.text()).split('\n').filter(Boolean);
      expect({ list, rows: lines.length }).toEqual({ list, rows: data![list]!.totalCount });
    }
    const { data } = await app.graphql<{ technologies: { nodes: { id: string }[] } }>('{ technologies(search: "exosome", first: 100) { nodes { id } } }');
    expect(data!.technologies.nodes.length).toBeGreaterThan(0);
    const text = await (await get('/export/technologies.csv?search=exosome')).text();
    expect(csvObjects(text).map((r) => r.id)).toEqual(data!.technologies.nodes.map((t) => t.id));
  });

  it('quotes fields with commas, quotes and line breaks (RFC 4180) and keeps them exact in NDJSON', async () => {
    const name = 'Comma, "Quoted" & Co.';
    const description = 'First line, with a comma.\nSecond line says "hello".';
    const { errors } = await app.graphql(
      UPSERT,
      {
        input: {
          type: 'ORGANIZATION',
          id: 'export-escaping-co',
          name,
          aliases: ['Quote "Q" Ltd', 'Plain'],
          description,
          kind: 'COMPANY',
          country: 'TW',
          source: { id: 'geneonline-2025-04-29-taiwan-japan-regen-forum' },
          evidence: 'Test evidence: written for the export escaping test.',
        },
      },
      editor,
    );
    expect(errors).toBeUndefined();

    const csv = await (await get(exportUrl('organizations.csv', { id: { in: ['export-escaping-co'] } }))).text();
    const lines = csv.split('\r\n');
    const quoted = 'export-escaping-co,"Comma, ""Quoted"" & Co.",ORGANIZATION,COMPANY,TW,"First line, with a comma.\nSecond line says ""hello"".","Quote ""Q"" Ltd | Plain",,,,geneonline-2025-04-29-taiwan-japan-regen-forum,';
    expect(lines[1]!.slice(0, quoted.length)).toBe(quoted);
    expect(lines).toHaveLength(3);
    const [row] = csvObjects(csv);
    expect(row).toMatchObject({ id: 'export-escaping-co', name, description, aliases: 'Quote "Q" Ltd | Plain' });

    const ndjson = await (await get(exportUrl('organizations.ndjson', { id: { in: ['export-escaping-co'] } }))).text();
    expect(JSON.parse(ndjson.trim())).toMatchObject({ id: 'export-escaping-co', name, description, aliases: ['Quote "Q" Ltd', 'Plain'] });
  });

  it('refuses a bad where, sort or parameter with 400 BAD_USER_INPUT naming the field, without Cypher or a stack', async () => {
    const cases: [string, string][] = [
      [exportUrl('organizations.csv', { countryCode: { eq: 81 } }), 'where.countryCode.eq'],
      [exportUrl('organizations.csv', { country: 'JP' }), 'where.country'],
      [exportUrl('organizations.csv', { technologies: { every: {} } }), 'where.technologies.every'],
      [`/export/organizations.csv?sort=${encodeURIComponent(JSON.stringify([{ field: 'COLOUR' }]))}`, 'sort.0.field'],
      [`/export/organizations.csv?filter=${encodeURIComponent(JSON.stringify({ countries: ['JP'] }))}`, 'filter'],
    ];
    for (const [url, field] of cases) {
      const response = await get(url);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
      expect(body.errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(JSON.stringify(body)).not.toMatch(/MATCH|stack|\.ts:/);
    }
    const notJson = await get('/export/organizations.csv?where=%7BcountryCode');
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { errors: { extensions: unknown }[] }).errors[0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'where' });
    const unknownList = await get('/export/secrets.csv');
    expect(unknownList.status).toBe(404);
  });

  it('refuses an invalid token with 401, as the GraphQL endpoint does', async () => {
    const response = await get(exportUrl('organizations.csv'), await bearerHeader(newJwtSecret(), 'eve', ['admin']));
    expect(response.status).toBe(401);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('bulk export when reads require a token (READS_REQUIRE_TOKEN=true)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ auth: { jwtSecret: secret }, config: { READS_REQUIRE_TOKEN: true }, queryTimeoutMs: 60_000 });
  });
  afterAll(async () => {
    await app.close();
  });

  it('refuses an export without a token with 401 UNAUTHENTICATED and answers it with a reader token', async () => {
    const anonymous = await fetch(`${app.url}/export/organizations.csv`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');

    const reader = await fetch(`${app.url}/export/organizations.csv`, { headers: await bearerHeader(secret, 'dash', ['reader']) });
    expect(reader.status).toBe(200);
    expect(csvObjects(await reader.text()).map((r) => r.id)).toContain('bpipo');
  });
});
