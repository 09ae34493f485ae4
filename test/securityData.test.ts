import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exportGraph, writeExport } from '../src/ingest/exportGraph';
import { csvField } from '../src/http/listExport';
import { ecosystemSource } from '../src/ingest/ecosystemFile';
import { seedSource } from '../src/ingest/seedFile';
import { startTestApp, type TestApp } from './support/harness';
import { mintToken, newJwtSecret } from './support/tokens';

/**
 * What a probe of the running API found about its data paths (the issue
 * "Security and integrity"), each over HTTP against the real server and Neo4j:
 * spreadsheet formulas in exports, audit fields readable through `facts`,
 * export parameters parsed unlike GraphQL's, non-web source URLs, exports that
 * were not one state of the graph, sources that could not be retracted, and
 * editors that could merge.
 */

const secret = newJwtSecret();
const bearer = async (subject: string, roles: string[]) => ({ authorization: `Bearer ${await mintToken(secret, subject, roles)}` });
const SOURCE = { id: 'geneonline-2025-04-29-taiwan-japan-regen-forum' };

const UPSERT = `mutation($input: UpsertEntityInput!) { upsertEntity(input: $input) { entity { id } } }`;
const LINK = `mutation($input: LinkEntitiesInput!) { linkEntities(input: $input) { id } }`;
const RETRACT_SOURCE = `mutation($id: ID!, $reason: String!) { retractSource(id: $id, reason: $reason) { id change { kind subject note targetIds } } }`;
const MERGE = `mutation($input: MergeEntitiesInput!) { mergeEntities(input: $input) { mergedId } }`;

function organization(id: string, extra: Record<string, unknown> = {}) {
  return { type: 'ORGANIZATION', id, name: `Org ${id}`, description: 'Written by a security test.', kind: 'COMPANY', country: 'TW', source: SOURCE, evidence: 'The test states it.', ...extra };
}

describe('security of the data paths', () => {
  let app: TestApp;
  let editor: Record<string, string>;
  let reviewer: Record<string, string>;
  let admin: Record<string, string>;

  beforeAll(async () => {
    app = await startTestApp({ auth: { jwtSecret: secret }, queryTimeoutMs: 60_000 });
    editor = await bearer('sec-editor@example.org', ['editor']);
    reviewer = await bearer('sec-reviewer@example.org', ['reviewer']);
    admin = await bearer('sec-admin@example.org', ['admin']);
  });
  afterAll(async () => {
    await app.close();
  });

  const get = (url: string) => fetch(`${app.url}${url}`);
  const json = (value: unknown) => encodeURIComponent(JSON.stringify(value));

  async function upsert(input: Record<string, unknown>): Promise<void> {
    const { errors } = await app.graphql(UPSERT, { input }, editor);
    expect(errors).toBeUndefined();
  }

  describe('CSV exports neutralise spreadsheet formulas', () => {
    it('prefixes a quote to every cell that starts like a formula, and keeps NDJSON exact', async () => {
      const source = { new: { id: 'sec-formula-source', publisher: '@SUM(1+1)', title: '-2+3', publishedOn: '2025-05-01', url: 'https://example.org/formula' } };
      await upsert(organization('sec-formula', { name: '=HYPERLINK("http://evil.example","x")', description: '+1+1', aliases: ['-1', '@A'], source }));
      const where = json({ id: { in: ['sec-formula'] } });
      const csv = await (await get(`/export/organizations.csv?where=${where}`)).text();
      const [header, row] = csv.split('\r\n');
      expect(header).toBe('id,name,type,organizationKind,countryCode,description,aliases,parent,modalities,claims,sourceIds,sourceTitles,sourcePublishers,sourcePublishedOn');
      expect(row).toBe(`sec-formula,"'=HYPERLINK(""http://evil.example"",""x"")",ORGANIZATION,COMPANY,TW,'+1+1,'-1 | @A,,,,sec-formula-source,'-2+3,'@SUM(1+1),2025-05-01`);

      const line = JSON.parse((await (await get(`/export/organizations.ndjson?where=${where}`)).text()).trim()) as Record<string, unknown>;
      expect(line).toMatchObject({ name: '=HYPERLINK("http://evil.example","x")', description: '+1+1', aliases: ['-1', '@A'] });
      expect(line.sources).toEqual([{ id: 'sec-formula-source', title: '-2+3', publisher: '@SUM(1+1)', publishedOn: '2025-05-01' }]);

      const aggregate = await (await get(`/export/aggregate/organizations.csv?where=${where}&groupBy=${json([{ field: 'name' }])}`)).text();
      expect(aggregate.split('\r\n')[1]).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")",1,,,,`);
    });

    it('neutralises a leading tab or carriage return too, then quotes as RFC 4180 requires', () => {
      expect([csvField('\tx'), csvField('\rx'), csvField('a=b'), csvField('plain, text')]).toEqual(["'\tx", `"'\rx"`, 'a=b', '"plain, text"']);
    });
  });

  describe('facts name only public properties', () => {
    it('refuses an audit or bookkeeping property as a fact name with BAD_USER_INPUT naming the field', async () => {
      for (const name of ['updatedBy', 'createdBy', 'retractedBy', 'sourceIds', 'evidence', 'id']) {
        const { errors, data } = await app.graphql(`query($name: String!) { organizations(where: { facts: [{ name: $name, text: { startsWith: "sec-" } }] }) { totalCount } }`, { name });
        expect(data).toBeFalsy();
        expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'where.facts.0.name' });
      }
      const nested = await app.graphql('{ organizations(where: { OR: [{ technologies: { some: { facts: [{ name: "createdBy", text: { contains: "@" } }] } } }] }) { totalCount } }');
      expect(nested.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'where.OR.0.technologies.some.facts.0.name' });
      const exported = await get(`/export/organizations.ndjson?where=${json({ facts: [{ name: 'updatedBy', text: { startsWith: 'sec-' } }] })}`);
      expect(exported.status).toBe(400);
      expect(((await exported.json()) as { errors: { extensions: unknown }[] }).errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'where.facts.0.name' });
    });

    it('still filters on a public fact', async () => {
      await upsert(organization('sec-public-fact', { facts: { employees: 4321 } }));
      const { data, errors } = await app.graphql<{ organizations: { nodes: { id: string }[] } }>('{ organizations(where: { facts: [{ name: "employees", number: { eq: 4321 } }] }) { nodes { id } } }');
      expect(errors).toBeUndefined();
      expect(data!.organizations.nodes).toEqual([{ id: 'sec-public-fact' }]);
    });
  });

  describe('export parameters are parsed as the GraphQL inputs are', () => {
    it('refuses prototype keys and unknown operators with 400 naming the field, never 500', async () => {
      const cases: [string, string][] = [
        [`where=${json({ constructor: {} })}`, 'where.constructor'],
        [`where=${encodeURIComponent('{"__proto__":{"name":{"eq":"x"}}}')}`, 'where.__proto__'],
        [`where=${json({ name: { constructor: 'x' } })}`, 'where.name.constructor'],
        [`where=${json({ technologies: { every: {} } })}`, 'where.technologies.every'],
        [`where=${json({ hasOwnProperty: { some: {} } })}`, 'where.hasOwnProperty'],
        [`sort=${json([{ field: 'CONSTRUCTOR' }])}`, 'sort.0.field'],
        [`filter=${json({ countries: ['JP'] })}`, 'filter'],
      ];
      for (const [query, field] of cases) {
        const response = await get(`/export/organizations.csv?${query}`);
        const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
        expect([query, response.status, body.errors[0]!.extensions]).toEqual([query, 400, { code: 'BAD_USER_INPUT', field }]);
        expect(body.errors[0]!.message).not.toMatch(/function|native code|MATCH/);
      }
      for (const file of ['constructor.csv', 'aggregate/constructor.ndjson']) expect([file, (await get(`/export/${file}`)).status]).toEqual([file, 404]);
      const aggregate = await get(`/export/aggregate/organizations.csv?groupBy=${json([{ field: 'name', via: 'constructor' }])}`);
      expect(aggregate.status).toBe(400);
      expect(((await aggregate.json()) as { errors: { extensions: unknown }[] }).errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'groupBy.0.via' });
    });

    it('coerces values as GraphQL variables are coerced: a single value for a list, one object for a list of conditions', async () => {
      for (const where of [{ name: { in: 'BIONET' } }, { AND: { countryCode: { eq: 'TW' } } }]) {
        const response = await get(`/export/organizations.ndjson?where=${json(where)}`);
        expect(response.status).toBe(200);
        const exported = (await response.text()).trim().split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { id: string }).id);
        const { data } = await app.graphql<{ organizations: { nodes: { id: string }[] } }>('query($where: OrganizationWhere) { organizations(where: $where, first: 100) { nodes { id } } }', { where });
        expect(exported).toEqual(data!.organizations.nodes.map((n) => n.id));
        expect(exported.length).toBeGreaterThan(0);
      }
    });

    it('orders an export by `sort` and narrows it by `search`', async () => {
      const response = await get(`/export/organizations.ndjson?sort=${json([{ field: 'NAME', direction: 'DESC' }])}&search=stem`);
      expect(response.status).toBe(200);
      const names = (await response.text()).trim().split('\n').map((l) => (JSON.parse(l) as { name: string }).name);
      expect(names.length).toBeGreaterThan(1);
      expect(names).toEqual([...names].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
    });

    it('refuses a prototype key as a GraphQL group key with BAD_USER_INPUT, not a 500', async () => {
      for (const via of ['constructor', '__proto__', 'toString']) {
        const { errors } = await app.graphql(`query($via: String) { organizationsAggregate(groupBy: [{ field: "name", via: $via }]) { totalCount } }`, { via });
        expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'groupBy.0.via' });
      }
      const { errors } = await app.graphql('{ organizationsAggregate(groupBy: [{ field: "constructor" }]) { totalCount } }');
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'groupBy.0.field' });
    });
  });

  describe('source URLs are http or https', () => {
    it('refuses javascript: and data: URLs in a curated source, naming the field', async () => {
      for (const url of ['javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'JavaScript:alert(1)']) {
        const source = { new: { id: 'sec-bad-url', publisher: 'P', title: 'T', publishedOn: '2025-05-01', url } };
        const { errors } = await app.graphql(UPSERT, { input: organization('sec-bad-url-org', { source }) }, editor);
        expect([url, errors?.[0]?.extensions]).toEqual([url, expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.source.new.url' })]);
      }
      const { data } = await app.graphql('{ source(id: "sec-bad-url") { id } }');
      expect(data).toEqual({ source: null });
    });

    it('refuses them in seed and ecosystem files (and so in an import) and accepts http and https', () => {
      const seed = { id: 'a-source', publisher: 'P', title: 'T', publishedOn: '2025-05-01' };
      expect(seedSource.safeParse({ ...seed, url: 'javascript:alert(1)' }).success).toBe(false);
      expect(seedSource.safeParse({ ...seed, url: 'data:text/html,x' }).success).toBe(false);
      expect(seedSource.safeParse({ ...seed, url: 'https://example.org/a' }).success).toBe(true);
      expect(seedSource.safeParse({ ...seed, url: 'http://example.org/a' }).success).toBe(true);
      const eco = ecosystemSource.shape.url;
      expect(eco.safeParse('javascript:alert(1)').success).toBe(false);
      expect(eco.safeParse('https://example.org/a').success).toBe(true);
    });
  });

  describe('an export is one state of the graph, or says which changes it left out', () => {
    it('holds, under a concurrent write loop, every entity its audit changes name', async () => {
      let writing = true;
      let written = 0;
      const loop = (async () => {
        while (writing) {
          await upsert(organization(`sec-snap-${written}`));
          written += 1;
        }
      })();
      try {
        for (let round = 0; round < 4; round++) {
          const graph = await exportGraph(app.executor);
          const exported = new Set(graph.files.flatMap((f) => f.data.nodes.map((n) => n.id)));
          const named = graph.changes.filter((c) => c.kind === 'UPSERT_ENTITY').map((c) => (c.targetIds as string[])[0]!);
          expect(named.filter((id) => !exported.has(id))).toEqual([]);
          const snapshots = graph.files.flatMap((f) => f.data.nodes.map((n) => n.id)).filter((id) => id.startsWith('sec-snap-'));
          expect(snapshots.filter((id) => !named.includes(id))).toEqual([]);
          expect(graph.manifest.consistency).toMatch(/one state|left out/);
        }
      } finally {
        writing = false;
        await loop;
      }
      expect(written).toBeGreaterThan(0);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sec-export-'));
      writeExport(dir, await exportGraph(app.executor));
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'audit', 'manifest.json'), 'utf8'))).toMatchObject({ consistency: expect.stringMatching(/one state|left out/) });
      fs.rmSync(dir, { recursive: true });
    });
  });

  describe('retractSource', () => {
    const SOURCE_FIELDS = '{ sources { id } }';

    async function givenHostileSource(): Promise<void> {
      const source = { new: { id: 'sec-hostile', publisher: 'Hostile', title: '<img src=x onerror=alert(1)>', publishedOn: '2025-05-02', url: 'https://hostile.example/a' } };
      await upsert(organization('sec-cited-once', { source }));
      await upsert(organization('sec-cited-twice'));
      await upsert(organization('sec-cited-twice', { source: { id: 'sec-hostile' }, evidence: 'The hostile page says so too.' }));
      const link = await app.graphql(LINK, { input: { type: 'PART_OF', from: 'sec-cited-once', to: 'sec-cited-twice', source: { id: 'sec-hostile' }, evidence: 'Hostile says they partner.' } }, editor);
      expect(link.errors).toBeUndefined();
    }

    it('is refused to an editor with FORBIDDEN and answers NOT_FOUND for an unknown source', async () => {
      const asEditor = await app.graphql(RETRACT_SOURCE, { id: SOURCE.id, reason: 'no' }, editor);
      expect(asEditor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const unknown = await app.graphql(RETRACT_SOURCE, { id: 'sec-no-such-source', reason: 'gone' }, admin);
      expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });

    it('hides the source, removes its citations from every fact and marks a fact left without a live source', async () => {
      await givenHostileSource();
      const retracted = await app.graphql<{ retractSource: { id: string; change: Record<string, unknown> } }>(RETRACT_SOURCE, { id: 'sec-hostile', reason: 'hostile title' }, admin);
      expect(retracted.errors).toBeUndefined();
      expect(retracted.data!.retractSource).toEqual({ id: 'sec-hostile', change: { kind: 'RETRACT_SOURCE', subject: 'sec-admin@example.org', note: 'hostile title', targetIds: expect.arrayContaining(['sec-hostile', 'sec-cited-once']) } });

      const { data } = await app.graphql<any>(`{
        sources { id } source(id: "sec-hostile") { id }
        once: entity(id: "sec-cited-once") { unverified sources { source { id } } relations(types: [PART_OF]) { unverified sources { source { id } } } }
        twice: entity(id: "sec-cited-twice") { unverified sources { source { id } } }
      }`);
      expect(data.sources.map((s: { id: string }) => s.id)).not.toContain('sec-hostile');
      expect(data.source).toBeNull();
      expect(data.once).toEqual({ unverified: true, sources: [], relations: [{ unverified: true, sources: [] }] });
      expect(data.twice).toEqual({ unverified: false, sources: [{ source: { id: SOURCE.id } }] });

      const changes = await app.graphql<any>('{ recentChanges(first: 5) { kind subject note summary } }', undefined, editor);
      expect(changes.data.recentChanges[0]).toMatchObject({ kind: 'RETRACT_SOURCE', subject: 'sec-admin@example.org', note: 'hostile title' });
      const again = await app.graphql(RETRACT_SOURCE, { id: 'sec-hostile', reason: 'twice' }, admin);
      expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const listed = await app.graphql<any>(SOURCE_FIELDS);
      expect(listed.data.sources.length).toBeGreaterThan(0);
    });
  });

  describe('mergeEntities needs the reviewer role', () => {
    it('refuses an editor with FORBIDDEN and lets a reviewer merge', async () => {
      await upsert(organization('sec-merge-keep', { name: 'Merge Keep Holdings' }));
      await upsert(organization('sec-merge-away', { name: 'Completely Different Name Ltd' }));
      const input = { keep: 'sec-merge-keep', merge: 'sec-merge-away', reason: 'same company' };
      const asEditor = await app.graphql(MERGE, { input }, editor);
      expect(asEditor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const asReviewer = await app.graphql<{ mergeEntities: { mergedId: string } }>(MERGE, { input }, reviewer);
      expect(asReviewer.errors).toBeUndefined();
      expect(asReviewer.data!.mergeEntities.mergedId).toBe('sec-merge-away');
    });
  });
});
