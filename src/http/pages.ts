import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';
import { PROJECT_ROOT } from '../projectRoot';

/** Where the built pages are: web/dist at the project root. */
export function findWebDist(): string {
  return join(PROJECT_ROOT, 'web', 'dist');
}

/**
 * Security headers for every answer, pages and API alike (helmet): a Content
 * Security Policy under which only the pages' own files run as scripts (no
 * inline script, no eval, no other origin), nothing may frame them
 * (frame-ancestors 'none', X-Frame-Options: DENY), no MIME sniffing, no
 * Referer. Styles may be inline: GraphiQL's editor (Monaco) and the explorer's
 * graph (cytoscape) write style elements and attributes at run time
 * (test/e2e/csp.test.ts sees hundreds of violations without it); a style
 * cannot run code. Images and
 * fonts may be data: URLs (the bundled CSS inlines its icons; exported PNGs)
 * and blob: URLs (downloads). No HSTS here: whoever terminates TLS sets it.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
  });
}

const PAGES: Record<string, string> = { overview: 'index.html', explore: 'explore.html', timeline: 'timeline.html', graphiql: 'graphiql.html', curateNew: 'curate-new.html', curateReview: 'curate-review.html' };

/** True for a browser navigation: it asks for HTML and prefers it to JSON. */
function wantsHtml(req: Request): boolean {
  const accept = req.headers.accept ?? '';
  return accept.includes('text/html') && req.accepts(['text/html', 'application/json']) === 'text/html';
}

/**
 * Serves the browser pages built by `npm run build:web`: GET / (overview),
 * GET /explore (explorer), GET /timeline (the timeline across entities), GET /curate/new and /curate/review (curation), GET /graphql from a browser (GraphiQL) and their
 * hashed assets under /assets. Everything else, including POST /graphql and
 * GET /graphql?query=…, falls through to the next handler (Apollo).
 */
export function webRouter(options: { distDir?: string } = {}): Router {
  const router = Router();
  const distDir = (): string => options.distDir ?? findWebDist();

  const sendPage = (page: string) => (_req: Request, res: Response) => {
    const file = join(distDir(), page);
    if (!existsSync(file)) {
      res.status(503).type('text/plain').set('cache-control', 'no-store').send('Web pages are not built: run npm run build:web\n');
      return;
    }
    res.sendFile(file, { headers: { 'cache-control': 'no-cache' }, lastModified: true, etag: true });
  };

  router.get('/', sendPage(PAGES.overview!));
  router.get(['/explore', '/explore/'], sendPage(PAGES.explore!));
  router.get(['/timeline', '/timeline/'], sendPage(PAGES.timeline!));
  // The curation workspace: the pages ask /auth/session who is signed in and show controls by role.
  router.get(['/curate/new', '/curate/new/'], sendPage(PAGES.curateNew!));
  router.get(['/curate/review', '/curate/review/'], sendPage(PAGES.curateReview!));
  router.get('/graphql', (req, res, next) => {
    if (req.query.query !== undefined || !wantsHtml(req)) return next();
    sendPage(PAGES.graphiql!)(req, res);
  });

  // Hashed file names: cache for a year, never revalidate.
  let assets: { dir: string; handler: ReturnType<typeof express.static> } | undefined;
  router.use('/assets', (req, res, next) => {
    const dir = join(distDir(), 'assets');
    if (assets?.dir !== dir) assets = { dir, handler: express.static(dir, { immutable: true, maxAge: '365d', index: false }) };
    assets.handler(req, res, next);
  });
  return router;
}
