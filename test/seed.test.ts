import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { Executor } from '../src/db/executor';
import { migrateGraph } from '../src/ingest/migrateGraph';
import { ENTITY_LABELS, PROVENANCE_RELATIONSHIP, RELATIONSHIP_TYPE_NAMES } from '../src/domain/model';
import { relationshipId } from '../src/domain/properties';
import {
  EmptyGraphLoad,
  SEED_DIR,
  SeedFileError,
  listSeedFiles,
  loadSeed,
  loadSeedDirectory,
  loadSeedFiles,
  mergeRelationshipsQuery,
  readSeedFile,
  relationshipRows,
  type LoadResult,
} from '../src/ingest/loadSeed';
import { seedFile, type SeedFile } from '../src/ingest/seedFile';
import { clearGraph, openTestDriver, testTarget } from './support/harness';

/** The seed files as plain JSON, read without the loader's schema, so expectations do not depend on it. */
interface RawSeedFile {
  source: { id: string };
  nodes: { label: string; id: string; evidence: string; aliases?: string[] }[];
  relationships: { type: string; from: string; to: string; key?: string; evidence: string }[];
}

const FIXTURES = path.resolve(__dirname, 'fixtures', 'seed');
const fixture = (name: string): string => path.join(FIXTURES, name);
const SOURCE_ID = 'geneonline-2025-04-29-taiwan-japan-regen-forum';

const seedFiles = listSeedFiles(SEED_DIR);
const raw: RawSeedFile[] = seedFiles.map((file) => JSON.parse(fs.readFileSync(file, 'utf8')) as RawSeedFile);
const allNodes = raw.flatMap((f) => f.nodes);
const allRelationships = raw.flatMap((f) => f.relationships);

function tally(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

const expectedLabelCounts = tally(allNodes.map((n) => n.label));
const expectedTypeCounts = tally(allRelationships.map((r) => r.type));

describe('loading the seed graph into the real database', () => {
  const target = testTarget();
  let driver: Driver;
  let executor: Executor;
  let firstLoad: LoadResult[];

  async function query<T>(cypher: string, params: Record<string, unknown> = {}): Promise<T[]> {
    const result = await driver.executeQuery(cypher, params, { database: target.database });
    return result.records.map((record) => record.toObject() as T);
  }

  async function single<T>(cypher: string, params: Record<string, unknown> = {}): Promise<T> {
    const rows = await query<T>(cypher, params);
    expect(rows).toHaveLength(1);
    return rows[0]!;
  }

  async function labelCounts(): Promise<Record<string, number>> {
    const rows = await query<{ label: string; n: number }>(
      'MATCH (n) WHERE NOT n:Migration UNWIND labels(n) AS label RETURN label, count(*) AS n',
    );
    return Object.fromEntries(rows.map((r) => [r.label, r.n]));
  }

  async function typeCounts(): Promise<Record<string, number>> {
    const rows = await query<{ type: string; n: number }>('MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n');
    return Object.fromEntries(rows.map((r) => [r.type, r.n]));
  }

  /** Everything that must not move when nothing should have been written. */
  async function snapshot() {
    const [ids, relationshipIds, provenance] = await Promise.all([
      query<{ id: string }>('MATCH (n:Entity) RETURN n.id AS id ORDER BY id'),
      query<{ id: string }>('MATCH ()-[r]->() WHERE r.id IS NOT NULL RETURN type(r) + ":" + r.id AS id ORDER BY id'),
      query<{ id: string; sourceIds: string[]; evidence: string[] }>(
        'MATCH ()-[r]->() WHERE r.id IS NOT NULL RETURN r.id AS id, r.sourceIds AS sourceIds, r.evidence AS evidence ORDER BY id',
      ),
    ]);
    return {
      labels: await labelCounts(),
      types: await typeCounts(),
      ids: ids.map((r) => r.id),
      relationshipIds: relationshipIds.map((r) => r.id),
      provenance,
    };
  }

  async function countFixtureNodes(): Promise<number> {
    const row = await single<{ n: number }>("MATCH (n) WHERE n.id STARTS WITH 'fixture-' RETURN count(n) AS n");
    return row.n;
  }

  async function removeFixtureData(): Promise<void> {
    await query("MATCH (n) WHERE n.id STARTS WITH 'fixture-' DETACH DELETE n");
  }

  beforeAll(async () => {
    driver = openTestDriver();
    executor = new Executor(driver, { database: target.database, timeoutMs: 30_000 });
    await migrateGraph(executor);
    await clearGraph(driver, target.database);
    firstLoad = await loadSeedDirectory(executor);
  });

  afterAll(async () => {
    await removeFixtureData();
    await driver.close();
  });

  describe('counts', () => {
    it('reads a seed file with at least the article’s 39 organizations and 170 relationships', () => {
      expect(seedFiles.map((f) => path.basename(f))).toContain(`${SOURCE_ID}.json`);
      expect(expectedLabelCounts.Organization).toBeGreaterThanOrEqual(39);
      expect(expectedLabelCounts.Person).toBeGreaterThanOrEqual(6);
      expect(allNodes.length).toBeGreaterThanOrEqual(101);
      expect(allRelationships.length).toBeGreaterThanOrEqual(170);
    });

    it('reports for each file the number of nodes and relationships it merged', () => {
      expect(firstLoad).toEqual(
        raw.map((f, i) => ({
          file: path.basename(seedFiles[i]!),
          nodes: f.nodes.length,
          relationships: f.relationships.length,
        })),
      );
    });

    it('creates as many nodes of each label as the seed file lists', async () => {
      const counts = await labelCounts();
      for (const label of ENTITY_LABELS) expect({ label, n: counts[label] ?? 0 }).toEqual({ label, n: expectedLabelCounts[label] ?? 0 });
      expect(counts.Entity).toBe(allNodes.length);
      expect(counts.Organization).toBeGreaterThanOrEqual(39);
      expect(counts.Person).toBeGreaterThanOrEqual(6);
      expect(counts.Agreement).toBeGreaterThanOrEqual(1);
      expect(counts.Event).toBeGreaterThanOrEqual(1);
      expect(counts.Entity).toBeGreaterThanOrEqual(101);
    });

    it('creates as many relationships of each type as the seed file lists, plus one STATED_IN per entity', async () => {
      const expected: Record<string, number> = { ...expectedTypeCounts, [PROVENANCE_RELATIONSHIP]: allNodes.length };
      expect(await typeCounts()).toEqual(expected);
      expect(expected.LOCATED_IN).toBeGreaterThanOrEqual(44);
      expect(expected.PARTY_TO).toBe(2);
    });

    it('gives every entity the :Entity label and exactly one label from the model', async () => {
      const rows = await query<{ id: string; labels: string[] }>(
        'MATCH (n) WHERE NOT n:Migration AND NOT n:Source RETURN n.id AS id, labels(n) AS labels',
      );
      expect(rows).toHaveLength(allNodes.length);
      const expected = new Map(allNodes.map((n) => [n.id, ['Entity', n.label].sort()]));
      for (const row of rows) expect({ id: row.id, labels: [...row.labels].sort() }).toEqual({ id: row.id, labels: expected.get(row.id) });
    });

    it('creates one Source node, the article', async () => {
      const sources = await query<{ id: string; publisher: string; publishedOn: string }>(
        'MATCH (s:Source) RETURN s.id AS id, s.publisher AS publisher, s.publishedOn AS publishedOn',
      );
      expect(sources).toEqual([{ id: SOURCE_ID, publisher: 'GeneOnline', publishedOn: '2025-04-29' }]);
    });
  });

  describe('statements', () => {
    it('writes a relationship of every model type once, and finds it again on a second write', async () => {
      const rows = RELATIONSHIP_TYPE_NAMES.map((type) => ({ type, from: 'every-type-from', to: 'every-type-to', key: type.toLowerCase().replace(/_/g, '-'), properties: {} }));
      await query('MERGE (a:Entity {id: "every-type-from"}) MERGE (b:Entity {id: "every-type-to"})');
      const write = () =>
        executor.writeTransaction('test/everyType', (tx) =>
          tx.run(mergeRelationshipsQuery().text, { rows: relationshipRows(rows.map((r) => ({ ...r, evidence: `states ${r.type}` }))), sourceId: 'every-type-page', actor: 'test', touchedBy: null, loadStartedAt: new Date().toISOString() }),
        );
      await write();
      await write();
      const held = await query<{ type: string; n: number; sources: string[] }>(
        'MATCH (:Entity {id: "every-type-from"})-[r]->(:Entity {id: "every-type-to"}) RETURN type(r) AS type, count(*) AS n, collect(r.sourceIds)[0] AS sources',
      );
      expect(held.map((h) => [h.type, Number(h.n), h.sources]).sort()).toEqual([...RELATIONSHIP_TYPE_NAMES].sort().map((t) => [t, 1, ['every-type-page']]));
      await query('MATCH (n:Entity) WHERE n.id STARTS WITH "every-type-" DETACH DELETE n');
    });
  });

  describe('creating instead of merging when the ids are new (EmptyGraphLoad)', () => {
    /** Two files: the second restates a node and a relationship of the first and adds audited and retracted records. */
    const files = (): { file: string; data: SeedFile }[] => [
      {
        file: 'fixture-new-a.json',
        data: seedFile.parse({
          source: { id: 'fixture-new-source-a', publisher: 'Fixture Press', title: 'First', publishedOn: '2025-01-01' },
          nodes: [
            { label: 'Organization', id: 'fixture-new-org', name: 'Fixture New Org', aliases: ['FNO'], description: 'A company.', kind: 'COMPANY', country: 'TW', evidence: 'Named first.', properties: { employees: 12, share: 1.5, tags: [] } },
            { label: 'Technology', id: 'fixture-new-tech', name: 'Fixture Platform', description: 'A platform.', kind: 'PLATFORM', evidence: 'Its platform.' },
          ],
          references: [],
          relationships: [
            { type: 'DEVELOPS', from: 'fixture-new-org', to: 'fixture-new-tech', evidence: 'It develops it.', properties: { since: 2019 } },
          ],
        }),
      },
      {
        file: 'fixture-new-b.json',
        data: seedFile.parse({
          source: { id: 'fixture-new-source-b', publisher: 'Fixture Press', title: 'Second', publishedOn: '2025-02-01', audit: { createdAt: '2025-02-01T08:00:00Z', createdBy: 'importer' } },
          nodes: [
            { label: 'Organization', id: 'fixture-new-org', name: 'Fixture New Org (restated)', description: 'A company, restated.', kind: 'COMPANY', country: 'TW', evidence: 'Named again.', audit: { updatedAt: '2025-02-02T09:30:00+08:00[Asia/Taipei]', updatedBy: 'editor@example.org' } },
            { label: 'Organization', id: 'fixture-new-gone', name: 'Fixture Gone Co', description: 'A company.', kind: 'COMPANY', country: 'JP', evidence: 'Named once.', audit: { createdAt: '2025-02-01T08:00:00Z', createdBy: 'curator@example.org', retractedAt: '2025-02-03T00:00:00Z', retractedBy: 'admin@example.org', retractionReason: 'Not confirmed.' } },
          ],
          references: [{ id: 'fixture-new-tech', label: 'Technology' }],
          relationships: [
            { type: 'DEVELOPS', from: 'fixture-new-org', to: 'fixture-new-tech', evidence: 'Still develops it.', properties: { since: 2019 } },
            { type: 'DEVELOPS', from: 'fixture-new-gone', to: 'fixture-new-tech', key: 'second', evidence: 'Also develops it.', audit: { createdAt: '2025-02-01T08:00:00Z', createdBy: 'curator@example.org', retractedAt: '2025-02-03T00:00:00Z', retractedBy: 'admin@example.org', retractionReason: 'Not confirmed.' } },
          ],
        }),
      },
    ];

    /** The fixture's nodes and relationships with every property and its Cypher type; instants the loader stamped read as NOW. */
    async function fixtureGraph(since: Date) {
      const typed = (x: string) => `[k IN keys(${x}) | [k, valueType(${x}[k]), CASE WHEN valueType(${x}[k]) STARTS WITH 'ZONED' THEN toString(${x}[k]) ELSE ${x}[k] END]]`;
      const plain = (props: [string, string, unknown][]) =>
        props
          .map(([k, t, v]) => [k, t, t.startsWith('ZONED') && new Date(String(v).replace(/\[.*\]$/, '')) >= since ? 'NOW' : v])
          .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
      const nodes = await query<{ labels: string[]; props: [string, string, unknown][] }>(
        `MATCH (n) WHERE n.id STARTS WITH 'fixture-new-' RETURN labels(n) AS labels, ${typed('n')} AS props`,
      );
      const relationships = await query<{ from: string; type: string; to: string; props: [string, string, unknown][] }>(
        `MATCH (a)-[r]->(b) WHERE a.id STARTS WITH 'fixture-new-' RETURN a.id AS from, type(r) AS type, b.id AS to, ${typed('r')} AS props`,
      );
      return {
        nodes: nodes.map((n) => JSON.stringify([[...n.labels].sort(), plain(n.props)])).sort(),
        relationships: relationships.map((r) => JSON.stringify([r.from, r.type, r.to, plain(r.props)])).sort(),
      };
    }

    afterEach(async () => {
      await query("MATCH (n) WHERE n.id STARTS WITH 'fixture-new-' DETACH DELETE n");
    });

    it('writes the same nodes, relationships and properties as the merge statements do', async () => {
      const since = new Date(Date.now() - 1000);
      // one load run, as loadSeedFiles makes it: what the run itself created keeps no raised version
      const loadStartedAt = new Date().toISOString();
      for (const { file, data } of files()) await loadSeed(executor, data, file, 'seed', { loadStartedAt });
      const merged = await fixtureGraph(since);
      await query("MATCH (n) WHERE n.id STARTS WITH 'fixture-new-' DETACH DELETE n");

      const emptyGraph = new EmptyGraphLoad();
      const results = await loadSeedFiles(executor, files(), { emptyGraph });
      expect(results).toEqual([
        { file: 'fixture-new-a.json', nodes: 2, relationships: 1 },
        { file: 'fixture-new-b.json', nodes: 2, relationships: 2 },
      ]);
      // the restated node and relationship were merged, everything else created
      expect([...emptyGraph.nodeIds].sort()).toEqual(['fixture-new-gone', 'fixture-new-org', 'fixture-new-tech']);
      expect(emptyGraph.relationshipIds.size).toBe(2);
      const created = await fixtureGraph(since);
      expect(created.nodes).toHaveLength(5);
      expect(created.relationships).toHaveLength(6);
      expect(created).toEqual(merged);
    });

    it('holds no empty list: a file’s empty list writes no property, and a restatement without aliases removes the ones held', async () => {
      const [first, second] = files();
      const org = () =>
        query<{ aliases: string[] | null; tags: string[] | null }>("MATCH (n:Entity {id: 'fixture-new-org'}) RETURN n.aliases AS aliases, n.tags AS tags");
      await loadSeed(executor, first!.data, first!.file, 'seed', { emptyGraph: new EmptyGraphLoad() });
      expect(await org()).toEqual([{ aliases: ['FNO'], tags: null }]);
      await loadSeed(executor, second!.data, second!.file);
      expect(await org()).toEqual([{ aliases: null, tags: null }]);
      const emptyLists = await query(
        "MATCH (n) WHERE n.id STARTS WITH 'fixture-new-' UNWIND keys(n) AS key WITH n, key WHERE valueType(n[key]) STARTS WITH 'LIST' AND size(n[key]) = 0 RETURN n.id AS id, key",
      );
      expect(emptyLists).toEqual([]);
    });

    it('merges a file instead when another writer created one of its ids meanwhile', async () => {
      await query("CREATE (:Entity:Organization {id: 'fixture-new-org', name: 'Written by someone else'})");
      const results = await loadSeedFiles(executor, files(), { emptyGraph: new EmptyGraphLoad() });
      expect(results.map((r) => r.nodes)).toEqual([2, 2]);
      const held = await query<{ n: number; name: string }>("MATCH (n:Entity {id: 'fixture-new-org'}) RETURN count(n) AS n, collect(n.name)[0] AS name");
      expect(held).toEqual([{ n: 1, name: 'Fixture New Org (restated)' }]);
      const developed = await query<{ sources: string[] }>("MATCH (:Entity {id: 'fixture-new-org'})-[r:DEVELOPS]->() RETURN r.sourceIds AS sources");
      expect(developed).toEqual([{ sources: ['fixture-new-source-a', 'fixture-new-source-b'] }]);
    });
  });

  describe('idempotence', () => {
    it('leaves labels, relationship types, ids and provenance unchanged when the seed directory is loaded a second time', async () => {
      const before = await snapshot();
      expect(before.ids).toHaveLength(allNodes.length);
      const second = await loadSeedDirectory(executor);
      expect(second).toEqual(firstLoad);
      const after = await snapshot();
      expect(after.labels).toEqual(before.labels);
      expect(after.types).toEqual(before.types);
      expect(after.types[PROVENANCE_RELATIONSHIP]).toBe(allNodes.length);
      expect(after.ids).toEqual(before.ids);
      expect(after.relationshipIds).toEqual(before.relationshipIds);
      expect(after.provenance).toEqual(before.provenance);
    });

    it('holds no two entities with the same id and no two relationships of one type with the same id', async () => {
      expect(await query('MATCH (n:Entity) WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN id, c')).toEqual([]);
      expect(
        await query('MATCH ()-[r]->() WHERE r.id IS NOT NULL WITH type(r) AS type, r.id AS id, count(*) AS c WHERE c > 1 RETURN type, id, c'),
      ).toEqual([]);
      expect(await query('MATCH (n:Entity)-[st:STATED_IN]->(s:Source) WITH n, s, count(st) AS c WHERE c > 1 RETURN n.id, c')).toEqual([]);
    });
  });

  describe('provenance', () => {
    it('links every entity to the Source with a STATED_IN carrying the file’s evidence for it', async () => {
      const rows = await query<{ id: string; statements: { source: string | null; evidence: string | null }[] }>(
        `MATCH (n:Entity)
         OPTIONAL MATCH (n)-[st:STATED_IN]->(s:Source)
         RETURN n.id AS id, collect({source: s.id, evidence: st.evidence}) AS statements`,
      );
      const expected = new Map<string, { source: string; evidence: string }[]>();
      for (const file of raw) {
        for (const n of file.nodes) expected.set(n.id, [...(expected.get(n.id) ?? []), { source: file.source.id, evidence: n.evidence }]);
      }
      expect(rows).toHaveLength(expected.size);
      for (const row of rows) {
        expect(row.statements.length).toBeGreaterThan(0);
        for (const st of row.statements) {
          expect(st.source).toBe(SOURCE_ID);
          expect(typeof st.evidence === 'string' && st.evidence.trim().length > 0).toBe(true);
        }
        expect({ id: row.id, statements: row.statements }).toEqual({ id: row.id, statements: expected.get(row.id) });
      }
    });

    it('gives every domain relationship parallel sourceIds and evidence lists holding the source and the file’s evidence', async () => {
      const rows = await query<{ type: string; from: string; to: string; id: string; sourceIds: string[]; evidence: string[] }>(
        `MATCH (a)-[r]->(b) WHERE type(r) <> $provenance
         RETURN type(r) AS type, a.id AS from, b.id AS to, r.id AS id, r.sourceIds AS sourceIds, r.evidence AS evidence`,
        { provenance: PROVENANCE_RELATIONSHIP },
      );
      expect(rows).toHaveLength(allRelationships.length);
      const expected = new Map<string, { from: string; to: string; sourceIds: string[]; evidence: string[] }>();
      for (const file of raw) {
        for (const r of file.relationships) {
          const key = `${r.type}:${relationshipId(r)}`;
          const seen = expected.get(key) ?? { from: r.from, to: r.to, sourceIds: [], evidence: [] };
          expected.set(key, { ...seen, sourceIds: [...seen.sourceIds, file.source.id], evidence: [...seen.evidence, r.evidence] });
        }
      }
      expect(new Set(rows.map((r) => `${r.type}:${r.id}`))).toEqual(new Set(expected.keys()));
      for (const row of rows) {
        expect(row.sourceIds).toContain(SOURCE_ID);
        expect(Array.isArray(row.evidence)).toBe(true);
        expect(row.evidence).toHaveLength(row.sourceIds.length);
        for (const e of row.evidence) expect(e.trim().length).toBeGreaterThan(0);
        const { from, to, sourceIds, evidence } = row;
        expect({ key: `${row.type}:${row.id}`, from, to, sourceIds, evidence }).toEqual({
          key: `${row.type}:${row.id}`,
          ...expected.get(`${row.type}:${row.id}`),
        });
      }
    });
  });

  describe('broken seed files', () => {
    const broken: { file: string; record: string; field: string; says: string }[] = [
      {
        file: 'broken-missing-evidence.json',
        record: 'nodes[1] (id "fixture-licensee")',
        field: 'field evidence',
        says: 'expected string, received undefined',
      },
      {
        file: 'broken-unknown-endpoint.json',
        record: 'relationships[0] (fixture-licensor PARTY_TO fixture-no-such-agreement)',
        field: 'field to',
        says: 'no node or reference with id "fixture-no-such-agreement" in this file',
      },
      {
        file: 'broken-bad-kind.json',
        record: 'nodes[2] (id "fixture-licence")',
        field: 'field kind',
        says: '"LICENSE"',
      },
      {
        file: 'broken-party-without-role.json',
        record: 'relationships[1] (fixture-licensee PARTY_TO fixture-licence)',
        field: 'field properties.role',
        says: 'PARTY_TO needs properties.role',
      },
    ];

    let tmp: string;
    beforeEach(() => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-test-'));
    });
    afterEach(async () => {
      fs.rmSync(tmp, { recursive: true, force: true });
      await removeFixtureData();
    });

    it('accepts the valid fixture, so the broken ones fail for their one defect only', () => {
      const data = readSeedFile(fixture('valid-fixture.json'));
      expect(data.nodes.map((n) => n.id)).toEqual(['fixture-licensor', 'fixture-licensee', 'fixture-licence']);
      expect(data.relationships).toHaveLength(2);
    });

    it.each(broken)('rejects $file with a SeedFileError naming the file, $record and the $field', ({ file, record, field, says }) => {
      let error: unknown;
      try {
        readSeedFile(fixture(file));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SeedFileError);
      const seedError = error as SeedFileError;
      expect(seedError.file).toBe(path.relative(process.cwd(), fixture(file)));
      expect(seedError.message).toContain(file);
      expect(seedError.problems).toHaveLength(1);
      expect(seedError.problems[0]).toContain(`${record} ${field}: `);
      expect(seedError.problems[0]).toContain(says);
      expect(seedError.message).toContain(seedError.problems[0]);
    });

    it('rejects a file that is not JSON with a SeedFileError naming the file', () => {
      expect(() => readSeedFile(fixture('broken-not-json.json'))).toThrow(SeedFileError);
      expect(() => readSeedFile(fixture('broken-not-json.json'))).toThrow(/broken-not-json\.json: 1 problem\(s\)\n {2}not valid JSON: /);
    });

    it('writes the valid fixture when its directory holds nothing else, so the next checks can see a write', async () => {
      fs.copyFileSync(fixture('valid-fixture.json'), path.join(tmp, 'a-valid.json'));
      expect(await countFixtureNodes()).toBe(0);
      const results = await loadSeedDirectory(executor, tmp);
      expect(results).toEqual([{ file: 'a-valid.json', nodes: 3, relationships: 2 }]);
      // three entities and the fixture's Source
      expect(await countFixtureNodes()).toBe(4);
    });

    it.each([...broken.map((b) => b.file), 'broken-not-json.json'])(
      'writes nothing when the directory holds a valid file followed by %s',
      async (file) => {
        fs.copyFileSync(fixture('valid-fixture.json'), path.join(tmp, 'a-valid.json'));
        fs.copyFileSync(fixture(file), path.join(tmp, `b-${file}`));
        const before = await snapshot();
        const sourcesBefore = await single<{ n: number }>('MATCH (s:Source) RETURN count(s) AS n');

        const load = loadSeedDirectory(executor, tmp);
        await expect(load).rejects.toBeInstanceOf(SeedFileError);
        await expect(load).rejects.toThrow(`b-${file}`);

        expect(await countFixtureNodes()).toBe(0);
        expect(await snapshot()).toEqual(before);
        expect(await single<{ n: number }>('MATCH (s:Source) RETURN count(s) AS n')).toEqual(sourcesBefore);
      },
    );

    it('refuses the whole fixture folder, which holds broken files, without writing anything', async () => {
      const before = await snapshot();
      await expect(loadSeedDirectory(executor, FIXTURES)).rejects.toBeInstanceOf(SeedFileError);
      expect(await countFixtureNodes()).toBe(0);
      expect(await snapshot()).toEqual(before);
    });

    it('reports a bad kind and an unknown endpoint of one file together, and refuses reserved relationship properties', () => {
      const data = JSON.parse(fs.readFileSync(fixture('valid-fixture.json'), 'utf8'));
      data.nodes[0].kind = 'SPACESHIP';
      data.relationships[0].to = 'fixture-nowhere';
      data.relationships[1].properties = { ...data.relationships[1].properties, id: 'hijack', evidence: 'x' };
      const file = path.join(tmp, 'several.json');
      fs.writeFileSync(file, JSON.stringify(data));
      let message = '';
      try {
        readSeedFile(file);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/field kind/);
      expect(message).toMatch(/no node or reference with id "fixture-nowhere"/);
      expect(message).toMatch(/properties may not redefine id/);
    });

    it('refuses two files that give one id different labels before writing either, naming both', async () => {
      fs.copyFileSync(fixture('db-clash-a-organization.json'), path.join(tmp, 'a.json'));
      fs.copyFileSync(fixture('db-clash-b-person.json'), path.join(tmp, 'b.json'));
      expect(readSeedFile(path.join(tmp, 'a.json')).nodes).toHaveLength(1);
      expect(readSeedFile(path.join(tmp, 'b.json')).nodes).toHaveLength(2);
      const entitiesBefore = await single<{ n: number }>('MATCH (n:Entity) RETURN count(n) AS n');

      await expect(loadSeedDirectory(executor, tmp)).rejects.toThrow(/b\.json[\s\S]*fixture-twin[\s\S]*Person[\s\S]*Organization in a\.json/);

      expect(await countFixtureNodes()).toBe(0);
      expect((await single<{ n: number }>('MATCH (n:Entity) RETURN count(n) AS n')).n).toBe(entitiesBefore.n);
    });

    it('refuses two files that each need an entity the other defines, naming both files and the entities, and writes nothing', async () => {
      fs.copyFileSync(fixture('cycle-a-organizer.json'), path.join(tmp, 'a.json'));
      fs.copyFileSync(fixture('cycle-b-event.json'), path.join(tmp, 'b.json'));
      expect(readSeedFile(path.join(tmp, 'a.json')).references).toEqual([{ id: 'fixture-cycle-event', label: 'Event' }]);
      expect(readSeedFile(path.join(tmp, 'b.json')).references).toEqual([{ id: 'fixture-cycle-organizer', label: 'Organization' }]);
      const before = await snapshot();

      const load = loadSeedDirectory(executor, tmp);
      await expect(load).rejects.toBeInstanceOf(SeedFileError);
      await expect(load).rejects.toThrow('references form a cycle (a.json -> b.json -> a.json)');
      await expect(load).rejects.toThrow(
        'a.json needs "fixture-cycle-event", defined in b.json; b.json needs "fixture-cycle-organizer", defined in a.json',
      );

      expect(await countFixtureNodes()).toBe(0);
      expect(await snapshot()).toEqual(before);
    });

    it('rolls back a file the database refuses, leaving the graph as the earlier file left it', async () => {
      fs.copyFileSync(fixture('db-clash-a-organization.json'), path.join(tmp, 'a.json'));
      fs.copyFileSync(fixture('db-clash-b-person.json'), path.join(tmp, 'b.json'));
      await loadSeed(executor, readSeedFile(path.join(tmp, 'a.json')), 'a.json');

      // b.json gives fixture-twin another label, which the loader refuses after writing b's source in the same transaction.
      await expect(loadSeed(executor, readSeedFile(path.join(tmp, 'b.json')), 'b.json')).rejects.toThrow(
        'b.json: "fixture-twin" is labelled Person here but Organization in the graph',
      );

      const left = await query<{ id: string; labels: string[] }>(
        "MATCH (n) WHERE n.id STARTS WITH 'fixture-' RETURN n.id AS id, labels(n) AS labels ORDER BY id",
      );
      expect(left.map((r) => ({ id: r.id, labels: [...r.labels].sort() }))).toEqual([
        { id: 'fixture-source-clash-a', labels: ['Source'] },
        { id: 'fixture-twin', labels: ['Entity', 'Organization'] },
      ]);
      expect(await query("MATCH (n {id: 'fixture-twin'})-[r]-() RETURN type(r) AS type")).toEqual([{ type: PROVENANCE_RELATIONSHIP }]);
    });
  });

  describe('facts from the article, read back with Cypher', () => {
    it('records the DuoGenic–A&I licence as a non-exclusive LICENSE for Japan, covering AI Cells, signed at the forum', async () => {
      const licence = await single<{
        kind: string;
        exclusive: unknown;
        territory: string[];
        rightsGranted: string[];
        signedOn: string;
        parties: { id: string; role: string; country: string }[];
        covers: string[];
        appliesIn: string[];
        facilitators: string[];
        signedAt: string[];
      }>(
        `MATCH (a:Agreement {id: 'agreement-duogenic-ai-licence-2025'})
         RETURN a.kind AS kind, a.exclusive AS exclusive, a.territory AS territory, a.rightsGranted AS rightsGranted,
                a.signedOn AS signedOn,
                [(o:Organization)-[p:PARTY_TO]->(a) | {id: o.id, role: p.role, country: o.country}] AS parties,
                [(a)-[:COVERS]->(t:Technology) | t.id] AS covers,
                [(a)-[:APPLIES_IN]->(c:Country) | c.id] AS appliesIn,
                [(f:Organization)-[:FACILITATED]->(a) | f.id] AS facilitators,
                [(a)-[:SIGNED_AT]->(e:Event) | e.id] AS signedAt`,
      );
      expect(licence.kind).toBe('LICENSE');
      expect(licence.exclusive).toBe(false);
      expect(licence.territory).toEqual(['JP']);
      expect(licence.signedOn).toBe('2025-04-23');
      expect(licence.rightsGranted).toEqual(expect.arrayContaining(['marketing', 'sales']));
      expect([...licence.parties].sort((x, y) => x.id.localeCompare(y.id))).toEqual([
        { id: 'a-and-i-co-ltd', role: 'LICENSEE', country: 'JP' },
        { id: 'duogenic-stemcells', role: 'LICENSOR', country: 'TW' },
      ]);
      expect(licence.covers).toEqual(['ai-cells']);
      expect(licence.appliesIn).toEqual(['country-jp']);
      expect([...licence.facilitators].sort()).toEqual(['bpipo', 'firm']);
      expect(licence.signedAt).toEqual(['forum-2025-04-23-tokyo']);
    });

    it('records the Tokyo forum of 23 April 2025 as organized by BPIPO, co-hosted by LINK-J and DCB and held at the Global Life Science Hub', async () => {
      const forum = await single<{
        kind: string;
        startDate: string;
        city: string;
        country: string;
        organizers: string[];
        coHosts: string[];
        heldAt: string[];
        speakers: string[];
      }>(
        `MATCH (e:Event {id: 'forum-2025-04-23-tokyo'})
         RETURN e.kind AS kind, e.startDate AS startDate, e.city AS city, e.country AS country,
                [(o)-[:ORGANIZED]->(e) | o.id] AS organizers,
                [(o)-[:CO_HOSTED]->(e) | o.id] AS coHosts,
                [(e)-[:HELD_AT]->(v) | v.id] AS heldAt,
                [(p:Person)-[:SPOKE_AT]->(e) | p.id] AS speakers`,
      );
      expect(forum.kind).toBe('INVESTMENT_FORUM');
      expect(forum.startDate).toBe('2025-04-23');
      expect(forum.city).toBe('Tokyo');
      expect(forum.country).toBe('JP');
      expect(forum.organizers).toEqual(['bpipo']);
      expect([...forum.coHosts].sort()).toEqual(['dcb', 'link-j']);
      expect(forum.heldAt).toEqual(['global-life-science-hub']);
      expect([...forum.speakers].sort()).toEqual([
        'akihiko-soyama',
        'keita-komatsu',
        'kunihiko-suzuki',
        'masayuki-nomura',
        'michael-huang',
        'shiing-jer-twu',
      ]);
    });

    const speakers: { id: string; name: string; roles: { org: string; title: string; unit: string | null }[] }[] = [
      { id: 'michael-huang', name: 'Michael Huang', roles: [{ org: 'bpipo', title: 'Director', unit: null }] },
      { id: 'shiing-jer-twu', name: 'Shiing-Jer Twu', roles: [{ org: 'dcb', title: 'Chairman', unit: null }] },
      { id: 'akihiko-soyama', name: 'Akihiko Soyama', roles: [{ org: 'link-j', title: 'CEO', unit: null }] },
      {
        id: 'masayuki-nomura',
        name: 'Masayuki Nomura',
        roles: [{ org: 'firm', title: 'Chair', unit: 'International Affairs Committee' }],
      },
      {
        id: 'kunihiko-suzuki',
        name: 'Kunihiko Suzuki',
        roles: [{ org: 'firm', title: 'Chair', unit: 'Specific Processed Cells Committee' }],
      },
      {
        id: 'keita-komatsu',
        name: 'Keita Komatsu',
        roles: [
          { org: 'meti', title: 'Deputy Director', unit: 'Bio-Industry Division' },
          { org: 'meti-bio-industry-division', title: 'Deputy Director', unit: null },
        ],
      },
    ];

    it.each(speakers)('gives $name the title and organization the article states', async ({ id, name, roles }) => {
      const rows = await query<{ name: string; org: string; title: string; unit: string | null }>(
        `MATCH (p:Person {id: $id})-[h:HOLDS_ROLE]->(o:Organization)
         RETURN p.name AS name, o.id AS org, h.title AS title, h.unit AS unit ORDER BY org`,
        { id },
      );
      expect(rows.map((r) => r.name)).toEqual(roles.map(() => name));
      expect(rows.map(({ org, title, unit }) => ({ org, title, unit }))).toEqual(roles);
    });

    it('places METI’s Bio-Industry Division inside METI', async () => {
      expect(
        await query("MATCH (d:Organization {id: 'meti-bio-industry-division'})-[:PART_OF]->(m:Organization) RETURN m.id AS id"),
      ).toEqual([{ id: 'meti' }]);
    });

    it('records BIONET’s 61 publications, total impact factor of 315 and 80% share', async () => {
      const bionet = await single<{ name: string; publications: number; impact: number; share: number }>(
        `MATCH (o:Organization {id: 'bionet'})
         RETURN o.name AS name, o.publications AS publications, o.totalImpactFactor AS impact,
                o.shareOfTaiwanApprovedAutologousAdiposeStemCellTherapiesPercent AS share`,
      );
      expect(bionet).toEqual({ name: 'BIONET', publications: 61, impact: 315, share: 80 });
    });

    it('records the 99.9% purity of Ascension Biotechnology’s exosomes', async () => {
      const row = await single<{ maker: string; purity: number }>(
        `MATCH (o:Organization)-[:DEVELOPS]->(t:Technology {id: 'ascension-exosomes'})
         RETURN o.id AS maker, t.purityPercent AS purity`,
      );
      expect(row).toEqual({ maker: 'ascension-biotechnology', purity: 99.9 });
    });

    it('links CAR-T to blood cancers, and the neoantigen platform to solid tumours', async () => {
      expect(await query("MATCH (:Modality {id: 'modality-car-t'})-[:INDICATED_FOR]->(i:Indication) RETURN i.id AS id")).toEqual([
        { id: 'indication-blood-cancers' },
      ]);
      expect(await query("MATCH (:Technology {id: 'agt-neosync'})-[:TARGETS_INDICATION]->(i:Indication) RETURN i.id AS id")).toEqual([
        { id: 'indication-solid-tumors' },
      ]);
    });

    it('finds LINK-J by its alias "Link-J" and the Development Center for Biotechnology by its alias "DCB"', async () => {
      expect(await query("MATCH (n:Entity) WHERE 'Link-J' IN n.aliases RETURN n.id AS id, n.name AS name")).toEqual([
        { id: 'link-j', name: 'LINK-J' },
      ]);
      const dcb = await single<{ name: string; aliases: string[] }>(
        "MATCH (n:Organization {id: 'dcb'}) RETURN n.name AS name, n.aliases AS aliases",
      );
      expect(dcb.name).toBe('Development Center for Biotechnology');
      expect(dcb.aliases).toContain('DCB');
    });
  });
});
