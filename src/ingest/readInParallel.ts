import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { inLoadOrder, listSeedFiles, readSeedDirectory, readSeedFile, SeedFileError, SEED_DIR } from './loadSeed';
import type { SeedFile } from './seedFile';
import type { SeedFileWorkerAnswer, SeedFileWorkerRequest } from './seedFileWorker';

/** Below this many bytes of JSON a worker thread costs more to start than it saves. */
export const PARALLEL_READ_MIN_BYTES = 64 * 1024 * 1024;

/**
 * The worker's share of the bytes. The main thread also parses the worker's answers
 * (a third of what reading and validating costs), but the worker stringifies them and
 * both share two cores with the garbage collector's helpers: on a 1M-relationship
 * export, 0.45 and 0.55 each left one thread waiting for the other.
 */
const WORKER_SHARE = 0.5;

/**
 * readSeedDirectory on two threads: this one and a worker (src/ingest/seedFileWorker.ts)
 * each read, parse and validate about half of the folder's files, by size. The
 * result is the same: every file valid, in load order; otherwise the SeedFileError
 * of the first invalid file in name order. A folder smaller than `minBytes` is read
 * on this thread alone.
 */
export async function readSeedDirectoryInParallel(
  dir = SEED_DIR,
  minBytes = PARALLEL_READ_MIN_BYTES,
): Promise<{ file: string; data: SeedFile }[]> {
  const files = listSeedFiles(dir).map((file) => ({ file, bytes: fs.statSync(file).size }));
  const total = files.reduce((sum, f) => sum + f.bytes, 0);
  if (total < minBytes || files.length < 2) return readSeedDirectory(dir);

  const toWorker = new Set<string>();
  let workerBytes = 0;
  let assigned = 0;
  for (const { file, bytes } of files) {
    // hand out in name order, keeping the worker's bytes at its share of those handed out so far
    assigned += bytes;
    if (workerBytes + bytes <= assigned * WORKER_SHARE) {
      toWorker.add(file);
      workerBytes += bytes;
    }
  }
  const worker = startWorker();
  const answers = new Map<string, SeedFile | SeedFileError>();
  const workerDone = new Promise<void>((resolve, reject) => {
    worker.on('message', (answer: SeedFileWorkerAnswer) => {
      answers.set(answer.file, 'json' in answer ? (JSON.parse(answer.json) as SeedFile) : new SeedFileError(answer.name, answer.problems));
      if (answers.size === toWorker.size) resolve();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (answers.size < toWorker.size) reject(new Error(`the seed file worker stopped (exit code ${code}) after ${answers.size} of ${toWorker.size} files`));
    });
  });
  workerDone.catch(() => undefined); // awaited below unless a refused file of this thread settles the outcome first
  worker.postMessage({ files: [...toWorker] } satisfies SeedFileWorkerRequest);

  const read = new Map<string, SeedFile | SeedFileError>();
  try {
    for (const { file } of files) {
      if (toWorker.has(file)) continue;
      await new Promise((resolve) => setImmediate(resolve)); // takes in the worker's answers meanwhile
      try {
        read.set(file, readSeedFile(file));
      } catch (error) {
        if (!(error instanceof SeedFileError)) throw error;
        read.set(file, error);
        break; // a later file cannot be the first invalid one
      }
    }
    const firstRefused = files.findIndex(({ file }) => read.get(file) instanceof SeedFileError);
    // the worker's files before the first refused one are still needed to know which is first
    if (firstRefused < 0 || files.slice(0, firstRefused).some(({ file }) => toWorker.has(file))) await workerDone;
  } finally {
    await worker.terminate();
  }
  const ordered: { file: string; data: SeedFile }[] = [];
  for (const { file } of files) {
    const outcome = answers.get(file) ?? read.get(file);
    if (outcome instanceof SeedFileError) throw outcome;
    if (!outcome) throw new Error(`${file} was not read`);
    ordered.push({ file, data: outcome });
  }
  return inLoadOrder(ordered);
}

/**
 * Seed documents a program generated, validated on a worker thread while it goes on
 * with them: `submit` sends a copy (as JSON text, a quarter of what validating
 * costs here), `verdict` resolves once every document submitted so far is valid and
 * already in its validated form, so the caller's own copies are what the loader
 * would have loaded; otherwise it rejects with the SeedFileError of the first
 * refused one, in submission order. `close` stops the worker; call it in any case.
 */
export class WorkerValidatedDocuments {
  private readonly worker = startWorker();
  private readonly names: string[] = [];
  private readonly problems = new Map<string, string[]>();
  private failure: Error | undefined;
  private settle: (() => void) | undefined;

  constructor() {
    this.worker.on('message', (answer: SeedFileWorkerAnswer) => {
      this.problems.set(answer.file, 'problems' in answer ? answer.problems : []);
      if (this.problems.size === this.names.length) this.settle?.();
    });
    this.worker.once('error', (error) => {
      this.failure = error;
      this.settle?.();
    });
    this.worker.once('exit', (code) => {
      this.failure ??= new Error(`the seed file worker stopped (exit code ${code}) after ${this.problems.size} of ${this.names.length} documents`);
      this.settle?.();
    });
  }

  /** Sends one document to be validated; `name` (unique per document) names it in a refusal. */
  submit(name: string, document: unknown): void {
    this.names.push(name);
    this.worker.postMessage({ document: JSON.stringify(document), name } satisfies SeedFileWorkerRequest);
  }

  /** Waits for every answer; rejects with the first refusal in submission order. */
  async verdict(): Promise<void> {
    if (this.problems.size < this.names.length && !this.failure) await new Promise<void>((resolve) => (this.settle = resolve));
    if (this.failure) throw this.failure;
    const refused = this.names.find((name) => this.problems.get(name)!.length > 0);
    if (refused) throw new SeedFileError(refused, this.problems.get(refused)!);
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

/** The worker runs this module's sibling; from TypeScript sources (tsx, ts-jest) it loads it through tsx's require hook. */
function startWorker(): Worker {
  const extension = path.extname(__filename);
  const entry = path.join(__dirname, `seedFileWorker${extension}`);
  if (extension !== '.ts') return new Worker(entry);
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(entry)});`, { eval: true });
}
