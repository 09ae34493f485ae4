import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exportGraph, importChanges, writeExport } from '../src/ingest/exportGraph';
import { loadSeedDirectory } from '../src/ingest/loadSeed';
import { clearGraph, startTestApp, testTarget, type TestApp } from './support/harness';
import { mintToken, newJwtSecret } from './support/tokens';

const secret = newJwtSecret();
const NEW_SOURCE = { new: { id: 'roundtrip-press-2025-05-02', publisher: 'Round Trip Press', title: 'A follow-up article', publishedOn: '2025-05-02' } };

async function bearer(subject: string, roles: string[]) {
  const token = await mintToken(secret, subject, roles);
  return { authorization: `Bearer ${token}` };
}

/** Every node and relationship with all properties, temporals as strings, in a stable order. */
async function snapshot(app: TestApp) {
  const plain = (props: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(props).map(([k, v]) => [k, v && typeof v === 'object' && !Array.isArray(v) ? String(v) : v]).sort(([a], [b]) => String(a).localeCompare(String(b))));
  const nodes = await app.driver.executeQuery('MATCH (n) WHERE NOT n:Migration RETURN labels(n) AS labels, properties(n) AS props');
  const rels = await app.driver.executeQuery('MATCH (a)-[r]->(b) RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS props');
  return {
    nodes: nodes.records.map((r) => JSON.stringify([[...r.get('labels')].sort(), plain(r.get('props'))])).sort(),
    relationships: rels.records.map((r) => JSON.stringify([r.get('from'), r.get('type'), r.get('to'), plain(r.get('props'))])).sort(),
  };
}

describe('export and re-import', () => {
  let app: TestApp;
  let dir: string;
  beforeAll(async () => {
    app = await startTestApp({ auth: { jwtSecret: secret }, queryTimeoutMs: 60_000 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regen-export-'));
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await app.close();
  });

  it('rebuilds the same graph — counts, ids, properties, provenance and audit fields — from an export of the seed plus curated writes', async () => {
    const editor = await bearer('curator@example.org', ['editor']);
    const admin = await bearer('admin@example.org', ['admin']);
    const upsert = await app.graphql(
      'mutation($i: UpsertEntityInput!) { upsertEntity(input: $i) { created } }',
      { i: { type: 'ORGANIZATION', id: 'roundtrip-bio', name: 'RoundTrip Bio (") MATCH (n) //', description: 'A company a later article names.', kind: 'COMPANY', country: 'JP', facts: { employees: 40 }, source: NEW_SOURCE, evidence: 'Named in the follow-up.' } },
      editor,
    );
    expect(upsert.errors).toBeUndefined();
    const link = await app.graphql(
      'mutation($i: LinkEntitiesInput!) { linkEntities(input: $i) { id } }',
      { i: { type: 'PARTICIPATED_IN', from: 'bpipo', to: 'forum-2025-04-23-tokyo', properties: { role: 'organizer', note: 'restated' }, source: { id: 'roundtrip-press-2025-05-02' }, evidence: 'The follow-up restates it.' } },
      editor,
    );
    expect(link.errors).toBeUndefined();
    const retract = await app.graphql('mutation($i: RetractInput!) { retract(input: $i) { id } }', { i: { entityId: 'csl-behring', reason: 'Country unclear; pending review.' } }, admin);
    expect(retract.errors).toBeUndefined();

    const before = await snapshot(app);
    const graph = await exportGraph(app.executor);
    writeExport(dir, graph);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()).toEqual([
      '2025-04-29-geneonline-2025-04-29-taiwan-japan-regen-forum.json',
      '2025-05-02-roundtrip-press-2025-05-02.json',
      // the follow-up's relationships to entities only the forum article states
      '2025-05-02-roundtrip-press-2025-05-02.links.json',
    ]);
    expect(graph.changes.length).toBe(3);
    // the links file names the follow-up's own entities as references instead of stating them again
    const links = JSON.parse(fs.readFileSync(path.join(dir, '2025-05-02-roundtrip-press-2025-05-02.links.json'), 'utf8')) as { nodes: unknown[]; references: { id: string }[] };
    expect(links.nodes).toEqual([]);
    expect(links.references.map((r) => r.id)).toContain('roundtrip-bio');

    await clearGraph(app.driver, testTarget().database);
    expect((await snapshot(app)).nodes).toEqual([]);
    await loadSeedDirectory(app.executor, dir);
    await importChanges(app.executor, dir);

    const after = await snapshot(app);
    expect(after.nodes.length).toBe(before.nodes.length);
    expect(after.relationships.length).toBe(before.relationships.length);
    expect(after).toEqual(before);

    const read = await app.graphql<any>('{ entity(id: "roundtrip-bio") { name sources { source { id } } } csl: entity(id: "csl-behring") { id } }');
    expect(read.data.entity).toEqual({ name: 'RoundTrip Bio (") MATCH (n) //', sources: [{ source: { id: 'roundtrip-press-2025-05-02' } }] });
    expect(read.data.csl).toBeNull();
  });
});
