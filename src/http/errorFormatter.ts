import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AppError, ErrorCode } from '../errors';
import { teach } from './errorHints';
import { limitHit } from './limits';

const PASSTHROUGH_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

const HTTP_STATUS: Partial<Record<string, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.LIMIT_EXCEEDED]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.FORBIDDEN_OPERATION]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.LIKELY_DUPLICATE]: 409,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
  [ErrorCode.QUERY_TIMEOUT]: 504,
};

/** The HTTP status of a request refused, before it ran, with `code`; 500 for a code without one. */
export function httpStatusOf(code: string): number {
  return HTTP_STATUS[code] ?? 500;
}

/** What a client reads of an AppError: its message and `extensions: { ...details, code }`. */
export function clientError(error: AppError): { message: string; extensions: Record<string, unknown> } {
  return { message: error.message, extensions: { ...error.details, code: error.code } };
}

/**
 * An AppError as the GraphQL error Apollo answers when it is raised before the
 * operation runs (context creation, a plugin): the same extensions, and the
 * HTTP status of its code (UNAUTHENTICATED: 401). Apollo takes the status off
 * before the client sees the error.
 */
export function toGraphQLError(error: AppError): GraphQLError {
  return new GraphQLError(error.message, { originalError: error, extensions: { ...clientError(error).extensions, http: { status: httpStatusOf(error.code) } } });
}

/** The error at the bottom of graphql-js's and Apollo's wrapping. */
function originalOf(error: unknown): unknown {
  let inner = error;
  while (inner instanceof GraphQLError && inner.originalError) inner = inner.originalError;
  return inner;
}

/**
 * Apollo's formatError: AppErrors, from any layer, become `{ message, extensions:
 * { ...details, code } }`; refusals by the query limits become LIMIT_EXCEEDED
 * naming the limit; graphql-js and Apollo request errors (validation,
 * parsing) pass with a hint where `teach` knows one; anything else becomes INTERNAL_SERVER_ERROR with
 * the message "Internal server error" unless `exposeDetails`
 * (EXPOSE_ERROR_DETAILS), and is handed to `logUnexpected` with its stack.
 * Stack traces never leave the server, and formatting never throws: if it
 * fails, the client gets the masked error.
 */
export function createErrorFormatter(exposeDetails: boolean, logUnexpected: (error: unknown) => void = () => undefined) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const masked = { message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
    try {
      const original = originalOf(error);
      // AppErrors first: their messages may quote a client's text, which must not pass for a limit's refusal.
      if (original instanceof AppError) return { ...clientError(original), locations: formatted.locations, path: formatted.path };
      const hit = limitHit(formatted);
      if (hit) return { message: formatted.message, locations: formatted.locations, extensions: { code: ErrorCode.LIMIT_EXCEEDED, ...hit } };
      const code = String(formatted.extensions?.code ?? '');
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      if (PASSTHROUGH_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) return teach({ ...formatted, extensions });
      logUnexpected(original);
      return { ...masked, message: exposeDetails ? formatted.message : masked.message, locations: formatted.locations, path: formatted.path };
    } catch {
      return masked;
    }
  };
}
