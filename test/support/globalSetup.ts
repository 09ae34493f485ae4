import { startLocalNeo4j } from '../../src/localNeo4j/server';
import { testInstance } from './instance';

/**
 * Uses NEO4J_URI when set (the suite clears that database), otherwise starts the
 * project's local `test` instance (Bolt 7688), separate from the development one.
 * The connection is handed to the tests through TEST_NEO4J_* variables.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.NEO4J_URI) {
    process.env.TEST_NEO4J_URI = process.env.NEO4J_URI;
    process.env.TEST_NEO4J_USERNAME = process.env.NEO4J_USERNAME ?? 'neo4j';
    process.env.TEST_NEO4J_PASSWORD = process.env.NEO4J_PASSWORD ?? '';
    process.env.TEST_NEO4J_DATABASE = process.env.NEO4J_DATABASE ?? 'neo4j';
    return;
  }
  const conn = await startLocalNeo4j(testInstance());
  process.env.TEST_NEO4J_URI = conn.uri;
  process.env.TEST_NEO4J_USERNAME = conn.username;
  process.env.TEST_NEO4J_PASSWORD = conn.password;
  process.env.TEST_NEO4J_DATABASE = 'neo4j';
  process.env.TEST_STARTED_LOCAL_NEO4J = '1';
}
