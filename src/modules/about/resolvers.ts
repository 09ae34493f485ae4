import type { Resolvers } from '../../generated/graphql';
import { fetchServerInfo } from './repository';

export const aboutResolvers: Resolvers = {
  Query: {
    about: async (_root, _args, ctx) => {
      const info = await fetchServerInfo(ctx.executor);
      return { version: ctx.version, neo4jVersion: info.version, neo4jEdition: info.edition };
    },
  },
};
