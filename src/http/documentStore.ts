import type { ApolloServerOptions } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';

type DocumentStore = NonNullable<ApolloServerOptions<never>['documentStore']>;

/**
 * Heap bytes a parsed document takes per character of its source (measured with
 * graphql 16: an 183-character query parses to about 11.7 KB).
 */
const HEAP_BYTES_PER_SOURCE_CHAR = 64;

/**
 * Apollo's cache of parsed and validated documents, bounded by an estimate of
 * their heap bytes. Apollo's default bounds the documents' JSON length at 30 MiB,
 * which is about 4.6 times less than the heap they hold (≈ 140 MB), so a stream
 * of distinct documents (each analyst's hand-written query, or one with a
 * comment that differs) grew the process past its memory budget.
 */
export function boundedDocumentStore(maxBytes: number): DocumentStore {
  const documents = new LRUCache<string, DocumentNode>({
    maxSize: maxBytes,
    sizeCalculation: (document) => Math.max(1, (document.loc?.end ?? 256) * HEAP_BYTES_PER_SOURCE_CHAR),
  });
  return {
    get: async (key) => documents.get(key),
    set: async (key, value) => {
      documents.set(key, value);
    },
    delete: async (key) => documents.delete(key),
  };
}
