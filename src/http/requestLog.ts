import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../logger';

declare module 'http' {
  interface IncomingMessage {
    /** This request's id: the client's valid X-Request-Id, or a new UUID. Set by requestLogging. */
    id: string;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every request an id (the client's X-Request-Id when it is a plain token
 * of at most 128 characters, else a new UUID), echoes it in X-Request-Id, and
 * logs one line when the response is finished: `request completed` at info, or
 * `request failed` at error for a 5xx, with method, path, status and duration.
 * Paths in `quiet` (health probes, metrics scrapes) are not logged. Nothing is
 * built for the log line unless its level is enabled: this runs on every request.
 */
export function requestLogging(logger: Logger, quiet: readonly string[]): RequestHandler {
  return (req, res, next) => {
    const given = req.headers['x-request-id'];
    req.id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', req.id);
    if (!quiet.includes(req.path) && (logger.isLevelEnabled('info') || logger.isLevelEnabled('error'))) {
      const started = performance.now();
      res.once('finish', () => {
        const failed = res.statusCode >= 500;
        if (!logger.isLevelEnabled(failed ? 'error' : 'info')) return;
        const line = { requestId: req.id, method: req.method, path: req.originalUrl, status: res.statusCode, durationMs: Math.round(performance.now() - started) };
        if (failed) logger.error(line, 'request failed');
        else logger.info(line, 'request completed');
      });
    }
    next();
  };
}
