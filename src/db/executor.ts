import neo4j, { Neo4jError, type BookmarkManager, type Driver, type ManagedTransaction, type RecordShape, type Session } from 'neo4j-driver';
import { AppError, ConflictError, QueryTimeoutError, ServiceUnavailableError } from '../errors';
import type { CypherQuery } from './cypher';

/** What the executor reports after every database call (for metrics and tests). */
export interface QueryEvent {
  name: string;
  mode: 'READ' | 'WRITE';
  durationMs: number;
  ok: boolean;
}

export interface ExecutorOptions {
  database: string;
  /** Transaction timeout applied to every call unless the call passes its own. */
  timeoutMs: number;
  /** How long a single-statement read is retried on retryable errors, as the driver retries transactions (NEO4J_MAX_RETRY_MS); default 3000. */
  maxRetryMs?: number;
  onQuery?: (event: QueryEvent) => void;
}

export interface CallOptions {
  timeoutMs?: number;
  /** Extra bookmarks to wait for, e.g. a write made through another API replica. */
  bookmarks?: string[];
}

export type Params = Record<string, unknown>;

/**
 * The only place the application talks to Neo4j. Reads run in read transactions
 * (routed to secondaries on a cluster), writes in write transactions with the
 * driver's retry of transient errors. Every transaction carries its query name
 * as metadata and a timeout. Driver errors are mapped to AppErrors
 * (SERVICE_UNAVAILABLE, QUERY_TIMEOUT, CONFLICT); anything else is rethrown and
 * masked by the error formatter.
 */
export class Executor {
  /**
   * Shared by every session this executor opens: each write's bookmark is
   * handed to the next transactions, so on a cluster a read that follows a
   * write (from any request to this process) sees it (read-your-writes).
   */
  readonly bookmarkManager: BookmarkManager = neo4j.bookmarkManager();

  constructor(
    private readonly driver: Driver,
    private readonly options: ExecutorOptions,
  ) {}

  /**
   * Runs one read query and returns its records as plain objects. One statement
   * needs no explicit transaction: it runs as an auto-commit read, one message
   * exchange (RUN and PULL) instead of three (BEGIN, RUN and PULL, COMMIT), and
   * is retried like a managed transaction while the driver marks the error
   * retryable (a restarting server, a cluster leader change), for at most
   * `maxRetryMs`.
   */
  read<T extends RecordShape = RecordShape>(query: CypherQuery, params: Params = {}, call: CallOptions = {}): Promise<T[]> {
    const txConfig = this.txConfig(query.name, call);
    const giveUpAt = performance.now() + (this.options.maxRetryMs ?? 3_000);
    return this.measured('READ', query.name, call, async (session) => {
      for (let attempt = 1; ; attempt++) {
        try {
          const result = await session.run<T>(query.text, toCypherValue(params) as Params, txConfig);
          return result.records.map((record) => record.toObject());
        } catch (error) {
          const delay = Math.min(1_000, 100 * 2 ** attempt);
          if (!isRetryable(error) || performance.now() + delay > giveUpAt) throw error;
          await new Promise((resolve) => setTimeout(resolve, delay));
        }
      }
    });
  }

  /** Runs one write query in its own transaction and returns its records. */
  write<T extends RecordShape = RecordShape>(query: CypherQuery, params: Params = {}, call: CallOptions = {}): Promise<T[]> {
    return this.writeTransaction(query.name, (tx) => run<T>(tx, query, params), call);
  }

  /**
   * Runs one read query and hands its records to `onRecord` one at a time, in
   * order, as the server sends them; returns how many there were. The driver
   * pulls the next batch only while fewer than a batch are waiting, and each
   * `onRecord` is awaited, so a slow consumer slows the query instead of
   * buffering its answer. Runs in an explicit read transaction that is never
   * retried (records already handed over cannot be taken back). If `onRecord`
   * throws, the transaction is rolled back and the error rethrown as it is.
   */
  async stream<T extends RecordShape = RecordShape>(
    query: CypherQuery,
    params: Params,
    onRecord: (record: T) => void | Promise<void>,
    call: CallOptions = {},
  ): Promise<number> {
    return this.measured('READ', query.name, call, async (session) => {
      const tx = await session.beginTransaction(this.txConfig(query.name, call));
      try {
        let count = 0;
        for await (const record of tx.run<T>(query.text, toCypherValue(params) as Params)) {
          await onRecord(record.toObject());
          count += 1;
        }
        await tx.commit();
        return count;
      } finally {
        if (tx.isOpen()) await tx.rollback().catch(() => undefined);
      }
    });
  }

  /** Several reads in one read transaction (one round trip per statement, one consistent view). */
  readTransaction<T>(name: string, work: (tx: ManagedTransaction) => Promise<T>, call: CallOptions = {}): Promise<T> {
    return this.execute('READ', name, work, call);
  }

  /**
   * Several writes in one transaction: all commit or none does. `work` may be
   * retried on transient errors, so it must not have side effects outside the
   * transaction.
   */
  writeTransaction<T>(name: string, work: (tx: ManagedTransaction) => Promise<T>, call: CallOptions = {}): Promise<T> {
    return this.execute('WRITE', name, work, call);
  }

  private execute<T>(
    mode: 'READ' | 'WRITE',
    name: string,
    work: (tx: ManagedTransaction) => Promise<T>,
    call: CallOptions,
  ): Promise<T> {
    const txConfig = this.txConfig(name, call);
    return this.measured(mode, name, call, (session) => {
      pipelineBegin(session);
      return mode === 'READ' ? session.executeRead(work, txConfig) : session.executeWrite(work, txConfig);
    });
  }

  /** Opens a session for `body`, closes it, maps driver errors and reports the call to onQuery. */
  private async measured<T>(mode: 'READ' | 'WRITE', name: string, call: CallOptions, body: (session: Session) => Promise<T>): Promise<T> {
    const started = performance.now();
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarks: call.bookmarks,
      bookmarkManager: this.bookmarkManager,
    });
    let ok = false;
    try {
      const result = await body(session);
      ok = true;
      return result;
    } catch (error) {
      throw mapDriverError(error);
    } finally {
      await session.close().catch(() => undefined);
      this.options.onQuery?.({ name, mode, durationMs: performance.now() - started, ok });
    }
  }

  private txConfig(name: string, call: CallOptions) {
    return { timeout: call.timeoutMs ?? this.options.timeoutMs, metadata: { app: 'regen-graph', query: name } };
  }
}

/**
 * Runs one statement inside a transaction the executor opened and returns its
 * records as plain objects. Use it inside readTransaction/writeTransaction work.
 */
export async function run<T extends RecordShape = RecordShape>(tx: ManagedTransaction, query: CypherQuery, params: Params = {}): Promise<T[]> {
  const result = await tx.run<T>(query.text, toCypherValue(params) as Params);
  return result.records.map((record) => record.toObject());
}

/**
 * JavaScript numbers reach Cypher as floats; integers are sent as Cypher
 * integers instead, so LIMIT accepts them and stored counts stay integers.
 */
export function toCypherValue(value: unknown): unknown {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? neo4j.int(value) : value;
  if (Array.isArray(value)) return value.map(toCypherValue);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toCypherValue(v)]));
  }
  return value;
}

/** The driver's telemetry code of a managed transaction (executeRead, executeWrite). */
const MANAGED_TRANSACTION = 0;

/**
 * Makes the session's managed transactions send BEGIN with their first statement
 * instead of waiting for BEGIN's answer first: one round trip fewer per
 * transaction (at 10 connections on two cores each round trip cost about a third
 * of a one-statement write's time). The driver does this for its own
 * executeQuery through this method; a driver without it keeps the extra round
 * trip. A failed BEGIN fails the first statement, and the transaction is retried
 * or refused as before.
 */
function pipelineBegin(session: Session): void {
  const configure = (session as unknown as { _configureTransactionExecutor?: (pipelined: boolean, telemetryApi: number) => void })._configureTransactionExecutor;
  if (typeof configure === 'function') configure.call(session, true, MANAGED_TRANSACTION);
}

/** Whether the driver says the statement may succeed if run again. */
function isRetryable(error: unknown): boolean {
  return error instanceof Neo4jError && (error.retryable || error.code === 'ServiceUnavailable' || error.code === 'SessionExpired');
}

const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);

/** Maps a driver error to the AppError a client should see; unknown errors pass through unchanged. */
export function mapDriverError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  if (error instanceof Neo4jError) {
    const code = error.code ?? '';
    if (UNAVAILABLE.has(code) || /acquisition timed out|Connection was closed|ECONNREFUSED/i.test(error.message)) {
      return new ServiceUnavailableError();
    }
    if (code.includes('TransactionTimedOut') || code.endsWith('Transaction.TransactionTimedOutClientConfiguration')) {
      return new QueryTimeoutError();
    }
    if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
      return new ConflictError('The change conflicts with an existing record');
    }
  }
  return error;
}
