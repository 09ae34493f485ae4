import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Request, RequestHandler, Response } from 'express';
import { cypherQuery } from '../db/cypher';
import { negotiateLanguage, type Language } from '../domain/language';
import type { Executor } from '../db/executor';

/**
 * The graph's version for HTTP caching: a hash of the node and relationship
 * counts and the newest (:Change), read at most once per `ttlMs` (concurrent
 * callers share one read). A write through this process calls invalidate(), so
 * its own next read sees the new version at once; writes through another
 * replica show within `ttlMs`.
 */
export class GraphVersion {
  private cached: { value: string; at: number } | null = null;
  private reading: Promise<string> | null = null;

  constructor(
    private readonly executor: Executor,
    private readonly ttlMs = 1_000,
  ) {}

  /** The current version; rejects when Neo4j cannot be read. */
  current(): Promise<string> {
    if (this.cached && performance.now() - this.cached.at < this.ttlMs) return Promise.resolve(this.cached.value);
    this.reading ??= this.read().finally(() => (this.reading = null));
    return this.reading;
  }

  /** Forgets the cached version (after a write). */
  invalidate(): void {
    this.cached = null;
  }

  private async read(): Promise<string> {
    const started = performance.now();
    const [row] = await this.executor.read(cypherQuery('httpCache/graphVersion'), {}, { timeoutMs: 2_000 });
    const value = createHash('sha256').update(JSON.stringify(row ?? {})).digest('base64url').slice(0, 16);
    if (this.cached?.at === undefined || this.cached.at < started) this.cached = { value, at: started };
    return value;
  }
}

export interface HttpCacheSettings {
  version: GraphVersion;
  /** HTTP_CACHE_MAX_AGE_SECONDS. */
  maxAgeSeconds: number;
  /** READS_REQUIRE_TOKEN: answers are `private` (no shared cache may keep them). */
  isPrivate: boolean;
}

/**
 * A weak ETag of the graph version, the request's path and query string
 * (`/graphql?query=…`, `/export/x.csv?filter=…`) and the language the answer is
 * in (negotiated from Accept-Language, which responses name in Vary): the same
 * URL read in Japanese is another representation.
 */
export function etagOf(version: string, url: string, language: Language = 'en'): string {
  return `W/"${createHash('sha256').update(`${version}\n${url}\n${language}`).digest('base64url').slice(0, 27)}"`;
}

const cacheControl = (settings: HttpCacheSettings) => `${settings.isPrivate ? 'private' : 'public'}, max-age=${settings.maxAgeSeconds}`;

/** True when an If-None-Match header lists `etag` (or is `*`), compared weakly. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

/** Marks a response as never to be stored (errors, POST, mutations). */
export function noStore(res: Response): void {
  res.setHeader('cache-control', 'no-store');
  res.removeHeader('etag');
}

/**
 * Express middleware for GET and HEAD: answers 304 with no body when
 * If-None-Match holds the ETag of the current graph version and this URL;
 * otherwise lets the request through. With `mark`, it also sets Cache-Control
 * and the ETag on the way (exports, whose error path calls noStore); without,
 * it sets no-store and leaves the final headers to the GraphQL plugin, which
 * knows whether the operation was a query that succeeded. Any other method gets
 * no-store. If the version cannot be read, or `mayRevalidate` says the request
 * may not read (no token while reads require one: src/http/readAccess.ts), the
 * request goes on uncached, to be answered or refused in full.
 */
export function conditionalGet(settings: HttpCacheSettings, options: { mark: boolean; mayRevalidate?: (req: Request) => Promise<boolean> }): RequestHandler {
  return async (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || (options.mayRevalidate && !(await options.mayRevalidate(req)))) {
      noStore(res);
      return next();
    }
    let etag: string;
    try {
      const url = new URL(req.originalUrl, 'http://localhost');
      etag = etagOf(await settings.version.current(), `${url.pathname.replace(/(.)\/+$/, '$1')}${url.search}`, negotiateLanguage(req.headers['accept-language']));
    } catch {
      noStore(res);
      return next();
    }
    if (matches(req.headers['if-none-match'], etag)) {
      res.setHeader('cache-control', cacheControl(settings));
      res.setHeader('etag', etag);
      res.status(304).end();
      return;
    }
    if (options.mark) {
      res.setHeader('cache-control', cacheControl(settings));
      res.setHeader('etag', etag);
    } else {
      noStore(res);
    }
    next();
  };
}

/**
 * Apollo plugin: a GET query answered without errors gets Cache-Control and the
 * ETag conditionalGet compares; everything else (POST, mutations, errors) gets
 * no-store. A mutation forgets the cached graph version so the next read's ETag
 * reflects it.
 */
export function httpCachePlugin(settings: HttpCacheSettings): ApolloServerPlugin {
  return {
    async requestDidStart({ request }) {
      const path = `/graphql${request.http?.search ?? ''}`;
      const version = request.http?.method === 'GET' ? settings.version.current().catch(() => null) : Promise.resolve(null);
      return {
        async willSendResponse({ operation, response }) {
          const vary = response.http.headers.get('vary');
          if (!vary?.toLowerCase().includes('accept-language')) response.http.headers.set('vary', vary ? `${vary}, Accept-Language` : 'Accept-Language');
          if (operation?.operation === 'mutation') settings.version.invalidate();
          const ok = response.body.kind === 'single' && !response.body.singleResult.errors && (response.http.status ?? 200) === 200;
          const current = await version;
          if (operation?.operation === 'query' && ok && current) {
            response.http.headers.set('cache-control', cacheControl(settings));
            response.http.headers.set('etag', etagOf(current, path, negotiateLanguage(request.http?.headers.get('accept-language'))));
          } else {
            response.http.headers.set('cache-control', 'no-store');
          }
        },
      };
    },
  };
}
