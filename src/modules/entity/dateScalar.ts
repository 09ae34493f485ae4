import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import type { Resolvers } from '../../generated/graphql';
import { partialDate } from '../../validation';

function parseDate(value: unknown): string {
  const parsed = partialDate.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new GraphQLError(`Date must be text as YYYY-MM-DD, YYYY-MM or YYYY (got ${JSON.stringify(value)?.slice(0, 40)})`, { extensions: { code: 'BAD_USER_INPUT' } });
}

/**
 * The Date scalar: inputs (variables and literals) must be stated dates, so a
 * number or a free-text "next year" is refused where it is given instead of
 * matching nothing; outputs pass as stored.
 */
export const DATE_SCALAR = new GraphQLScalarType({
  name: 'Date',
  serialize: (value) => value,
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : ast.kind === Kind.INT ? Number(ast.value) : undefined),
});

export const dateScalarResolvers: Resolvers = { Date: DATE_SCALAR };
