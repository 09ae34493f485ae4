import neo4j, { type Driver } from 'neo4j-driver';
import type { Config } from '../config';
import { DEFAULT_INSTANCES, startLocalNeo4j } from './localNeo4j';

export interface Neo4jTarget {
  uri: string;
  username: string;
  password: string;
  database: string;
}

/**
 * Where the graph lives: NEO4J_URI when set (nothing is started), otherwise the
 * project's local server, started if it is not running.
 */
export async function resolveNeo4jTarget(config: Config): Promise<Neo4jTarget> {
  if (config.NEO4J_URI) {
    return {
      uri: config.NEO4J_URI,
      username: config.NEO4J_USERNAME,
      password: config.NEO4J_PASSWORD ?? '',
      database: config.NEO4J_DATABASE,
    };
  }
  const instance = DEFAULT_INSTANCES[config.NEO4J_LOCAL_INSTANCE];
  if (!instance) throw new Error(`unknown local instance ${config.NEO4J_LOCAL_INSTANCE}`);
  const conn = await startLocalNeo4j(instance);
  return { ...conn, database: config.NEO4J_DATABASE };
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
