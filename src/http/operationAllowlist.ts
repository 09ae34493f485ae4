import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import type { ApolloServerPlugin } from '@apollo/server';
import { AppError, ErrorCode } from '../errors';
import { toGraphQLError } from './errorFormatter';

/** sha256 of a GraphQL document, hex: how allow-listed operations are named. */
export function documentHash(query: string): string {
  return createHash('sha256').update(query).digest('hex');
}

/**
 * Reads an allow-list file: a JSON array of GraphQL documents, or an object
 * mapping names to documents (e.g. the operations of a dashboard).
 */
export function readAllowlist(file: string): Set<string> {
  const data: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  const documents = Array.isArray(data) ? data : Object.values(data as Record<string, unknown>);
  if (!documents.every((d): d is string => typeof d === 'string')) {
    throw new Error(`${file}: every entry must be a GraphQL document string`);
  }
  return new Set(documents.map(documentHash));
}

/**
 * For production dashboards: only documents in the allow-list run; anything else
 * is refused with 403 FORBIDDEN_OPERATION before it runs. Introspection is part of
 * what must be listed, if wanted.
 */
export function operationAllowlistPlugin(allowed: Set<string>): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        // Refused here, not in didResolveSource: Apollo answers an error from that hook as a 500
        // whatever it says. Parsing and validation before this point are bounded by the limits.
        async didResolveOperation({ source }) {
          if (!allowed.has(documentHash(source))) {
            throw toGraphQLError(new AppError('This operation is not on the allow-list of this server', ErrorCode.FORBIDDEN_OPERATION));
          }
        },
      };
    },
  };
}
