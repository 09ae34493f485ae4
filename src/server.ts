import * as http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import cookieParser from 'cookie-parser';
import { rateLimit } from 'express-rate-limit';
import { configSchema, type Config } from './config';
import { createContext, type AppDeps, type Context } from './modules/context';
import { AppError } from './errors';
import { createErrorFormatter, toGraphQLError } from './http/errorFormatter';
import { httpErrorHandler } from './http/errorHandler';
import { changeFeedRouter } from './http/changeFeed';
import { exportRouter } from './http/listExport';
import { conditionalGet, GraphVersion, httpCachePlugin } from './http/httpCache';
import { jsonDepthLimit, queryProtection } from './http/limits';
import { operationAllowlistPlugin, readAllowlist } from './http/operationAllowlist';
import { mayRevalidate, readAccessPlugin } from './http/readAccess';
import { fetchServerInfo } from './modules/about/repository';
import { observabilityPlugin } from './observability/apolloPlugin';
import { createMetrics, type Metrics } from './observability/metrics';
import { metricsEndpoint } from './observability/metricsEndpoint';
import { resolvers, typeDefs } from './schema';
import { requestLogging } from './http/requestLog';
import { plannerWarmUpOperations, warmUpPlanner, WARM_UP_ANSWERS, type PlannerWarmUpResult } from './http/plannerWarmUp';
import { securityHeaders, webRouter } from './http/pages';
import { AccountStore } from './auth/accounts';
import { MentionIndex } from './modules/mentions/index';
import { graphqlMayChangeState, Sessions } from './auth/sessions';
import { signInRouter } from './http/signIn';
import { MaintainedAggregates } from './modules/aggregate/maintained';
import { AnchorChooser } from './modules/list/graphCounts';
import { ResultCache, resultCacheMiddleware, resultCachePlugin, visibilityOf } from './http/resultCache';
import { boundedDocumentStore } from './http/documentStore';
import { authenticate } from './auth';

export interface ServerDeps extends AppDeps {
  /** Settings; any not given take their defaults from src/config.ts. */
  config: Partial<Config>;
  /**
   * Registry served at GET /metrics (to the bearer of METRICS_TOKEN). Pass the one whose observeQuery the
   * Executor's onQuery feeds; when absent the server makes its own (no Neo4j metrics).
   */
  metrics?: Metrics;
}

export interface AppServer {
  /** The HTTP server, not yet listening. */
  httpServer: http.Server;
  /**
   * Stops accepting requests and lets those in flight finish; connections still
   * busy after SHUTDOWN_GRACE_MS are closed. Every call returns the same promise.
   */
  stop(): Promise<void>;
  /**
   * Plans the model's read shapes in Neo4j (src/http/plannerWarmUp.ts) while
   * GET /ready answers 503 "warming-up"; resolves when done or after
   * `budgetMs`, never rejects. Every call returns the same promise.
   */
  warmUpPlanner(budgetMs?: number): Promise<PlannerWarmUpResult>;
}


/** Heap the parsed-document cache may hold (src/http/documentStore.ts). */
const DOCUMENT_STORE_BYTES = 8 * 2 ** 20;
/**
 * Builds the HTTP server: GET /health, GET /ready, GET /metrics (with
 * METRICS_TOKEN), the pages, the exports, the change feed (GET /feed.atom) and the GraphQL endpoint at /graphql,
 * every answer with the security headers of src/http/pages.ts. It does not
 * listen (tests and main.ts call listen) and it does not own the driver (the
 * caller closes it after stop()).
 */
export async function createServer(deps: ServerDeps): Promise<AppServer> {
  const app = express();
  app.disable('x-powered-by');
  // ETags come from the graph's version (src/http/httpCache.ts), not a hash of each body.
  app.set('etag', false);
  const httpServer = http.createServer(app);
  const config: Config = { ...configSchema.parse({}), ...deps.config };
  const development = config.NODE_ENV === 'development';
  const protection = queryProtection({
    maxDepth: config.MAX_QUERY_DEPTH,
    maxCost: config.MAX_QUERY_COST,
    maxAliases: config.MAX_ALIASES,
    maxTokens: config.MAX_TOKENS,
    maxDirectives: config.MAX_DIRECTIVES,
    blockFieldSuggestions: !development,
  });
  const jsonDepth = jsonDepthLimit(config.MAX_JSON_DEPTH, deps.logger);
  const revalidate = mayRevalidate(deps.auth, config.READS_REQUIRE_TOKEN);
  const allowlist = config.OPERATION_ALLOWLIST_FILE ? readAllowlist(config.OPERATION_ALLOWLIST_FILE) : null;
  const metrics = deps.metrics ?? createMetrics();
  const httpCache = { version: new GraphVersion(deps.executor), maxAgeSeconds: config.HTTP_CACHE_MAX_AGE_SECONDS, isPrivate: config.READS_REQUIRE_TOKEN };
  deps.statistics.useVersion(httpCache.version);
  const results = new ResultCache(Math.round(config.RESULT_CACHE_MAX_MB * 1024 * 1024), metrics.registry);
  const maintained = config.MAINTAINED_AGGREGATES && config.ANALYST_PLANS
    ? new MaintainedAggregates(deps.executor, { enabled: true, maxBytes: config.MAINTAINED_AGGREGATES_MAX_MB * 2 ** 20, slackMs: Math.max(config.MAINTAINED_AGGREGATES_SLACK_MS, config.QUERY_TIMEOUT_MS + 5_000) }, metrics.registry)
    : undefined;
  const contextDeps = { ...deps, maintained: deps.maintained ?? maintained, anchors: deps.anchors ?? new AnchorChooser(deps.executor, httpCache.version, config.ANALYST_PLANS), mentionIndex: deps.mentionIndex ?? new MentionIndex(deps.executor, config.MENTION_DICTIONARY_MAX_NAMES), reviewSecondPerson: config.REVIEW_SECOND_PERSON, onBatch: deps.onBatch ?? ((loader: string, size: number) => metrics.observeBatch(loader, size)) };

  const apollo = new ApolloServer<Context>({
    typeDefs,
    resolvers,
    formatError: createErrorFormatter(config.EXPOSE_ERROR_DETAILS, (err) => deps.logger.error({ err }, 'unexpected error while resolving')),
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    // main.ts owns SIGTERM/SIGINT. Apollo's own handler would call stop() alongside
    // ours, and in @apollo/server 5.5 a second concurrent stop() never resolves.
    stopOnTerminationSignals: false,
    introspection: true,
    validationRules: protection.validationRules,
    parseOptions: protection.parseOptions,
    documentStore: boundedDocumentStore(DOCUMENT_STORE_BYTES),
    plugins: [
      ...protection.plugins,
      ...(allowlist ? [operationAllowlistPlugin(allowlist)] : []),
      ...(config.READS_REQUIRE_TOKEN ? [readAccessPlugin()] : []),
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.SHUTDOWN_GRACE_MS }),
      ApolloServerPluginLandingPageDisabled(),
      // HTTP caching follows the graph's version (httpCachePlugin), not per-field hints; Apollo's
      // default cache-control plugin would instrument every resolver call to compute them.
      ApolloServerPluginCacheControlDisabled(),
      observabilityPlugin(metrics, deps.logger),
      httpCachePlugin(httpCache),
      resultCachePlugin(results, httpCache.version),
    ],
  });
  await apollo.start();

  app.use(securityHeaders());
  // Answers (GraphQL's display fields, the exports' words) follow Accept-Language (#31), so caches keep one per language.
  app.use((_req, res, next) => {
    res.vary('Accept-Language');
    next();
  });
  // Probes and scrapes are not logged: a load balancer polls /ready every few seconds, and it answers 503 while warming up.
  app.use(requestLogging(deps.logger, ['/health', '/ready', '/metrics']));

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
  });

  let warmUp: Promise<PlannerWarmUpResult> | undefined;
  let warmedUp = true;
  app.get('/ready', async (_req, res) => {
    if (!warmedUp) {
      res.status(503).json({ status: 'warming-up', reason: 'planning the read shapes in Neo4j before taking traffic' });
      return;
    }
    try {
      const info = await fetchServerInfo(deps.executor, 2_000);
      res.json({ status: 'ready', neo4j: { version: info.version, edition: info.edition } });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'Neo4j cannot be reached' });
    }
  });

  if (config.METRICS_TOKEN) app.get('/metrics', metricsEndpoint(metrics, config.METRICS_TOKEN));

  // Page sessions (src/auth/sessions.ts): only with SESSION_SECRET; without it the pages have no sign-in.
  const sessions = config.SESSION_SECRET
    ? new Sessions({ secret: config.SESSION_SECRET, maxAgeSeconds: config.SESSION_MAX_AGE_SECONDS, secureCookies: config.SESSION_COOKIE_SECURE === 'auto' ? 'auto' : config.SESSION_COOKIE_SECURE === 'true' })
    : undefined;
  app.use(cookieParser());
  if (sessions) {
    const oidc =
      config.OIDC_ISSUER && config.OIDC_CLIENT_ID
        ? { issuer: config.OIDC_ISSUER, clientId: config.OIDC_CLIENT_ID, clientSecret: config.OIDC_CLIENT_SECRET, rolesClaim: config.OIDC_ROLES_CLAIM, redirectUri: config.OIDC_REDIRECT_URI }
        : undefined;
    app.use(signInRouter({ sessions, accounts: new AccountStore(deps.executor), oidc, sessionSecret: config.SESSION_SECRET!, logger: deps.logger, maxFailures: config.LOGIN_MAX_FAILURES }));
  }

  app.use(webRouter());
  // One budget per client for GraphQL and exports together.
  const rateLimited =
    config.RATE_LIMIT_PER_MINUTE > 0
      ? [
          rateLimit({
            windowMs: 60_000,
            limit: config.RATE_LIMIT_PER_MINUTE,
            standardHeaders: 'draft-8',
            legacyHeaders: false,
            message: { errors: [{ message: 'Too many requests; slow down', extensions: { code: 'RATE_LIMITED' } }] },
          }),
        ]
      : [];
  // Every export parameter holds JSON (the list's GraphQL arguments).
  const exportVisibility = async (req: express.Request) => {
    const user = await authenticate(deps.auth, req.headers.authorization);
    return config.READS_REQUIRE_TOKEN && !user ? null : visibilityOf(user);
  };
  const exportBefore = [...rateLimited, jsonDepth.queryParameters(), conditionalGet(httpCache, { mark: true, mayRevalidate: revalidate }), resultCacheMiddleware(results, httpCache.version, exportVisibility)];
  app.use(exportRouter({ executor: deps.executor, logger: deps.logger, auth: deps.auth, readsRequireToken: config.READS_REQUIRE_TOKEN, timeoutMs: config.EXPORT_TIMEOUT_MS, before: exportBefore }));
  // The Atom feed of applied changes: the same ETag and Cache-Control as the exports.
  const feedBefore = [...rateLimited, conditionalGet(httpCache, { mark: true, mayRevalidate: revalidate })];
  app.use(changeFeedRouter({ executor: deps.executor, logger: deps.logger, auth: deps.auth, readsRequireToken: config.READS_REQUIRE_TOKEN, before: feedBefore, results }));
  app.use(
    '/graphql',
    ...rateLimited,
    jsonDepth.queryParameters(['variables', 'extensions']),
    conditionalGet(httpCache, { mark: false, mayRevalidate: revalidate }),
    express.json({ limit: config.BODY_LIMIT_BYTES, verify: jsonDepth.verifyBody }),
    ...(sessions ? [sessions.protection(graphqlMayChangeState)] : []),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        try {
          const sessionUser = sessions && !req.headers.authorization ? await sessions.fromRequest(req) : null;
          return await createContext(contextDeps, { requestId: String(req.id), authorization: req.headers.authorization, sessionUser, acceptLanguage: req.headers['accept-language'] });
        } catch (error) {
          // A refused token is answered with its code's status (401), not Apollo's 500 for a failed context.
          throw error instanceof AppError ? toGraphQLError(error) : error;
        }
      },
    }),
  );

  app.use(httpErrorHandler(deps.logger));

  // The warm-up reads as the server itself: an identity with no roles passes READS_REQUIRE_TOKEN and can write nothing.
  const runWarmUpOperation = async (query: string): Promise<boolean> => {
    const contextValue = { ...(await createContext(contextDeps, { requestId: 'planner-warm-up' })), user: { subject: 'planner-warm-up', roles: [] } };
    const response = await apollo.executeOperation({ query }, { contextValue });
    const errors = (response.body.kind === 'single' ? response.body.singleResult.errors : undefined)?.filter((e) => !(WARM_UP_ANSWERS as readonly unknown[]).includes(e.extensions?.code));
    if (errors?.length) deps.logger.warn({ query, errors: errors.map((e) => e.message) }, 'planner warm-up operation failed');
    return !errors?.length;
  };

  let stopped: Promise<void> | undefined;
  return {
    httpServer,
    stop: () => (stopped ??= apollo.stop()),
    warmUpPlanner: (budgetMs) => {
      if (!warmUp) {
        warmedUp = false;
        warmUp = warmUpPlanner(plannerWarmUpOperations(), runWarmUpOperation, { budgetMs }).finally(() => (warmedUp = true));
      }
      return warmUp;
    },
  };
}
