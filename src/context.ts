import type { Executor } from './db/executor';
import type { Logger } from './logger';
import { createEntityLoaders, type EntityLoaders } from './modules/entity/loaders';
import type { StatisticsCache } from './modules/statistics/cache';

/** Long-lived dependencies shared by every request. */
export interface AppDeps {
  executor: Executor;
  logger: Logger;
  version: string;
  statistics: StatisticsCache;
}

/** What every resolver receives: shared dependencies plus per-request state. */
export interface Context extends AppDeps {
  requestId: string;
  /** This request's DataLoaders; never shared with another request. */
  loaders: EntityLoaders;
}

/** What createContext reads from the HTTP request. */
export interface RequestInfo {
  requestId: string;
  /** The Authorization header, if any. */
  authorization?: string;
}

/** Builds the context of one request, with fresh DataLoaders. */
export async function createContext(deps: AppDeps, request: RequestInfo): Promise<Context> {
  return { ...deps, requestId: request.requestId, loaders: createEntityLoaders(deps.executor) };
}
