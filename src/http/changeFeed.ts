import { Router, type Request, type RequestHandler } from 'express';
import { Feed } from 'feed';
import { authenticate, type TokenVerifier } from '../auth';
import type { Executor } from '../db/executor';
import { AppError, UnauthenticatedError } from '../errors';
import type { Logger } from '../logger';
import { parseChanges } from '../modules/changes/inputs';
import type { ChangeView } from '../modules/changes/records';
import { changesPage } from '../modules/changes/repository';
import { clientError, httpStatusOf } from './errorFormatter';
import { noStore } from './httpCache';
import { ResultCache } from './resultCache';

/** How many changes one feed document lists (the newest). */
const FEED_ENTRIES = 100;

export interface ChangeFeedOptions {
  executor: Executor;
  logger: Logger;
  auth?: TokenVerifier;
  /** READS_REQUIRE_TOKEN: the feed, like every read, needs a valid bearer token. */
  readsRequireToken: boolean;
  /** Middleware run first: rate limits, the graph-version ETag (conditionalGet with mark), read access. */
  before: RequestHandler[];
  /** Where documents are kept by ETag and URL (kind `feed`), so a feed polled at one graph version is read and written once; none: every request makes its document. */
  results?: ResultCache;
}

/** A comma-separated query parameter as a list; absent or empty: null. */
function list(value: unknown): string[] | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const one = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** The request's filters as `changes` takes them: since, until, entity, types and countries (comma-separated). Only applied changes. */
function filterOf(req: Request) {
  return parseChanges({
    since: one(req.query.since),
    until: one(req.query.until),
    entity: one(req.query.entity),
    types: list(req.query.types),
    countries: list(req.query.countries),
    status: ['APPROVED'],
    first: FEED_ENTRIES,
  });
}

function entryOf(change: ChangeView, base: string): Parameters<Feed['addItem']>[0] {
  const when = new Date(change.appliedAt ?? change.statusAt ?? change.at);
  const reviewed = change.reviewer ? `; reviewed by ${change.reviewer}` : '';
  return {
    title: change.summary || change.kind,
    id: `urn:uuid:${change.id}`,
    link: `${base}/graphql?query=${encodeURIComponent(`{ change(id: "${change.id}") { id summary note status author reviewer at revisions { targetId fields { field before after } } } }`)}`,
    date: when,
    published: new Date(change.at),
    description: `${change.note}${change.sourceId ? ` (source: ${change.sourceId})` : ''}`,
    content: `${change.kind} by ${change.subject}${reviewed}. Touched: ${change.targetIds.join(', ')}.`,
    author: [{ name: change.subject }],
    category: [{ term: change.kind }],
  };
}

/**
 * GET /feed.atom: the applied changes, newest first, as an Atom 1.0 feed (made
 * with the `feed` package), with the same filters as Query.changes as query
 * parameters: since, until, entity, types and countries (lists comma-separated),
 * e.g. /feed.atom?entity=metatech. The graph-version ETag and Cache-Control come
 * from the `before` middleware, so a reader polling an unchanged feed gets 304.
 * A bad parameter answers 400 with the GraphQL error's shape.
 */
export function changeFeedRouter(options: ChangeFeedOptions): Router {
  const router = Router();
  // Documents being made, by ETag and URL: the ETag names the graph version, the
  // path with its query and the language, so concurrent requests with one key get one
  // document from one page read (a feed reader's polls, a dashboard's many viewers).
  const inFlight = new Map<string, Promise<string>>();
  router.get('/feed.atom', ...options.before, async (req, res) => {
    try {
      const user = await authenticate(options.auth, req.headers.authorization);
      if (options.readsRequireToken && !user) throw new UnauthenticatedError();
      const filter = filterOf(req);
      const base = `${req.protocol}://${req.get('host') ?? 'localhost'}`;
      const etag = res.getHeader('etag');
      const key = typeof etag === 'string' ? `${etag} ${base}${req.originalUrl}` : null;
      // The ETag names the graph version: a kept document is never served after a write.
      const keptKey = key && options.results?.enabled ? ResultCache.key('feed', key, 'feed', '') : null;
      const kept = keptKey ? options.results!.get('feed', keptKey) : undefined;
      if (kept !== undefined) {
        res.type('application/atom+xml; charset=utf-8').send(kept);
        return;
      }
      let atom = key ? inFlight.get(key) : undefined;
      if (!atom) {
        atom = feedDocument(options.executor, filter, base, req.originalUrl);
        if (key) {
          inFlight.set(key, atom);
          const forget = () => inFlight.delete(key);
          atom.then((document) => {
            if (keptKey) options.results!.set(keptKey, document);
            forget();
          }, forget);
        }
      }
      res.type('application/atom+xml; charset=utf-8').send(await atom);
    } catch (error) {
      noStore(res);
      if (error instanceof AppError) {
        res.status(httpStatusOf(error.code)).json({ errors: [clientError(error)] });
        return;
      }
      options.logger.error({ err: error }, 'change feed failed');
      res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    }
  });
  return router;
}

/** The Atom document of the changes `filter` selects, its links under `base`, its id the request's URL. */
async function feedDocument(executor: Executor, filter: ReturnType<typeof filterOf>, base: string, originalUrl: string): Promise<string> {
  // The entries name each source by id: no source is read with the page.
  const page = await changesPage(executor, filter, false, false);
  const changes = page.edges.map((e) => e.node);
  const described = [filter.entity && `about ${filter.entity}`, filter.types && `of ${filter.types.join(', ')}`, filter.countries && `in ${filter.countries.join(', ')}`].filter(Boolean).join(' ');
  const feed = new Feed({
    title: `regen-graph: applied changes${described ? ` ${described}` : ''}`,
    description: 'Changes applied to the Taiwan–Japan regenerative-medicine knowledge graph, newest first, each with its author, reviewer and source.',
    id: `${base}${originalUrl}`,
    link: `${base}/`,
    updated: changes[0] ? new Date(changes[0].appliedAt ?? changes[0].statusAt ?? changes[0].at) : new Date(0),
    generator: 'regen-graph',
    copyright: 'See the cited sources.',
    feedLinks: { atom: `${base}${originalUrl}` },
  });
  for (const change of changes) feed.addItem(entryOf(change, base));
  return feed.atom1();
}
