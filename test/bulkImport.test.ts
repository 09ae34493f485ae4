import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import neo4j from 'neo4j-driver';
import { localInstanceAt } from '../src/localNeo4j/bulkImport';
import { connectionFor, localInstance, localNeo4jStatus, resetLocalNeo4j, stopLocalNeo4j, writeConfig, type LocalInstance } from '../src/localNeo4j/server';
import { PROJECT_ROOT } from '../src/projectRoot';
import { bulkRefusal } from '../src/ingest/bulkLoad';
import { SEED_DIR } from '../src/ingest/loadSeed';
import { clearGraph, testTarget } from './support/harness';

/**
 * The bulk path (neo4j-admin import into a stopped local server) must leave the
 * graph the transactional loader leaves. One side is the suite's database
 * (loaded with --no-bulk); the other a local instance of its own, which the bulk
 * path stops, fills and starts again.
 */

const runScript = promisify(execFile);
const LOAD_TIMEOUT_MS = 300_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

let bulk: LocalInstance;
const testStarted = new Date();

/** Empties the bulk side: a running server is cleared (its migrations stay), a stopped one has no store. */
async function emptyBulkInstance(): Promise<void> {
  if (localNeo4jStatus(bulk).running) {
    const conn = connectionFor(bulk);
    const driver = neo4j.driver(conn.uri, neo4j.auth.basic(conn.username, conn.password));
    try {
      await clearGraph(driver, 'neo4j');
    } finally {
      await driver.close();
    }
  }
}

async function emptySuiteDatabase(): Promise<void> {
  const target = testTarget();
  const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.username, target.password));
  try {
    await clearGraph(driver, target.database);
  } finally {
    await driver.close();
  }
}

/** Runs a project script (as npm would) against a server; returns its output. */
async function script(name: string, args: string[], server: { uri: string; password: string }): Promise<string> {
  const { stdout, stderr } = await runScript(process.execPath, ['--import', 'tsx', path.join('scripts', `${name}.ts`), ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NEO4J_URI: server.uri, NEO4J_PASSWORD: server.password, NEO4J_DATABASE: 'neo4j' },
    timeout: LOAD_TIMEOUT_MS,
  });
  return stdout + stderr;
}

const suiteServer = () => ({ uri: testTarget().uri, password: testTarget().password });
const bulkServer = () => connectionFor(bulk);

/**
 * Every node and relationship with every property, its Cypher type and value, in
 * a stable order; instants the loader stamped itself (later than this test's
 * start) read as LOAD TIME, instants from the files stay exact. Also the indexes
 * and the migration records (without the time each was applied).
 */
async function snapshot(server: { uri: string; password: string }) {
  const driver = neo4j.driver(server.uri, neo4j.auth.basic('neo4j', server.password), { disableLosslessIntegers: true });
  try {
    const typed = (x: string) =>
      `[k IN keys(${x}) | [k, valueType(${x}[k]), CASE WHEN valueType(${x}[k]) STARTS WITH 'ZONED DATETIME' THEN toString(${x}[k]) ELSE ${x}[k] END]]`;
    const plain = (props: [string, string, unknown][]) =>
      props
        .map(([key, type, value]) => [key, type, type.startsWith('ZONED DATETIME') && new Date(String(value).replace(/\[.*\]$/, '')) >= testStarted ? 'LOAD TIME' : value])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    const nodes = await driver.executeQuery(`MATCH (n) RETURN labels(n) AS labels, ${typed('n')} AS props`, {}, { database: 'neo4j' });
    const relationships = await driver.executeQuery(`MATCH (a)-[r]->(b) RETURN a.id AS from, type(r) AS type, b.id AS to, ${typed('r')} AS props`, {}, { database: 'neo4j' });
    const indexes = await driver.executeQuery('SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state RETURN name, type, labelsOrTypes, properties, state', {}, { database: 'neo4j' });
    // when a migration was applied is no part of the load (the suite's database has had its migrations for a while)
    const migrationTime = (labels: string[], props: unknown[][]) => (labels.includes('Migration') ? props.map(([k, t, v]) => [k, t, k === 'appliedAt' ? 'APPLIED' : v]) : props);
    // each load's Change record has an id of its own (a random UUID), whichever path wrote it
    const changeId = (labels: string[], props: unknown[][]) => (labels.includes('Change') ? props.map(([k, t, v]) => [k, t, k === 'id' ? 'CHANGE ID' : v]) : props);
    return {
      nodes: nodes.records.map((r) => JSON.stringify([[...r.get('labels')].sort(), changeId(r.get('labels'), migrationTime(r.get('labels'), plain(r.get('props'))))])).sort(),
      relationships: relationships.records.map((r) => JSON.stringify([r.get('from'), r.get('type'), r.get('to'), plain(r.get('props'))])).sort(),
      indexes: indexes.records.map((r) => JSON.stringify(r.toObject())).sort(),
    };
  } finally {
    await driver.close();
  }
}

/** Two files over the hand-written seed: restated nodes and relationships, audit fields, and values CSV finds awkward. */
function writeSeedFolder(dir: string): void {
  fs.copyFileSync(path.join(SEED_DIR, 'geneonline-2025-04-29-taiwan-japan-regen-forum.json'), path.join(dir, 'a-geneonline.json'));
  const awkward = {
    none: [],
    oneEmpty: [''],
    withDelimiter: ['a\u001fb', 'c'],
    endsEmpty: ['x', ''],
    quoted: 'He said "no", then; left\nand came back',
    empty: '',
    cjk: '再生醫療 再生医療',
    count: 40,
    share: 12.5,
    big: 1e21,
    listed: true,
  };
  const later = {
    source: {
      id: 'bulk-check-press-2025-06-01',
      publisher: 'Bulk Check Press',
      title: 'A follow-up that restates and adds',
      publishedOn: '2025-06-01',
      url: 'https://example.org/bulk-check',
      authors: [],
      audit: { createdAt: '2025-06-01T08:00:00Z', createdBy: 'importer' },
    },
    nodes: [
      { label: 'Organization', id: 'bpipo', name: 'BPIPO (restated)', aliases: [], description: 'Restated by a later article.', kind: 'GOVERNMENT_AGENCY', country: 'TW', evidence: 'Named again in the follow-up.', properties: awkward, audit: { updatedAt: '2025-06-02T09:30:00.123456789+08:00[Asia/Taipei]', updatedBy: 'editor@example.org' } },
      { label: 'Organization', id: 'bulk-check-bio', name: 'Bulk "Check" Bio, Inc.', description: 'A company only the follow-up names.', kind: 'COMPANY', country: 'JP', evidence: 'Named in the follow-up.', audit: { createdAt: '2025-06-01T08:00:00Z', createdBy: 'curator@example.org', retractedAt: '2025-06-03T00:00:00Z', retractedBy: 'admin@example.org', retractionReason: 'Could not be confirmed.' } },
      { label: 'Technology', id: 'bulk-check-platform', name: 'Check Platform', aliases: ['CP', 'チェック'], description: 'A platform.', kind: 'PLATFORM', evidence: 'Described in the follow-up.' },
    ],
    references: [
      { id: 'country-tw', label: 'Country' },
      { id: 'country-jp', label: 'Country' },
      { id: 'forum-2025-04-23-tokyo', label: 'Event' },
    ],
    relationships: [
      { type: 'LOCATED_IN', from: 'bpipo', to: 'country-tw', evidence: 'The follow-up places it in Taipei.' },
      { type: 'LOCATED_IN', from: 'bulk-check-bio', to: 'country-jp', evidence: 'Based in Osaka.', audit: { createdAt: '2025-06-01T08:00:00Z', createdBy: 'curator@example.org' } },
      { type: 'DEVELOPS', from: 'bulk-check-bio', to: 'bulk-check-platform', evidence: 'Its platform.', properties: { none: [], since: 2019, note: 'first, "then"' } },
      { type: 'PARTICIPATED_IN', from: 'bulk-check-bio', to: 'forum-2025-04-23-tokyo', key: 'booth', evidence: 'Had a booth.', properties: { role: 'exhibitor' } },
    ],
  };
  fs.writeFileSync(path.join(dir, 'b-follow-up.json'), JSON.stringify(later, null, 2));
}

beforeAll(async () => {
  const name = `${(process.env.TEST_NEO4J_INSTANCE ?? 'test').slice(0, 24)}-bulk`;
  bulk = localInstance(name, {
    NEO4J_LOCAL_BOLT_PORT: String(await freePort()),
    NEO4J_LOCAL_HTTP_PORT: String(await freePort()),
    NEO4J_LOCAL_HEAP: '512m',
    NEO4J_LOCAL_PAGECACHE: '256m',
  });
  await stopLocalNeo4j(bulk);
  resetLocalNeo4j(bulk);
  // configured but never started: the scripts find it by its Bolt port, with no store yet
  writeConfig(bulk);
}, LOAD_TIMEOUT_MS);

afterAll(async () => {
  await stopLocalNeo4j(bulk);
  resetLocalNeo4j(bulk);
}, LOAD_TIMEOUT_MS);

describe('the bulk path of npm run import and npm run gen', () => {
  it('imports a folder of seed files into the same graph as the transactional loader, property for property', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regen-bulk-check-'));
    try {
      writeSeedFolder(dir);
      await emptySuiteDatabase();
      await emptyBulkInstance();
      const viaLoader = await script('import', ['--dir', dir, '--no-bulk'], suiteServer());
      const viaBulk = await script('import', ['--dir', dir, '--bulk'], bulkServer());
      expect(viaLoader).toMatch(/transactional load/);
      expect(viaBulk).toMatch(/bulk path: /);
      expect(viaBulk).toMatch(/b-follow-up.json: 3 nodes, 4 relationships merged/);

      const expected = await snapshot(suiteServer());
      const actual = await snapshot(bulkServer());
      expect(actual.nodes.length).toBe(expected.nodes.length);
      expect(actual.relationships.length).toBe(expected.relationships.length);
      expect(actual).toEqual(expected);
      // the restated relationship carries both sources' evidence, in load order
      const located = actual.relationships.find((r) => r.startsWith('["bpipo","LOCATED_IN","country-tw"'));
      expect(located).toContain('"geneonline-2025-04-29-taiwan-japan-regen-forum","bulk-check-press-2025-06-01"');
      // and the awkward values survived as the loader stores them
      const bpipo = actual.nodes.find((n) => n.includes('["id","STRING NOT NULL","bpipo"]'));
      // an empty list is no property at all, by either path (nodeProperties)
      expect(bpipo).not.toContain('"none"');
      expect(bpipo).not.toContain('"aliases"');
      expect(bpipo).toContain('["oneEmpty","LIST<STRING NOT NULL> NOT NULL",[""]]');
      expect(bpipo).toContain('["count","INTEGER NOT NULL",40]');
      expect(bpipo).toContain('["updatedAt","ZONED DATETIME NOT NULL","2025-06-02T09:30:00.123456789+08:00[Asia/Taipei]"]');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, LOAD_TIMEOUT_MS);

  it('generates the same synthetic graph by either path', async () => {
    await emptySuiteDatabase();
    await emptyBulkInstance();
    const viaLoader = await script('gen', ['--orgs', '150', '--seed', '7', '--no-bulk'], suiteServer());
    const viaBulk = await script('gen', ['--orgs', '150', '--seed', '7', '--bulk'], bulkServer());
    expect(viaLoader).toMatch(/transactional load/);
    expect(viaBulk).toMatch(/bulk path: /);
    const expected = await snapshot(suiteServer());
    const actual = await snapshot(bulkServer());
    expect(actual.relationships.length).toBeGreaterThan(1000);
    expect(actual).toEqual(expected);
  }, LOAD_TIMEOUT_MS);

  it('falls back to the transactional loader, saying why in one line, when the database is not empty, and changes nothing but its Change record', async () => {
    await emptyBulkInstance();
    await script('gen', ['--orgs', '100', '--seed', '5', '--bulk'], bulkServer());
    const before = await snapshot(bulkServer());
    const again = await script('gen', ['--orgs', '100', '--seed', '5', '--bulk'], bulkServer());
    const said = again.split('\n').filter((line) => line.includes('bulk path is not taken'));
    expect(said).toEqual([`transactional load: the bulk path is not taken because the database of local instance "${bulk.name}" is not empty`]);
    const after = await snapshot(bulkServer());
    // The same graph again, and one more Change: every load leaves its record, even one that changed nothing.
    const changes = (nodes: string[]) => nodes.filter((n) => n.startsWith('[["Change"]')).length;
    expect(after.nodes.length - changes(after.nodes)).toBe(before.nodes.length - changes(before.nodes));
    expect(changes(after.nodes)).toBe(changes(before.nodes) + 1);
    expect(after.relationships.length).toBe(before.relationships.length);
  }, LOAD_TIMEOUT_MS);

  it('keeps a small graph on the loader unless --bulk is given, saying why in one line, and starts a stopped instance for it', async () => {
    await stopLocalNeo4j(bulk);
    resetLocalNeo4j(bulk);
    writeConfig(bulk);
    const said = await script('gen', ['--orgs', '100', '--seed', '5'], bulkServer());
    expect(said.split('\n').filter((line) => line.includes('bulk path is not taken'))).toEqual([
      'transactional load: the bulk path is not taken because 1,050 relationships are fewer than 300,000, where the loader is faster (--bulk to take it anyway)',
    ]);
    expect(said).toMatch(/the graph holds no entities: new ids are created, not merged/);
    expect(said).toMatch(/relationships \(plus \d+ STATED_IN\)/);
    expect(localNeo4jStatus(bulk).running).toBe(true);
  }, LOAD_TIMEOUT_MS);

  it('refuses a server that is not a local instance of this project', async () => {
    expect(localInstanceAt('neo4j+s://0123abcd.databases.neo4j.io')).toBeUndefined();
    expect(localInstanceAt('bolt://10.0.0.5:7687')).toBeUndefined();
    expect(await bulkRefusal(localInstanceAt('neo4j+s://0123abcd.databases.neo4j.io'), undefined)).toMatch(/not a local instance of this project/);
    expect(localInstanceAt(suiteServer().uri)?.boltPort).toBe(Number(new URL(suiteServer().uri).port));
  });
});
