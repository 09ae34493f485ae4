import type { ErrorRequestHandler } from 'express';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import { clientError, httpStatusOf } from './errorFormatter';

/**
 * Last express middleware: turns errors raised before GraphQL runs (a body that
 * is not JSON, too large, too deep, of an unsupported charset) into a
 * GraphQL-shaped JSON answer with a 4xx status; an AppError keeps its code and
 * details (as GraphQL answers them) and gets its code's status. Anything else is
 * a 500 with a generic message; the details go to the log only.
 */
export function httpErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    if (error instanceof AppError) {
      const status = httpStatusOf(error.code);
      if (status >= 500) logger.error({ err: error, requestId: req.id }, 'HTTP request failed');
      res.status(status).json({ errors: [clientError(error)] });
      return;
    }
    const { status, code, message } = classify(error as { type?: string; status?: number; limit?: number });
    if (status >= 500) logger.error({ err: error, requestId: req.id }, 'unhandled HTTP error');
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}

function classify(error: { type?: string; status?: number; limit?: number }): { status: number; code: string; message: string } {
  switch (error.type) {
    case 'entity.too.large':
      return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: `Request body is larger than the limit of ${error.limit} bytes` };
    case 'entity.parse.failed':
      return { status: 400, code: 'BAD_REQUEST', message: 'Request body is not valid JSON' };
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return { status: 415, code: 'BAD_REQUEST', message: 'Unsupported body encoding; send UTF-8 JSON' };
    default:
      if (error.status && error.status >= 400 && error.status < 500) {
        return { status: error.status, code: 'BAD_REQUEST', message: 'Bad request' };
      }
      return { status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' };
  }
}
