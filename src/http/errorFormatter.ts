import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AppError, ErrorCode, LimitExceededError } from '../errors';
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

/**
 * Apollo's formatError: refusals by the query limits become LIMIT_EXCEEDED
 * naming the limit; errors we raised and graphql-js validation errors pass as
 * they are; anything else becomes INTERNAL_SERVER_ERROR with a generic message
 * unless `exposeDetails` (development), and is handed to `logUnexpected` with its
 * stack. Stack traces never leave the server.
 */
export function createErrorFormatter(exposeDetails: boolean, logUnexpected: (error: unknown) => void = () => undefined) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    const code = String(formatted.extensions?.code ?? '');
    const ours = original instanceof AppError || (PASSTHROUGH_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR);
    const hit = limitHit(formatted);
    if (hit) {
      const refusal = new LimitExceededError(formatted.message, hit.limit, hit.max);
      return { message: refusal.message, locations: formatted.locations, extensions: refusal.extensions };
    }
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    if (ours) return { ...formatted, extensions };
    logUnexpected(error instanceof GraphQLError ? (error.originalError ?? error) : error);
    return {
      message: exposeDetails ? formatted.message : 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
