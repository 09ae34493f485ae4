import * as executor from '../../src/db/executor';
import { startTestApp, type TestApp } from './harness';
import { bearerHeader } from './tokens';

/**
 * Records the name of every statement a repository sends to Neo4j (db/executor's
 * run, where all of them go), in order; each still runs against the real database.
 * jest.restoreAllMocks() stops the recording.
 */
export function recordStatements(): string[] {
  const names: string[] = [];
  const original = executor.run;
  jest.spyOn(executor, 'run').mockImplementation((tx, query, params) => {
    names.push(query.name);
    return original(tx, query, params);
  });
  return names;
}

/** A test API whose tokens `secret` signs, an editor's (alice) and a reviewer's (bob) headers, and the statements its requests send. */
export interface CuratorsApp {
  app: TestApp;
  alice: Record<string, string>;
  bob: Record<string, string>;
  statements: string[];
}

/** Starts a CuratorsApp (in beforeAll); stopCuratorsApp closes it. */
export async function startCuratorsApp(secret: string): Promise<CuratorsApp> {
  const app = await startTestApp({ auth: { jwtSecret: secret }, queryTimeoutMs: 60_000 });
  return {
    app,
    alice: await bearerHeader(secret, 'alice@example.org', ['editor']),
    bob: await bearerHeader(secret, 'bob@example.org', ['reviewer']),
    statements: recordStatements(),
  };
}

export async function stopCuratorsApp(app: TestApp | undefined): Promise<void> {
  jest.restoreAllMocks();
  await app?.close();
}
