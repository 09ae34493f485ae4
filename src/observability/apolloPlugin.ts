import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { Context } from '../modules/context';
import type { Logger } from '../logger';
import type { Metrics } from './metrics';

/** Codes that point at the server or the database rather than at the client; logged at warn. */
const SERVER_SIDE = new Set(['INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE', 'QUERY_TIMEOUT']);

function responseErrors(ctx: GraphQLRequestContext<Context>): readonly GraphQLFormattedError[] {
  const body = ctx.response.body;
  if (!body) return [];
  if (body.kind === 'single') return body.singleResult.errors ?? [];
  return body.initialResult.errors ?? [];
}

/**
 * Records graphql_requests_total / graphql_request_duration_seconds and logs one
 * structured line per GraphQL operation: requestId, operationName, durationMs,
 * outcome and error codes. Variables, the query text and headers are never logged.
 */
export function observabilityPlugin(metrics: Metrics, fallbackLogger: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse(ctx) {
          const durationMs = performance.now() - started;
          const codes = [
            ...new Set(responseErrors(ctx).map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'))),
          ];
          const outcome = codes[0] ?? 'ok';
          const operationName = ctx.operationName ?? ctx.request.operationName ?? null;
          metrics.observeRequest({ operationName, outcome, durationMs });
          const logger = ctx.contextValue?.logger ?? fallbackLogger;
          const line = {
            requestId: ctx.contextValue?.requestId,
            operationName: metrics.operationLabel(operationName),
            operationType: ctx.operation?.operation,
            durationMs: Math.round(durationMs * 10) / 10,
            outcome,
            ...(codes.length ? { errorCodes: codes } : {}),
          };
          if (codes.some((c) => SERVER_SIDE.has(c))) logger.warn(line, 'graphql operation failed');
          else logger.info(line, 'graphql operation');
        },
      };
    },
  };
}
