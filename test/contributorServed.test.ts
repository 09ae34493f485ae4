import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { clearGraph, openTestDriver, testTarget, type TestTarget } from './support/harness';
import { bearerHeader, newJwtSecret } from './support/tokens';
import type { Driver } from 'neo4j-driver';

// CONTRIBUTING.md's promise, run for real: a copy of this checkout gets a `Grant`
// label (two properties) and an AWARDED_TO relationship type in src/domain and
// nothing else by hand; `npm run codegen` regenerates the SDL and the resolver
// types; the copy type-checks and, started as `npm start` starts it against
// Neo4j, serves grants with where, sort, paging, an aggregate and a CSV export.

const ROOT = path.join(__dirname, '..');

/** The contributor's whole hand-written change: text inserted after an anchor in two model files. */
const MODEL_CHANGE: { file: string; after: string; insert: string }[] = [
  { file: 'src/domain/model.ts', after: "  'Patent',\n", insert: "  'Grant',\n" },
  {
    file: 'src/domain/model.ts',
    after: 'export const RELATIONSHIP_TYPES = {\n',
    insert: "  AWARDED_TO: { from: ['Grant'], to: ['Organization'], description: 'a grant was awarded to an organization', phrase: { forward: { en: 'was awarded to', ja: '…に授与された', 'zh-Hant': '授予…' }, backward: { en: 'received', ja: '…を受けた', 'zh-Hant': '獲得…' } } },\n",
  },
  {
    file: 'src/domain/entities.ts',
    after: "      policiesIssued: many('ISSUED', 'OUT', 'Policy', 'Regulations and notices it issued or published.'),\n",
    insert: "      grants: many('AWARDED_TO', 'IN', 'Grant', 'Research grants awarded to it.'),\n",
  },
  {
    file: 'src/domain/entities.ts',
    after: "      protects: many('PROTECTS', 'OUT', 'Technology', 'Products a source lists it for.'),\n    },\n  },\n",
    insert: [
      '  Grant: {',
      "    description: 'A research grant a funder awarded.',",
      "    displayName: { en: 'Grant', ja: '研究助成', 'zh-Hant': '研究補助' },",
      "    displayNamePlural: { en: 'Grants', ja: '研究助成', 'zh-Hant': '研究補助' },",
      "    shape: 'barrel',",
      "    list: { name: 'grants', description: 'Research grants, filtered and paginated.' },",
      '    properties: {',
      "      programme: text('The programme that awarded it.'),",
      "      awardedOn: date('When it was awarded, as precisely as stated.'),",
      '    },',
      "    relations: { recipients: many('AWARDED_TO', 'OUT', 'Organization', 'Organizations it was awarded to.') },",
      '  },',
      '',
    ].join('\n'),
  },
];

function copyCheckout(to: string): void {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) {
    if (!fs.existsSync(path.join(ROOT, file))) continue; // deleted in the working tree
    fs.mkdirSync(path.dirname(path.join(to, file)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, file), path.join(to, file));
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(to, 'node_modules'));
}

function applyModelChange(dir: string): void {
  for (const { file, after, insert } of MODEL_CHANGE) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const at = text.indexOf(after);
    if (at < 0 || text.indexOf(after, at + 1) >= 0) throw new Error(`the anchor in ${file} is gone or not unique; update MODEL_CHANGE with CONTRIBUTING.md: ${after}`);
    fs.writeFileSync(path.join(dir, file), text.slice(0, at + after.length) + insert + text.slice(at + after.length));
  }
}

/** Tracked files whose content differs between the two trees. */
function changedFiles(a: string, b: string): string[] {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  return files.filter((file) => {
    const left = path.join(a, file);
    const right = path.join(b, file);
    return fs.existsSync(left) && fs.existsSync(right) && !fs.readFileSync(left).equals(fs.readFileSync(right));
  });
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

function run(dir: string, args: string[]): string {
  try {
    return execFileSync(process.execPath, args, { cwd: dir, stdio: 'pipe', encoding: 'utf8', timeout: 240_000 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

describe('a contributor who adds a label and a relationship type to the model only', () => {
  let dir: string;
  let target: TestTarget;
  let driver: Driver;
  let child: ChildProcess | undefined;
  let url: string;
  const secret = newJwtSecret();
  /** What the changed copy printed, shown when a request fails. */
  let output = '';

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kg-contributor-'));
    copyCheckout(dir);
    applyModelChange(dir);
    run(dir, ['--import', 'tsx', 'scripts/generate-schema.ts']);
    run(dir, [path.join(ROOT, 'node_modules', '@graphql-codegen', 'cli', 'cjs', 'bin.js'), '--config', 'codegen.ts']);

    target = testTarget();
    driver = openTestDriver();
    await clearGraph(driver, target.database);
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEO4J_URI: target.uri,
        NEO4J_USERNAME: target.username,
        NEO4J_PASSWORD: target.password,
        NEO4J_DATABASE: target.database,
        HOST: '127.0.0.1',
        PORT: String(port),
        SEED_ON_START: 'false',
        AUTH_JWT_SECRET: secret,
        // the proof is about what is served, not how fast: a loaded machine must not time it out
        QUERY_TIMEOUT_MS: '60000',
        LOG_LEVEL: 'info',
      },
    });
    output = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const deadline = Date.now() + 90_000;
    while (!output.includes('server ready')) {
      if (child.exitCode !== null) throw new Error(`the changed copy exited before it was ready:\n${output}`);
      if (Date.now() > deadline) throw new Error(`the changed copy was not ready within 90 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await writeGrants();
  }, 300_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    // Leave the suite's database as the real model has it: no Grant schema, and the
    // model's indexes (with entity_search over the real labels) made again at the next start.
    if (driver) {
      await clearGraph(driver, target.database);
      for (const statement of ['DROP CONSTRAINT grant_id IF EXISTS', 'DROP INDEX grant_name IF EXISTS']) {
        await driver.executeQuery(statement, {}, { database: target.database });
      }
      await driver.executeQuery("MATCH (m:Migration {id: 'model-indexes'}) DELETE m", {}, { database: target.database });
      await driver.close();
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function graphql(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) }).catch((error: unknown) => {
      throw new Error(`${String(error)}; the copy printed:\n${output.slice(-3000)}`);
    });
    const body = (await response.json()) as { data?: any; errors?: { message: string }[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  }

  /** Three grants, two in one programme, all awarded to one lab: written as a curator would. */
  async function writeGrants(): Promise<void> {
    const editor = await bearerHeader(secret, 'contributor-test', ['editor']);
    const register = { new: { id: 'fixture-grant-register', url: 'https://grants.example.org/2026', publishedOn: '2026-01', title: 'Fixture grant register', publisher: 'Fixture Register' } };
    const source = { id: 'fixture-grant-register' };
    await graphql(
      `mutation($o: UpsertEntityInput!) { upsertEntity(input: $o) { entity { id } } }`,
      { o: { type: 'ORGANIZATION', id: 'fixture-lab', name: 'Fixture Lab', description: 'A fixture laboratory.', kind: 'RESEARCH_INSTITUTE', country: 'TW', source: register, evidence: 'The register lists the lab.' } },
      editor,
    );
    for (const [id, name, programme, awardedOn] of [
      ['grant-a', 'Exosome Scale-up Award', 'Cell Therapy Seed', '2025-03'],
      ['grant-b', 'Liver Organoid Bridge Fellowship', 'Organoid Bridge', '2026-01-15'],
      ['grant-c', 'Cartilage Repair Pilot', 'Cell Therapy Seed', '2024'],
    ]) {
      await graphql(
        `mutation($g: UpsertEntityInput!) { upsertEntity(input: $g) { entity { id } } }`,
        { g: { type: 'GRANT', id, name, description: 'A fixture grant.', facts: { programme, awardedOn }, source, evidence: 'The register lists the grant.' } },
        editor,
      );
      await graphql(
        `mutation($l: LinkEntitiesInput!) { linkEntities(input: $l) { id } }`,
        { l: { type: 'AWARDED_TO', from: id, to: 'fixture-lab', source, evidence: 'The register names the recipient.' } },
        editor,
      );
    }

  }

  it('changes no hand-written file but the two model files; codegen rewrites the generated SDL and resolver types', () => {
    expect(changedFiles(ROOT, dir).sort()).toEqual(['schema.generated.graphql', 'src/domain/entities.ts', 'src/domain/model.ts', 'src/generated/graphql.ts']);
  });

  it('serves the grants written through the curation API, with where, sort, paging, full-text search and the relationship both ways', async () => {
    const data = await graphql(`{
      grants(where: { programme: { eq: "Cell Therapy Seed" } }, sort: [{ field: AWARDED_ON, direction: DESC }], first: 1) {
        totalCount
        nodes { id programme awardedOn recipients { id name } }
        pageInfo { hasNextPage }
      }
      entity(id: "fixture-lab") { ... on Organization { grants { id } } }
      found: grants(search: "Organoid Fellowship") { nodes { id } }
    }`);
    expect(data.grants).toEqual({
      totalCount: 2,
      nodes: [{ id: 'grant-a', programme: 'Cell Therapy Seed', awardedOn: '2025-03', recipients: [{ id: 'fixture-lab', name: 'Fixture Lab' }] }],
      pageInfo: { hasNextPage: true },
    });
    expect(data.found.nodes[0]).toEqual({ id: 'grant-b' });
    expect(data.entity.grants.map((g: { id: string }) => g.id).sort()).toEqual(['grant-a', 'grant-b', 'grant-c']);
  });

  it('answers the grants aggregate grouped by a model property', async () => {
    const data = await graphql(`{ grantsAggregate(groupBy: [{ field: "programme" }]) { totalCount groups { key count } } }`);
    expect(data.grantsAggregate.totalCount).toBe(3);
    expect(data.grantsAggregate.groups).toEqual([
      { key: ['Cell Therapy Seed'], count: 2 },
      { key: ['Organoid Bridge'], count: 1 },
    ]);
  });

  it('exports grants as CSV with a column per model property, filtered by the same where', async () => {
    const where = encodeURIComponent(JSON.stringify({ programme: { eq: 'Organoid Bridge' } }));
    const response = await fetch(`${url}/export/grants.csv?where=${where}`);
    expect(response.status).toBe(200);
    const [header, ...rows] = (await response.text()).trim().split(/\r?\n/);
    expect(header!.split(',')).toEqual(expect.arrayContaining(['id', 'name', 'programme', 'awardedOn']));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('grant-b');
  });

  // Last: the server sits idle meanwhile, and an idle keep-alive socket it closed would fail the next fetch.
  it('type-checks, server and pages, with no other edit', () => {
    run(dir, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', '.']);
    run(dir, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', 'web']);
  }, 240_000);
});
