import { cypherQuery } from '../../db/cypher';
import type { Executor } from '../../db/executor';

export interface ServerInfo {
  version: string;
  edition: string;
}

/** The Neo4j server's version and edition. Rejects with SERVICE_UNAVAILABLE when it cannot be reached. */
export async function fetchServerInfo(executor: Executor, timeoutMs?: number): Promise<ServerInfo> {
  const [row] = await executor.read<ServerInfo>(cypherQuery('about/serverInfo'), {}, { timeoutMs });
  if (!row) throw new Error('dbms.components() returned no kernel row');
  return row;
}
