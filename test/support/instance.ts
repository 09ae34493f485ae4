import { localInstance, type LocalInstance } from '../../src/localNeo4j/server';

/** The local Neo4j instance tests use: `test`, or TEST_NEO4J_INSTANCE for parallel runs. */
export function testInstance(): LocalInstance {
  return localInstance(process.env.TEST_NEO4J_INSTANCE ?? 'test');
}
