import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLFormattedError } from 'graphql';

/** Limits that keep one request from saturating the API or the database. */
export interface QueryLimits {
  /** Deepest selection nesting allowed. */
  maxDepth: number;
  /** Highest graphql-armor cost (objects 2, scalars 1, multiplied by depth). */
  maxCost: number;
  /** Most aliases in one document. */
  maxAliases: number;
  /** Most lexical tokens in one document. */
  maxTokens: number;
  /** Most directives in one document. */
  maxDirectives: number;
  /** Hide "Did you mean …" field suggestions (schema probing) outside development. */
  blockFieldSuggestions: boolean;
}

/**
 * graphql-armor's Apollo plugins and validation rules for the given limits.
 * A document over a limit is refused before any resolver runs.
 */
export function queryProtection(limits: QueryLimits) {
  return new ApolloArmor({
    maxDepth: { n: limits.maxDepth, flattenFragments: true },
    costLimit: { maxCost: limits.maxCost },
    maxAliases: { n: limits.maxAliases },
    maxTokens: { n: limits.maxTokens },
    maxDirectives: { n: limits.maxDirectives },
    blockFieldSuggestion: { enabled: limits.blockFieldSuggestions },
  }).protect();
}

const ARMOR_MESSAGES: [RegExp, string][] = [
  [/Query depth limit of (\d+) exceeded/i, 'maxDepth'],
  [/Query Cost limit of (\d+) exceeded/i, 'maxCost'],
  [/Aliases limit of (\d+) exceeded/i, 'maxAliases'],
  [/Token limit of (\d+) exceeded/i, 'maxTokens'],
  [/Directives limit of (\d+) exceeded/i, 'maxDirectives'],
];

/**
 * Recognises graphql-armor's refusals so they can be answered as LIMIT_EXCEEDED
 * naming the limit and its value; null for any other error.
 */
export function limitHit(error: GraphQLFormattedError): { limit: string; max: number } | null {
  for (const [pattern, limit] of ARMOR_MESSAGES) {
    const match = pattern.exec(error.message);
    if (match) return { limit, max: Number(match[1]) };
  }
  return null;
}
