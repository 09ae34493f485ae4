import type { Config } from '../config';
import type { Neo4jTarget } from '../db/driver';
import { DEFAULT_INSTANCES, startLocalNeo4j } from './server';

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
