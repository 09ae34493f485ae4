import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import type { Request, RequestHandler, Response } from 'express';
import { LRUCache } from 'lru-cache';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { AuthUser } from '../auth';
import type { Context } from '../modules/context';
import { dependsOnGraphAlone } from './versionedFields';

/**
 * Whole answers kept on the server, keyed by what they depend on: the request
 * (GraphQL document and variables, or an export's URL), the caller's visibility
 * (a reader with no token, or the roles of a signed-in one: an editor sees more)
 * and the graph version read from Neo4j (src/http/httpCache.ts GraphVersion
 * `fresh`: a read that starts after the request arrived). Any applied write adds
 * a Change (and counts), so it changes the version: an answer cached before it is
 * never served after it, by this process or by another API instance on the same
 * database, each with its own cache. Bounded in bytes (RESULT_CACHE_MAX_MB: the
 * serialized answer's UTF-8 bytes, the key's and a fixed overhead per entry),
 * least recently used evicted first; hits,
 * misses, evictions and bytes in /metrics (result_cache_*).
 */
/** Bytes an entry costs beyond its answer and key, an estimate: the Buffer and ArrayBuffer objects and the LRU's node and map slot. */
export const ENTRY_OVERHEAD_BYTES = 160;

export class ResultCache {
  private readonly lru: LRUCache<string, Buffer>;
  private readonly counters: { hits: Counter<'kind'>; misses: Counter<'kind'>; evictions: Counter };
  /** Largest single answer kept: an eighth of the bound, so one export cannot flush everything else. */
  readonly maxEntryBytes: number;

  constructor(
    readonly maxBytes: number,
    registry?: Registry,
  ) {
    this.maxEntryBytes = Math.floor(maxBytes / 8);
    this.lru = new LRUCache({
      maxSize: Math.max(1, maxBytes),
      // What an entry holds: the answer's UTF-8 bytes (its serialized JSON, kept as a Buffer of its own),
      // the key's bytes and ENTRY_OVERHEAD_BYTES for the Buffer, its ArrayBuffer and the LRU's bookkeeping.
      sizeCalculation: (value, key) => value.length + Buffer.byteLength(key) + ENTRY_OVERHEAD_BYTES,
      dispose: (_value, _key, reason) => {
        if (reason === 'evict') this.counters.evictions.inc();
      },
    });
    const registers = registry ? [registry] : [];
    this.counters = {
      hits: new Counter({ name: 'result_cache_hits_total', help: 'Answers served from the result cache, by kind (graphql, export, feed).', labelNames: ['kind'] as const, registers }),
      misses: new Counter({ name: 'result_cache_misses_total', help: 'Cacheable requests computed because no answer was kept for their key and graph version.', labelNames: ['kind'] as const, registers }),
      evictions: new Counter({ name: 'result_cache_evictions_total', help: 'Answers evicted, least recently used first, to stay within RESULT_CACHE_MAX_MB.', registers }),
    };
    const lru = this.lru;
    new Gauge({ name: 'result_cache_bytes', help: 'Bytes of answers kept in the result cache.', registers, collect() { this.set(lru.calculatedSize); } });
    new Gauge({ name: 'result_cache_entries', help: 'Answers kept in the result cache.', registers, collect() { this.set(lru.size); } });
    new Gauge({ name: 'result_cache_max_bytes', help: 'The result cache bound (RESULT_CACHE_MAX_MB).', registers, collect() { this.set(maxBytes); } });
  }

  /** Answers being computed, by key: a request for the same key waits for it (undefined: it failed, compute again). */
  readonly computing = new Map<string, Promise<string | undefined>>();

  get enabled(): boolean {
    return this.maxBytes > 0;
  }

  /** The key of an answer: its kind, the request, the caller's visibility and the graph version. */
  static key(kind: 'graphql' | 'export' | 'feed', request: unknown, visibility: string, version: string): string {
    return createHash('sha256').update(JSON.stringify([kind, request, visibility, version])).digest('base64url');
  }

  /** The kept answer for `key`, counting a hit or a miss. */
  get(kind: 'graphql' | 'export' | 'feed', key: string): string | undefined {
    const found = this.lru.get(key)?.toString('utf8');
    (found === undefined ? this.counters.misses : this.counters.hits).inc({ kind });
    return found;
  }

  /** Keeps an answer, unless it is larger than maxEntryBytes. */
  set(key: string, body: string): void {
    if (!this.enabled) return;
    const length = Buffer.byteLength(body, 'utf8');
    if (length > this.maxEntryBytes) return;
    // Not Buffer.from: below 4 KiB it cuts the answer from a shared 8 KiB slab, and a kept slice would pin the whole slab.
    const bytes = Buffer.allocUnsafeSlow(length);
    bytes.write(body, 'utf8');
    this.lru.set(key, bytes);
  }
}

/** What a caller may see: anonymous, or the sorted roles of its token or session (answers differ by role, e.g. a note's text). */
export function visibilityOf(user: AuthUser | null | undefined): string {
  return user ? `roles:${[...user.roles].sort().join(',')}` : 'anonymous';
}

/**
 * Apollo plugin: a query whose every field depends on the graph alone
 * (src/http/versionedFields.ts: lists, aggregates, statistics, entities and
 * what they reach, history included) is answered from the cache when its document, variables, reader's
 * language, caller's visibility and the graph's fresh version match a kept answer; otherwise it
 * runs and its answer, when free of errors, is kept. Runs after the read-access
 * check (didResolveOperation), so a refused caller never reaches it.
 */
export function resultCachePlugin(cache: ResultCache, version: { fresh(): Promise<string> }): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let key: string | null = null;
      let finish: ((body: string | undefined) => void) | undefined;
      return {
        async responseForOperation({ document, operation, request, contextValue, schema }): Promise<GraphQLResponse | null> {
          if (!cache.enabled || !dependsOnGraphAlone(schema, document, operation, request.variables)) return null;
          let current: string;
          try {
            current = await version.fresh();
          } catch {
            return null;
          }
          // The reader's language is part of the question: display names answer in it.
          key = ResultCache.key('graphql', [request.query, request.operationName ?? null, request.variables ?? {}, contextValue.language], visibilityOf(contextValue.user), current);
          let kept = cache.get('graphql', key);
          // The same question at the same version already being computed: wait for that answer instead of computing it again.
          if (kept === undefined && cache.computing.has(key)) kept = await cache.computing.get(key);
          if (kept === undefined) {
            let settle!: (body: string | undefined) => void;
            cache.computing.set(key, new Promise((resolve) => (settle = resolve)));
            finish = (body) => {
              cache.computing.delete(key!);
              settle(body);
            };
            return null;
          }
          key = null;
          return { body: { kind: 'single', singleResult: JSON.parse(kept) as never }, http: { status: undefined, headers: new HeaderMap() } };
        },
        async willSendResponse({ response }) {
          if (!key) return;
          const body = response.body.kind === 'single' && !response.body.singleResult.errors ? JSON.stringify(response.body.singleResult) : undefined;
          if (body !== undefined) cache.set(key, body);
          finish?.(body);
        },
      };
    },
  };
}

/** Response headers an export's kept answer carries again. */
const KEPT_HEADERS = ['content-type', 'x-aggregate-total-count', 'x-aggregate-truncated'];

/**
 * Express middleware for the exports (GET): the answer kept for this URL, the
 * caller's visibility (`visibility`: null when the request may not be served
 * from the cache, e.g. no token while reads require one) and the fresh graph
 * version is sent as it was; otherwise the export runs and a complete 200
 * answer no larger than maxEntryBytes is kept as it streams out.
 */
export function resultCacheMiddleware(cache: ResultCache, version: { fresh(): Promise<string> }, visibility: (req: Request) => Promise<string | null>): RequestHandler {
  return async (req, res, next) => {
    if (!cache.enabled || req.method !== 'GET') return next();
    let key: string;
    try {
      const seen = await visibility(req);
      if (seen === null) return next();
      key = ResultCache.key('export', req.originalUrl, seen, await version.fresh());
    } catch {
      return next();
    }
    const kept = cache.get('export', key);
    if (kept !== undefined) {
      const { headers, body } = JSON.parse(kept) as { headers: Record<string, string>; body: string };
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      res.status(200).send(body);
      return;
    }
    const chunks: string[] = [];
    let bytes = 0;
    let tooLarge = false;
    const capture = (chunk: unknown, encoding?: unknown) => {
      if (tooLarge || chunk === undefined || chunk === null || typeof chunk === 'function') return;
      const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString(typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8') : String(chunk);
      bytes += Buffer.byteLength(text);
      if (bytes > cache.maxEntryBytes) {
        tooLarge = true;
        chunks.length = 0;
      } else chunks.push(text);
    };
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      capture(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      capture(chunk, rest[0]);
      if (!tooLarge && res.statusCode === 200) {
        const headers = Object.fromEntries(KEPT_HEADERS.flatMap((name) => (res.getHeader(name) === undefined ? [] : [[name, String(res.getHeader(name))]])));
        // An export cut short by an error ends without its final chunk; only a finished one is kept.
        res.once('finish', () => cache.set(key, JSON.stringify({ headers, body: chunks.join('') })));
      }
      return end(chunk, ...rest);
    }) as typeof res.end;
    next();
  };
}
