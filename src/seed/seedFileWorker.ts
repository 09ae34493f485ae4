import { parentPort } from 'node:worker_threads';
import { readSeedFile, SeedFileError } from './loadSeed';

/**
 * The worker thread of readSeedDirectoryInParallel: given a list of seed file
 * paths, reads and validates each in turn and answers one message per file, the
 * validated file as JSON text (the cheapest form for the main thread to take in)
 * or the problems that refuse it.
 */
export type SeedFileWorkerAnswer = { file: string; json: string } | { file: string; problems: string[]; name: string };

parentPort?.once('message', (files: string[]) => {
  for (const file of files) {
    try {
      parentPort!.postMessage({ file, json: JSON.stringify(readSeedFile(file)) } satisfies SeedFileWorkerAnswer);
    } catch (error) {
      const problems = error instanceof SeedFileError ? error.problems : [(error as Error).message];
      const name = error instanceof SeedFileError ? error.file : file;
      parentPort!.postMessage({ file, problems, name } satisfies SeedFileWorkerAnswer);
    }
  }
});
