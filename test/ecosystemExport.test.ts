import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exportGraph, importChanges, importClaims, writeExport } from '../src/ingest/exportGraph';
import { loadSeedDirectory } from '../src/ingest/loadSeed';
import { clearGraph, startTestApp, testTarget, type TestApp } from './support/harness';

/**
 * The whole ecosystem graph survives `npm run export` and `npm run import`: its
 * sources with their kinds, its claims and conflicts, and its dates.
 */

const AUDIT = new Set(['createdAt', 'createdBy', 'updatedAt', 'updatedBy']);
/** Driver temporals (dates, instants) as their ISO text; anything else as it is. */
const plain = (value: unknown) => (value && typeof value === 'object' && ('year' in value || 'epochSeconds' in value) ? String(value) : value);
const sorted = (props: Record<string, unknown>, drop: Set<string> = new Set()) =>
  Object.fromEntries(Object.entries(props).filter(([k]) => !drop.has(k)).map(([k, v]) => [k, plain(v)]).sort(([a], [b]) => String(a).localeCompare(String(b))));

/** What the graph says, with citations as sets (their order follows the order files are loaded in), one per page. */
async function contents(app: TestApp) {
  const rows = async (cypher: string) =>
    (await app.driver.executeQuery(cypher)).records
      .map((r) => JSON.stringify(Object.fromEntries(Object.entries(r.toObject()).map(([k, v]) => [k, k === 'props' ? sorted(v as Record<string, unknown>) : v]))))
      .sort();
  const relationships = (await app.driver.executeQuery('MATCH (a:Entity)-[r]->(b:Entity) RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS props')).records
    .map((r) => {
      const props = r.get('props') as Record<string, unknown>;
      const ids = (props.sourceIds as string[] | undefined) ?? [];
      const notes = (props.evidence as string[] | undefined) ?? [];
      // A page that states a relationship twice (two digests read it) travels as one citation joining both notes, as for entities.
      const bySource = new Map<string, string[]>();
      ids.forEach((id, i) => bySource.set(id, [...(bySource.get(id) ?? []), notes[i] ?? '']));
      const citations = [...bySource].map(([id, texts]) => `${id}: ${texts.join(' ').trim()}`).sort();
      return JSON.stringify([r.get('from'), r.get('type'), r.get('to'), sorted(props, new Set(['sourceIds', 'evidence'])), citations]);
    })
    .sort();
  return {
    sources: await rows('MATCH (s:Source) RETURN properties(s) AS props'),
    entities: await rows('MATCH (n:Entity) RETURN labels(n) AS labels, properties(n) AS props'),
    citedBy: await rows('MATCH (n:Entity)-[:STATED_IN]->(s:Source) RETURN DISTINCT n.id AS entity, s.id AS source'),
    relationships,
    claims: (await app.driver.executeQuery('MATCH (c:Claim)-[:ABOUT]->(e) RETURN e.id AS subject, properties(c) AS props, COLLECT { MATCH (c)-[st:STATED_IN]->(s) RETURN s.id + ": " + st.evidence } AS citations')).records
      .map((r) => JSON.stringify([r.get('subject'), sorted(r.get('props') as Record<string, unknown>, AUDIT), [...(r.get('citations') as string[])].sort()]))
      .sort(),
  };
}

const CONFLICTS = '{ conflicts(first: 500) { subject { id } relationshipId property values { value asOf sources { source { id kind } evidence } } } }';
const TIMELINE = '{ entity(id: "agreement-cellseed-metatech-licence-2017") { timeline { date property disputed sources { source { id } } } } }';

describe('exporting the ecosystem graph and importing it into an empty one', () => {
  let app: TestApp;
  let dir: string;
  beforeAll(async () => {
    app = await startTestApp({ ecosystem: true, queryTimeoutMs: 60_000 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regen-ecosystem-export-'));
  }, 180_000);
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await app?.close();
  });

  it('gives back the same sources, entities, relationships with their dates, claims and conflicts', async () => {
    const before = await contents(app);
    const conflictsBefore = await app.graphql(CONFLICTS);
    const timelineBefore = await app.graphql(TIMELINE);
    expect(before.claims.length).toBeGreaterThan(20);

    writeExport(dir, await exportGraph(app.executor));
    await clearGraph(app.driver, testTarget().database);
    expect((await contents(app)).entities).toEqual([]);
    await loadSeedDirectory(app.executor, dir);
    await importChanges(app.executor, dir);
    await importClaims(app.executor, dir);

    const after = await contents(app);
    expect(after.sources).toEqual(before.sources);
    expect(after.entities).toEqual(before.entities);
    expect(after.citedBy).toEqual(before.citedBy);
    expect(after.relationships).toEqual(before.relationships);
    expect(after.claims).toEqual(before.claims);
    expect(conflictsBefore.errors).toBeUndefined();
    expect(await app.graphql(CONFLICTS)).toMatchObject({ data: conflictsBefore.data });
    expect(await app.graphql(TIMELINE)).toMatchObject({ data: timelineBefore.data });
  }, 300_000);
});
