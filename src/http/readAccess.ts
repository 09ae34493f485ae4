import type { ApolloServerPlugin } from '@apollo/server';
import type { Request } from 'express';
import { Kind, type SelectionSetNode } from 'graphql';
import { authenticate, type TokenVerifier } from '../auth';
import type { Context } from '../modules/context';
import { UnauthenticatedError } from '../errors';
import { toGraphQLError } from './errorFormatter';

function onlyIntrospection(selectionSet: SelectionSetNode): boolean {
  return selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value.startsWith('__'));
}

/**
 * With READS_REQUIRE_TOKEN: every operation needs an authenticated user, except
 * one that asks only for introspection (__schema, __type, __typename), so IDEs
 * and code generators keep working. The refusal is UNAUTHENTICATED with HTTP 401.
 */
export function readAccessPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          if (!contextValue.user && !(operation && onlyIntrospection(operation.selectionSet))) throw toGraphQLError(new UnauthenticatedError());
        },
      };
    },
  };
}

/**
 * Whether a request may be answered from the HTTP cache (a 304): always when
 * reads are open; with READS_REQUIRE_TOKEN only when it carries a valid token,
 * so a request without one goes on to be refused rather than learn the ETag.
 */
export function mayRevalidate(auth: TokenVerifier | undefined, readsRequireToken: boolean): (req: Request) => Promise<boolean> {
  if (!readsRequireToken) return async () => true;
  return (req) => authenticate(auth, req.headers.authorization).then(
    (user) => user !== null,
    () => false,
  );
}
