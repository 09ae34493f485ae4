import type { Executor } from './db/executor';
import type { Logger } from './logger';

/** Long-lived dependencies shared by every request. */
export interface AppDeps {
  executor: Executor;
  logger: Logger;
  version: string;
}

/** What every resolver receives: shared dependencies plus per-request state. */
export interface Context extends AppDeps {
  requestId: string;
}

/** Builds the context of one request. DataLoaders are created here, never shared across requests. */
export function createContext(deps: AppDeps, requestId: string): Context {
  return { ...deps, requestId };
}
