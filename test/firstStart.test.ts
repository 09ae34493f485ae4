import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { cypherQuery } from '../src/db/cypher';
import { Executor } from '../src/db/executor';
import { migrateGraph } from '../src/ingest/migrateGraph';
import { ECOSYSTEM_DIR, likelyDuplicatesInSeed, listEcosystemFiles, loadEverySeed, loadEverySeedIntoEmptyGraph } from '../src/ingest/loadEcosystem';
import { SEED_DIR, SeedFileError, listSeedFiles } from '../src/ingest/loadSeed';
import { clearGraph, openTestDriver, testTarget } from './support/harness';

/**
 * First start loads the whole seed in one statement (loadEverySeedIntoEmptyGraph)
 * instead of file by file (loadEverySeed): the graph it writes must be the same,
 * and the likely-duplicate check it runs in memory must hold for the shipped seed.
 */

jest.setTimeout(240_000);

/** A copy of the shipped seed (forum file and ecosystem folder) in a temporary folder, to add files to. */
function copyOfShippedSeed(): { forumDir: string; ecosystemDir: string } {
  const forumDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regen-first-start-'));
  const ecosystemDir = path.join(forumDir, 'ecosystem');
  fs.mkdirSync(ecosystemDir);
  for (const file of listSeedFiles(SEED_DIR)) fs.copyFileSync(file, path.join(forumDir, path.basename(file)));
  for (const file of listEcosystemFiles(ECOSYSTEM_DIR)) fs.copyFileSync(file, path.join(ecosystemDir, path.basename(file)));
  return { forumDir, ecosystemDir };
}

/** A second format-1 file over the shipped seed: audit instants, a retraction, a relationship the forum file also states, and typed values. */
function addFollowUp(forumDir: string): void {
  const followUp = {
    source: {
      id: 'first-start-follow-up-2025-06-01',
      publisher: 'First Start Press',
      title: 'A follow-up that adds and restates',
      publishedOn: '2025-06-01',
      audit: { createdAt: '2025-06-01T08:00:00Z', createdBy: 'importer' },
    },
    nodes: [
      {
        label: 'Organization', id: 'first-start-bio', name: 'First Start Quokka Bio', description: 'A company only the follow-up names.', kind: 'COMPANY',
        country: 'JP', evidence: 'Named in the follow-up.', properties: { employees: 40, share: 12.5, tags: [], listed: true },
        audit: { createdAt: '2025-06-01T08:00:00Z', createdBy: 'curator@example.org', updatedAt: '2025-06-02T09:30:00.123456789+08:00[Asia/Taipei]', updatedBy: 'editor@example.org' },
      },
      {
        label: 'Technology', id: 'first-start-platform', name: 'Quokka Platform', aliases: ['QP'], description: 'A platform.', kind: 'PLATFORM', evidence: 'Described in the follow-up.',
        audit: { createdAt: '2025-06-01T08:00:00Z', retractedAt: '2025-06-03T00:00:00Z', retractedBy: 'admin@example.org', retractionReason: 'Could not be confirmed.' },
      },
    ],
    references: [
      { id: 'bpipo', label: 'Organization' },
      { id: 'country-tw', label: 'Country' },
      { id: 'country-jp', label: 'Country' },
    ],
    relationships: [
      { type: 'LOCATED_IN', from: 'bpipo', to: 'country-tw', evidence: 'The follow-up places it in Taipei too.' },
      { type: 'LOCATED_IN', from: 'first-start-bio', to: 'country-jp', evidence: 'Based in Osaka.', audit: { createdAt: '2025-06-01T08:00:00Z', createdBy: 'curator@example.org' } },
      { type: 'DEVELOPS', from: 'first-start-bio', to: 'first-start-platform', evidence: 'Its platform.', properties: { since: 2019, note: 'first, "then"' } },
    ],
  };
  fs.writeFileSync(path.join(forumDir, 'z-follow-up.json'), JSON.stringify(followUp, null, 2));
}

describe('the likely-duplicate check over the whole seed, without a database', () => {
  it('finds no two entities of one label in the shipped seed whose names or aliases are close', () => {
    expect(likelyDuplicatesInSeed(SEED_DIR, ECOSYSTEM_DIR)).toEqual([]);
  });

  it('finds a seed entity whose name is one letter off another of its label, naming both', () => {
    const { forumDir, ecosystemDir } = copyOfShippedSeed();
    try {
      addFollowUp(forumDir);
      const twin = JSON.parse(fs.readFileSync(path.join(forumDir, 'z-follow-up.json'), 'utf8'));
      twin.source.id = 'first-start-twin-2025-06-02';
      twin.nodes = [{ ...twin.nodes[0], id: 'first-start-bio-twin', name: 'First Start Quoka Bio', audit: undefined }];
      twin.references = [{ id: 'country-jp', label: 'Country' }];
      twin.relationships = [{ type: 'LOCATED_IN', from: 'first-start-bio-twin', to: 'country-jp', evidence: 'Also in Osaka.' }];
      fs.writeFileSync(path.join(forumDir, 'zz-twin.json'), JSON.stringify(twin));
      expect(likelyDuplicatesInSeed(forumDir, ecosystemDir)).toEqual([
        expect.objectContaining({ id: 'first-start-bio-twin', value: 'First Start Quoka Bio', existing: { id: 'first-start-bio', name: 'First Start Quokka Bio' }, reason: 'NEAR_SPELLING' }),
      ]);
    } finally {
      fs.rmSync(forumDir, { recursive: true, force: true });
    }
  });
});

describe('loading the whole seed into an empty graph in one statement', () => {
  const target = testTarget();
  let driver: Driver;
  let executor: Executor;

  beforeAll(async () => {
    driver = openTestDriver();
    executor = new Executor(driver, { database: target.database, timeoutMs: 120_000 });
    await migrateGraph(executor);
  });

  afterAll(async () => {
    await driver.close();
  });

  /** Every node (labels, properties with their Cypher types) and relationship (type, ends, properties with types) but the migration records, sorted. */
  async function dump(loadStarted: Date): Promise<{ nodes: string[]; relationships: string[] }> {
    // an instant written at load time (no audit gave it) is compared by its type only
    const typed = (props: Record<string, unknown>, types: Record<string, string>) =>
      Object.fromEntries(
        Object.keys(props)
          .sort()
          .map((key) => {
            const value = props[key];
            const atLoad = neo4j.isDateTime(value) && new Date(value.toString().replace(/\[.*\]$/, '')) >= loadStarted;
            return [key, [types[key], atLoad ? 'written at load time' : neo4j.isDateTime(value) ? value.toString() : value]];
          }),
      );
    const query = async (cypher: string) => (await driver.executeQuery(cypher, {}, { database: target.database })).records.map((r) => r.toObject());
    const nodes = await query(
      'MATCH (n) WHERE NOT n:Migration RETURN labels(n) AS labels, properties(n) AS props, [k IN keys(n) | [k, valueType(n[k])]] AS types',
    );
    const relationships = await query(
      'MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props, [k IN keys(r) | [k, valueType(r[k])]] AS types',
    );
    const props = (row: Record<string, unknown>) => typed(row.props as Record<string, unknown>, Object.fromEntries(row.types as [string, string][]));
    return {
      nodes: nodes.map((r) => JSON.stringify([[...(r.labels as string[])].sort(), props(r)])).sort(),
      relationships: relationships.map((r) => JSON.stringify([r.type, r.from, r.to, props(r)])).sort(),
    };
  }

  async function loadedBy(load: () => Promise<unknown>) {
    await clearGraph(driver, target.database);
    const loadStarted = new Date(Date.now() - 1_000);
    const result = await load();
    return { result, graph: await dump(loadStarted) };
  }

  it('writes exactly the nodes, relationships, typed properties, sources, claims and STATED_IN that loading file by file writes', async () => {
    const { forumDir, ecosystemDir } = copyOfShippedSeed();
    try {
      addFollowUp(forumDir);
      const fileByFile = await loadedBy(() => loadEverySeed(executor, forumDir, ecosystemDir));
      const oneStatement = await loadedBy(() => loadEverySeedIntoEmptyGraph(executor, forumDir, ecosystemDir));
      expect(oneStatement.result).toEqual(fileByFile.result);
      expect(oneStatement.graph.nodes).toEqual(fileByFile.graph.nodes);
      expect(oneStatement.graph.relationships).toEqual(fileByFile.graph.relationships);
      // the comparison covers every kind of record the seed has
      const kinds = [...oneStatement.graph.nodes, ...oneStatement.graph.relationships].join('\n');
      const expected = ['"Source"', '"Claim"', '"STATED_IN"', '"ABOUT"', '"PARTY_TO"', '"unverified":["BOOLEAN NOT NULL",true]', '"retracted":["BOOLEAN NOT NULL",true]'];
      expected.push('"documents":["LIST<STRING NOT NULL> NOT NULL"', 'Asia/Taipei', '"employees":["INTEGER NOT NULL",40]', '"share":["FLOAT NOT NULL",12.5]');
      for (const kind of expected) {
        expect(kinds).toContain(kind);
      }
    } finally {
      fs.rmSync(forumDir, { recursive: true, force: true });
    }
  });

  it('writes the shipped seed as file-by-file loading does', async () => {
    const fileByFile = await loadedBy(() => loadEverySeed(executor));
    const oneStatement = await loadedBy(() => loadEverySeedIntoEmptyGraph(executor));
    expect(oneStatement.graph).toEqual(fileByFile.graph);
  });

  it('refuses a seed with a likely duplicate inside it before writing anything', async () => {
    const { forumDir, ecosystemDir } = copyOfShippedSeed();
    try {
      const forumFile = listSeedFiles(forumDir)[0]!;
      const data = JSON.parse(fs.readFileSync(forumFile, 'utf8'));
      const bpipo = data.nodes.find((n: { id: string }) => n.id === 'bpipo');
      data.nodes.push({ ...bpipo, id: 'bpipo-again', aliases: [] });
      fs.writeFileSync(forumFile, JSON.stringify(data));
      await clearGraph(driver, target.database);
      const load = loadEverySeedIntoEmptyGraph(executor, forumDir, ecosystemDir);
      await expect(load).rejects.toBeInstanceOf(SeedFileError);
      await expect(load).rejects.toThrow(/likely duplicates within the seed.*"bpipo-again".*"bpipo"/);
      const [count] = (await driver.executeQuery('MATCH (n) WHERE NOT n:Migration RETURN count(n) AS n', {}, { database: target.database })).records;
      expect(Number(count!.get('n'))).toBe(0);
    } finally {
      fs.rmSync(forumDir, { recursive: true, force: true });
    }
  });

  it('writes no relationship whose row names ends other than the nodes at its positions', async () => {
    await clearGraph(driver, target.database);
    const node = (id: string) => ({ labels: ['Entity', 'Organization'], props: { id, name: id }, createdAt: null, updatedAt: null, retractedAt: null });
    const link = (fromId: string, toId: string) => ({ type: 'OPERATES', from: 0, to: 1, fromId, toId, stamped: true, props: { id: `${fromId}-${toId}` }, createdAt: null, updatedAt: null, retractedAt: null });
    const [written] = await executor.write<{ relationships: number }>(cypherQuery('seed/createSeedGraph'), {
      nodes: [node('guard-a'), node('guard-b')],
      relationships: [link('guard-a', 'guard-b'), link('guard-b', 'guard-a'), link('guard-a', 'guard-c')],
    });
    expect(Number(written!.relationships)).toBe(1);
    const found = await driver.executeQuery('MATCH (a)-[r:OPERATES]->(b) RETURN a.id AS from, b.id AS to', {}, { database: target.database });
    expect(found.records.map((r) => [r.get('from'), r.get('to')])).toEqual([['guard-a', 'guard-b']]);
  });

  it('loads file by file, merging, when a source id it would create is already in the graph', async () => {
    const fileByFile = await loadedBy(() => loadEverySeed(executor));
    const taken = await loadedBy(async () => {
      // as another writer would have written it, between the emptiness check and the load
      const source = "{id: 'geneonline-2025-04-29-taiwan-japan-regen-forum', createdAt: datetime(), createdBy: 'seed'}";
      await driver.executeQuery(`CREATE (:Source ${source})`, {}, { database: target.database });
      return loadEverySeedIntoEmptyGraph(executor);
    });
    expect(taken.graph).toEqual(fileByFile.graph);
  });
});
