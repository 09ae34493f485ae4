import { stopLocalNeo4j } from '../../src/localNeo4j/server';
import { testInstance } from './instance';

/** Stops the local test instance if globalSetup started it; a server given by NEO4J_URI is left alone. */
export default async function globalTeardown(): Promise<void> {
  if (process.env.TEST_STARTED_LOCAL_NEO4J === '1' && !process.env.KEEP_TEST_NEO4J) {
    await stopLocalNeo4j(testInstance());
  }
}
