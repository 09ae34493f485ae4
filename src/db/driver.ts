import neo4j, { type Driver } from 'neo4j-driver';
import type { Config } from '../config';

export interface Neo4jTarget {
  uri: string;
  username: string;
  password: string;
  database: string;
}

/**
 * One driver per process. Integers come back as JavaScript numbers. Connection
 * and retry times are short so that requests fail fast while Neo4j is away.
 * Cypher notifications are off: nothing here reads them, and Neo4j would
 * otherwise build and send them with every result (on a graph where no fact is
 * retracted yet, each `retracted IS NULL` check draws an unknown-property
 * warning: 22 of them, 11.7 KB, with every detail read).
 */
export function createDriver(
  target: Neo4jTarget,
  config: Pick<Config, 'NEO4J_MAX_POOL_SIZE' | 'NEO4J_ACQUISITION_TIMEOUT_MS'> & Partial<Pick<Config, 'NEO4J_MAX_RETRY_MS'>>,
): Driver {
  return neo4j.driver(target.uri, neo4j.auth.basic(target.username, target.password), {
    disableLosslessIntegers: true,
    maxConnectionPoolSize: config.NEO4J_MAX_POOL_SIZE,
    connectionAcquisitionTimeout: config.NEO4J_ACQUISITION_TIMEOUT_MS,
    connectionTimeout: 3_000,
    maxTransactionRetryTime: config.NEO4J_MAX_RETRY_MS ?? 3_000,
    userAgent: 'regen-graph/0.1',
    notificationFilter: { minimumSeverityLevel: 'OFF' },
  });
}
