/** Every code this API answers with (a GraphQL error's `extensions.code`, Apollo-style), besides graphql-js's own validation codes. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  CONFLICT: 'CONFLICT',
  /** A new entity's name or alias closely matches an existing entity's (curation and seed entity resolution). */
  LIKELY_DUPLICATE: 'LIKELY_DUPLICATE',
  LIMIT_EXCEEDED: 'LIMIT_EXCEEDED',
  FORBIDDEN_OPERATION: 'FORBIDDEN_OPERATION',
  QUERY_TIMEOUT: 'QUERY_TIMEOUT',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * Base of the errors we raise on purpose, in any layer: a message a client may
 * read, a code, and details such as the argument at fault (`field`) or the limit
 * hit (`limit`, `max`). Nothing here knows GraphQL or HTTP: src/http/errorFormatter.ts
 * answers them as GraphQL errors with `extensions: { ...details, code }`.
 */
export class AppError extends Error {
  /** What a client may read besides the message and the code; never holds `code`. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    message: string,
    readonly code: ErrorCode,
    details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
    const { code: _code, ...rest } = details;
    this.details = rest;
  }
}

/** A request argument is wrong; `field` names it as a path such as "input.source.title". */
export class BadUserInputError extends AppError {
  constructor(message: string, field: string, extra: Record<string, unknown> = {}) {
    super(message, ErrorCode.BAD_USER_INPUT, { field, ...extra });
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id: string) {
    super(`${what} "${id}" does not exist`, ErrorCode.NOT_FOUND, { id });
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'A valid bearer token is required') {
    super(message, ErrorCode.UNAUTHENTICATED);
  }
}

export class ForbiddenError extends AppError {
  constructor(role: string) {
    super(`This operation needs the ${role} role`, ErrorCode.FORBIDDEN, { requiredRole: role });
  }
}

export class LimitExceededError extends AppError {
  constructor(message: string, limit: string, max: number) {
    super(message, ErrorCode.LIMIT_EXCEEDED, { limit, max });
  }
}

export class ServiceUnavailableError extends AppError {
  constructor() {
    super('The graph database is unavailable; try again shortly', ErrorCode.SERVICE_UNAVAILABLE);
  }
}

export class QueryTimeoutError extends AppError {
  constructor() {
    super('The query took longer than the allowed time; narrow it and try again', ErrorCode.QUERY_TIMEOUT);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(message, ErrorCode.CONFLICT);
  }
}
