import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { QueryEvent } from '../db/executor';

/** Longest label value kept; longer values are cut. */
export const MAX_LABEL_LENGTH = 64;
/** Distinct GraphQL operation names tracked per server; later new names are counted as "other". */
export const MAX_OPERATION_NAMES = 200;

const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const BATCH_BUCKETS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000];

/** What the Apollo plugin reports once per GraphQL operation. */
export interface RequestEvent {
  operationName: string | null | undefined;
  /** "ok", or the error code of the first error (e.g. BAD_USER_INPUT). */
  outcome: string;
  durationMs: number;
}

export interface Metrics {
  /** The registry /metrics serves; one per server, never prom-client's global one. */
  readonly registry: Registry;
  observeRequest(event: RequestEvent): void;
  /** Pass as ExecutorOptions.onQuery (or call from it). */
  observeQuery(event: QueryEvent): void;
  /**
   * Size of one DataLoader batch. Not wired yet: the loaders (src/modules/entity/loaders.ts)
   * would call it from their batch functions.
   */
  observeBatch(loader: string, size: number): void;
  /** The operation label a name is recorded under (truncated, "anonymous", or "other" past the cap). */
  operationLabel(name: string | null | undefined): string;
  /** Prometheus text exposition of every metric. */
  text(): Promise<string>;
  contentType: string;
}

export interface MetricsOptions {
  /** Collect process_* and nodejs_* metrics (default true). */
  defaultMetrics?: boolean;
  maxOperationNames?: number;
}

/** Cuts a label value to MAX_LABEL_LENGTH characters. */
export function truncateLabel(value: string): string {
  return value.length > MAX_LABEL_LENGTH ? value.slice(0, MAX_LABEL_LENGTH) : value;
}

/** Builds a fresh registry with the API's metrics; tests may build several. */
export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const maxOperations = options.maxOperationNames ?? MAX_OPERATION_NAMES;

  const requests = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL operations handled, by operation name and outcome (ok or the first error code).',
    labelNames: ['operation', 'outcome'] as const,
    registers: [registry],
  });
  const requestDuration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'Time from receiving a GraphQL operation to sending its response.',
    labelNames: ['operation', 'outcome'] as const,
    buckets: SECONDS_BUCKETS,
    registers: [registry],
  });
  const queries = new Counter({
    name: 'neo4j_queries_total',
    help: 'Neo4j transactions run through the executor, by query name, access mode and outcome.',
    labelNames: ['query', 'mode', 'outcome'] as const,
    registers: [registry],
  });
  const queryDuration = new Histogram({
    name: 'neo4j_query_duration_seconds',
    help: 'Neo4j transaction time including session open and close, by query name and access mode.',
    labelNames: ['query', 'mode'] as const,
    buckets: SECONDS_BUCKETS,
    registers: [registry],
  });
  const batchSize = new Histogram({
    name: 'dataloader_batch_size',
    help: 'Keys per DataLoader batch.',
    labelNames: ['loader'] as const,
    buckets: BATCH_BUCKETS,
    registers: [registry],
  });

  const knownOperations = new Set<string>();
  const operationLabel = (name: string | null | undefined): string => {
    if (!name) return 'anonymous';
    const label = truncateLabel(name);
    if (knownOperations.has(label)) return label;
    if (knownOperations.size >= maxOperations) return 'other';
    knownOperations.add(label);
    return label;
  };

  return {
    registry,
    contentType: registry.contentType,
    operationLabel,
    observeRequest(event) {
      const labels = { operation: operationLabel(event.operationName), outcome: truncateLabel(event.outcome) };
      requests.inc(labels);
      requestDuration.observe(labels, event.durationMs / 1000);
    },
    observeQuery(event) {
      const query = truncateLabel(event.name);
      queries.inc({ query, mode: event.mode, outcome: event.ok ? 'ok' : 'error' });
      queryDuration.observe({ query, mode: event.mode }, event.durationMs / 1000);
    },
    observeBatch(loader, size) {
      batchSize.observe({ loader: truncateLabel(loader) }, size);
    },
    text: () => registry.metrics(),
  };
}
