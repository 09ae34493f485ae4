import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type SelectionSetNode } from 'graphql';
import type { Context } from '../modules/context';
import { UnauthenticatedError } from '../errors';

function onlyIntrospection(selectionSet: SelectionSetNode): boolean {
  return selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value.startsWith('__'));
}

/**
 * With READS_REQUIRE_TOKEN: every operation needs an authenticated user, except
 * one that asks only for introspection (__schema, __type, __typename), so IDEs
 * and code generators keep working.
 */
export function readAccessPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          if (!contextValue.user && !(operation && onlyIntrospection(operation.selectionSet))) throw new UnauthenticatedError();
        },
      };
    },
  };
}
