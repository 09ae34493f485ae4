import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readSeedDirectory, SeedFileError } from '../src/ingest/loadSeed';
import { readSeedDirectoryInParallel, WorkerValidatedDocuments } from '../src/ingest/readInParallel';
import { seedFile } from '../src/ingest/seedFile';

// Reading a large folder on two threads (npm run import) must give what reading it
// on one gives: the same validated files in the same order, or the same refusal.

const FIXTURES = path.resolve(__dirname, 'fixtures', 'seed');
const VALID = fs.readFileSync(path.join(FIXTURES, 'valid-fixture.json'), 'utf8');

/** A folder of `count` copies of the valid fixture, each its own source; the positions in `broken` hold the named broken fixtures instead. */
function folder(count: number, broken: Record<number, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parallel-read-'));
  for (let i = 0; i < count; i++) {
    const name = `file-${String(i).padStart(2, '0')}.json`;
    const text = broken[i] ? fs.readFileSync(path.join(FIXTURES, broken[i]!), 'utf8') : VALID.replaceAll('"fixture-source-valid"', `"fixture-source-valid-${i}"`);
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

async function refusal(dir: string): Promise<SeedFileError> {
  const error = await readSeedDirectoryInParallel(dir, 0).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof SeedFileError)) throw new Error(`expected a SeedFileError, got ${String(error)}`);
  return error;
}

describe('reading a seed folder on two threads', () => {
  const made: string[] = [];
  const tmp = (dir: string) => (made.push(dir), dir);
  afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('gives the same validated files in the same load order as reading it on one thread', async () => {
    const dir = tmp(folder(8));
    const parallel = await readSeedDirectoryInParallel(dir, 0);
    expect(parallel.map((f) => path.basename(f.file))).toEqual(readSeedDirectory(dir).map((f) => path.basename(f.file)));
    expect(parallel).toEqual(readSeedDirectory(dir));
    expect(new Set(parallel.map((f) => f.data.source.id)).size).toBe(8);
  });

  it.each([
    [1, 4],
    [2, 3],
    [0, 7],
  ])('refuses with the first invalid file in name order (invalid files at %i and %i), whichever thread read it', async (first, second) => {
    const dir = tmp(folder(8, { [first]: 'broken-bad-kind.json', [second]: 'broken-not-json.json' }));
    const error = await refusal(dir);
    expect(error.file).toContain(`file-0${first}.json`);
    expect(error.problems.join('\n')).toMatch(/kind/);
    expect(() => readSeedDirectory(dir)).toThrow(error.message);
  });

  it('reports a file that is not JSON the way the one-thread reader does', async () => {
    const dir = tmp(folder(6, { 3: 'broken-not-json.json' }));
    const error = await refusal(dir);
    expect(error.file).toContain('file-03.json');
    expect(error.problems[0]).toMatch(/^not valid JSON: /);
  });
});

describe('validating generated documents on a worker thread (npm run gen, bulk path)', () => {
  /** The valid fixture as its validated form, under its own source id: what a generator must send. */
  const canonical = (i: number) => {
    const data = seedFile.parse(JSON.parse(VALID.replaceAll('"fixture-source-valid"', `"fixture-source-valid-${i}"`)));
    return JSON.parse(JSON.stringify(data)) as Record<string, unknown> & { source: { id: string }; nodes: Record<string, unknown>[] };
  };

  async function verdictOf(documents: ReturnType<typeof canonical>[]): Promise<unknown> {
    const checked = new WorkerValidatedDocuments();
    try {
      documents.forEach((doc) => checked.submit(doc.source.id, doc));
      return await checked.verdict().then(() => 'valid', (error: unknown) => error);
    } finally {
      await checked.close();
    }
  }

  it('accepts documents that are valid and already in their validated form', async () => {
    expect(await verdictOf([canonical(1), canonical(2), canonical(3)])).toBe('valid');
  });

  it('refuses a valid document that the schema would change (a default left out), so its sender cannot load its own copy', async () => {
    const doc = canonical(2);
    delete doc.nodes[0]!.aliases;
    const error = await verdictOf([canonical(1), doc]);
    expect(error).toBeInstanceOf(SeedFileError);
    expect((error as SeedFileError).file).toBe('fixture-source-valid-2');
    expect((error as SeedFileError).problems[0]).toMatch(/not in its validated form/);
  });

  it('refuses with the first invalid document in submission order, naming its field', async () => {
    const badKind = canonical(2);
    (badKind.nodes[0] as { kind?: string }).kind = 'NOT_A_KIND';
    const noEvidence = canonical(3);
    delete noEvidence.nodes[0]!.evidence;
    const error = await verdictOf([canonical(1), badKind, noEvidence]);
    expect(error).toBeInstanceOf(SeedFileError);
    expect((error as SeedFileError).file).toBe('fixture-source-valid-2');
    expect((error as SeedFileError).problems.join('\n')).toMatch(/nodes\[0\].*kind/);
  });
});
