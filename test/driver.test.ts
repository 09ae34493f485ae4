import neo4j from 'neo4j-driver';
import { createDriver } from '../src/db/driver';
import { testTarget } from './support/harness';

describe('the driver the API uses', () => {
  // A property key no graph here ever stores: Neo4j warns about it in every result unless told not to.
  const query = 'MATCH (n:Entity) WHERE n.propertyKeyNobodyStores IS NULL RETURN count(n) AS n';

  it('asks Neo4j for no notifications, which a default driver gets with a query on an unknown property key', async () => {
    const target = testTarget();
    const ours = createDriver(target, { NEO4J_MAX_POOL_SIZE: 2, NEO4J_ACQUISITION_TIMEOUT_MS: 5_000 });
    const plain = neo4j.driver(target.uri, neo4j.auth.basic(target.username, target.password));
    try {
      const withDefaults = await plain.executeQuery(query, {}, { database: target.database });
      expect(withDefaults.summary.notifications.length).toBeGreaterThan(0);
      const answered = await ours.executeQuery(query, {}, { database: target.database });
      expect(answered.summary.notifications).toEqual([]);
      expect(answered.records).toHaveLength(1);
    } finally {
      await Promise.all([ours.close(), plain.close()]);
    }
  });
});
