import gql from 'graphql-tag';
import type { Resolvers } from './generated/graphql';
import { schemaSdl } from './schemaFiles';
import { aboutResolvers } from './modules/about/resolvers';
import { aggregateResolvers } from './modules/aggregate/resolvers';
import { changesResolvers } from './modules/changes/resolvers';
import { curationResolvers } from './modules/curation/resolvers';
import { dateScalarResolvers } from './modules/entity/dateScalar';
import { entityResolvers } from './modules/entity/resolvers';
import { listResolvers } from './modules/list/resolvers';
import { pathsResolvers } from './modules/paths/resolvers';
import { provenanceResolvers } from './modules/provenance/resolvers';
import { searchResolvers } from './modules/search/resolvers';
import { statisticsResolvers } from './modules/statistics/resolvers';
import { mentionResolvers } from './modules/mentions/resolvers';

/** The served schema: schema.graphql (hand-written) and schema.generated.graphql (from the domain model), parsed once. */
export const typeDefs = gql(schemaSdl());

/** Every module's resolvers, merged. Modules never define the same field twice. */
export const resolvers: Resolvers[] = [aboutResolvers, aggregateResolvers, entityResolvers, listResolvers, searchResolvers, statisticsResolvers, pathsResolvers, curationResolvers, changesResolvers, provenanceResolvers, mentionResolvers, dateScalarResolvers];
