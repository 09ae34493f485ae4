import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { RequestHandler } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { LimitExceededError } from '../errors';
import type { Logger } from '../logger';

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
 * graphql-armor's Apollo plugins and validation rules for the given limits, and
 * the parse options for Apollo's `parseOptions`. A document over a limit is
 * refused before any resolver runs. The token limit is graphql-js's own, counted
 * while Apollo parses: its refusal is a syntax error (HTTP 400), where armor's
 * token plugin throws from a hook Apollo answers with 500.
 */
export function queryProtection(limits: QueryLimits) {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, flattenFragments: true },
    costLimit: { maxCost: limits.maxCost },
    maxAliases: { n: limits.maxAliases },
    maxTokens: { enabled: false },
    maxDirectives: { n: limits.maxDirectives },
    blockFieldSuggestion: { enabled: limits.blockFieldSuggestions },
  }).protect();
  return { ...armor, parseOptions: { maxTokens: limits.maxTokens } };
}

// Anchored at the start: a message further on may quote a client's text.
const ARMOR_MESSAGES: [RegExp, string][] = [
  [/^(?:Syntax Error: )?Query depth limit of (\d+) exceeded/i, 'maxDepth'],
  [/^(?:Syntax Error: )?Query Cost limit of (\d+) exceeded/i, 'maxCost'],
  [/^(?:Syntax Error: )?Aliases limit of (\d+) exceeded/i, 'maxAliases'],
  // graphql-js's own wording (the parser counts tokens), typo included.
  [/^(?:Syntax Error: )?Document contains more th(?:at|an) (\d+) tokens/i, 'maxTokens'],
  [/^(?:Syntax Error: )?Directives limit of (\d+) exceeded/i, 'maxDirectives'],
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

/**
 * How deeply arrays and objects nest in JSON text, read without parsing it (so
 * without recursion): brackets inside strings do not count. Stops counting once
 * past `stopAbove`. Works on UTF-8 bytes as well as on a string: the brackets,
 * quotes and backslash are ASCII and never part of a multi-byte character.
 */
export function jsonDepth(text: string | Uint8Array, stopAbove = Infinity): number {
  const at = typeof text === 'string' ? (i: number) => text.charCodeAt(i) : (i: number) => text[i]!;
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = at(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > stopAbove) return deepest;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return deepest;
}

/**
 * Refuses JSON nested deeper than `maxDepth` before anything parses it: graphql-js
 * coerces variables recursively, and a few thousand levels overflow its stack.
 * `check(text)` throws LIMIT_EXCEEDED (`limit: "maxJsonDepth"`), logged as one
 * warning; pass it to express.json's `verify` for a body. `queryParameters`
 * checks the named query-string parameters of a request the same way.
 */
export function jsonDepthLimit(maxDepth: number, logger: Logger) {
  const check = (text: string | Uint8Array, requestId: unknown): void => {
    if (jsonDepth(text, maxDepth) <= maxDepth) return;
    logger.warn({ requestId, limit: 'maxJsonDepth', max: maxDepth }, 'refused JSON nested deeper than the limit');
    throw new LimitExceededError(`JSON nested deeper than ${maxDepth} levels is refused`, 'maxJsonDepth', maxDepth);
  };
  return {
    /** For express.json's `verify`: runs on the raw body before it is parsed. */
    verifyBody: (req: { id?: unknown }, _res: unknown, body: Buffer): void => check(body, req.id),
    /** Middleware checking the query-string parameters `names` that hold JSON (all of them without `names`). */
    queryParameters(names?: readonly string[]): RequestHandler {
      return (req, _res, next) => {
        try {
          for (const name of names ?? Object.keys(req.query)) {
            const value = req.query[name];
            for (const text of Array.isArray(value) ? value : [value]) if (typeof text === 'string') check(text, req.id);
          }
          next();
        } catch (error) {
          next(error);
        }
      };
    },
  };
}
