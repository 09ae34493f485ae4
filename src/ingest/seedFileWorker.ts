import { isDeepStrictEqual } from 'node:util';
import { parentPort } from 'node:worker_threads';
import { parseSeedFile, readSeedFile, SeedFileError } from './loadSeed';

/**
 * The worker thread of src/ingest/readInParallel.ts. Two kinds of request:
 * - `files`: reads and validates each file in turn, answering one message per file:
 *   the validated file as JSON text (the cheapest form for the main thread to take
 *   in), or the problems that refuse it;
 * - `document`: validates one seed document sent as JSON text and answers its
 *   problems, none when it is valid and already in its validated form (no default
 *   left to fill, no string to trim), so the sender may load its own copy.
 */
export type SeedFileWorkerRequest = { files: string[] } | { document: string; name: string };
export type SeedFileWorkerAnswer = { file: string; json: string } | { file: string; problems: string[]; name: string };

function problemsOf(error: unknown): string[] {
  return error instanceof SeedFileError ? error.problems : [(error as Error).message];
}

parentPort?.on('message', (request: SeedFileWorkerRequest) => {
  if ('files' in request) {
    for (const file of request.files) {
      try {
        parentPort!.postMessage({ file, json: JSON.stringify(readSeedFile(file)) } satisfies SeedFileWorkerAnswer);
      } catch (error) {
        parentPort!.postMessage({ file, problems: problemsOf(error), name: error instanceof SeedFileError ? error.file : file } satisfies SeedFileWorkerAnswer);
      }
    }
    return;
  }
  let problems: string[] = [];
  try {
    const raw: unknown = JSON.parse(request.document);
    if (!isDeepStrictEqual(parseSeedFile(raw, request.name), raw)) {
      problems = ['is valid but not in its validated form (a default left out or a string to trim), so it cannot be loaded as it was sent'];
    }
  } catch (error) {
    problems = problemsOf(error);
  }
  parentPort!.postMessage({ file: request.name, problems, name: request.name } satisfies SeedFileWorkerAnswer);
});
