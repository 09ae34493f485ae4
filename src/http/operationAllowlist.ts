import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import type { ApolloServerPlugin } from '@apollo/server';
import { AppError, ErrorCode } from '../errors';

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
 * is refused with FORBIDDEN_OPERATION before parsing. Introspection is part of
 * what must be listed, if wanted.
 */
export function operationAllowlistPlugin(allowed: Set<string>): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveSource({ source }) {
          if (!allowed.has(documentHash(source))) {
            throw new AppError('This operation is not on the allow-list of this server', ErrorCode.FORBIDDEN_OPERATION);
          }
        },
      };
    },
  };
}
