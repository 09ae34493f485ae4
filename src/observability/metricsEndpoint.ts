import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Metrics } from './metrics';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * GET /metrics for a Prometheus scraper holding `token` (METRICS_TOKEN) as a
 * bearer token (`authorization: { credentials: … }` in its scrape config):
 * anything else gets 401 with a Bearer challenge and no metrics. The token is
 * compared in constant time.
 */
export function metricsEndpoint(metrics: Metrics, token: string): RequestHandler {
  const expected = digest(token);
  return async (req, res) => {
    const given = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    if (given === undefined || !timingSafeEqual(digest(given), expected)) {
      res.status(401).setHeader('www-authenticate', 'Bearer realm="metrics"').type('text/plain').send('A bearer token (METRICS_TOKEN) is required\n');
      return;
    }
    res.setHeader('content-type', metrics.contentType);
    res.setHeader('cache-control', 'no-store');
    res.send(await metrics.text());
  };
}
