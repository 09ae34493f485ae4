import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { pinoHttp } from 'pino-http';
import type { Config } from './config';
import { createContext, type AppDeps, type Context } from './context';
import { createErrorFormatter } from './errors';
import { fetchServerInfo } from './modules/about/repository';
import { resolvers, typeDefs } from './schema';

export interface ServerDeps extends AppDeps {
  config: Pick<Config, 'NODE_ENV'>;
}

export interface AppServer {
  /** The HTTP server, not yet listening. */
  httpServer: http.Server;
  /** Stops accepting requests, drains those in flight, then resolves. */
  stop(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Builds the HTTP server: GET /health, GET /ready and the GraphQL endpoint at
 * /graphql. It does not listen (tests and main.ts call listen) and it does not
 * own the driver (the caller closes it after stop()).
 */
export async function createServer(deps: ServerDeps): Promise<AppServer> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const development = deps.config.NODE_ENV === 'development';

  const apollo = new ApolloServer<Context>({
    typeDefs,
    resolvers,
    formatError: createErrorFormatter(development),
    includeStacktraceInErrorResponses: false,
    introspection: true,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();

  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/health' },
    }),
  );

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
  });

  app.get('/ready', async (_req, res) => {
    try {
      const info = await fetchServerInfo(deps.executor, 2_000);
      res.json({ status: 'ready', neo4j: { version: info.version, edition: info.edition } });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'Neo4j cannot be reached' });
    }
  });

  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => createContext(deps, { requestId: String(req.id), authorization: req.headers.authorization }),
    }),
  );

  return {
    httpServer,
    stop: () => apollo.stop(),
  };
}
