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

/** Builds the context of one request, with fresh DataLoaders. */
export function createContext(deps: AppDeps, requestId: string): Context {
  return { ...deps, requestId, loaders: createEntityLoaders(deps.executor) };
}
