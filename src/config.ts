import 'dotenv/config';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const port = z.coerce
  .number({ message: 'must be a port number' })
  .int('must be an integer')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');
const positiveInt = z.coerce.number({ message: 'must be a number' }).int('must be an integer').positive('must be positive');

/**
 * Every setting the process reads from its environment (or an optional .env file),
 * each described. Parsed once at start-up by loadConfig().
 */
export const configSchema = z.object({
  /** development adds "Did you mean …" field suggestions to validation errors; error details follow EXPOSE_ERROR_DETAILS, not this. */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /**
   * Show clients the message of unexpected errors (a Neo4j error, a bug) instead
   * of "Internal server error". Such messages can quote Cypher and stored values:
   * only on a server nobody else reaches. The log has the details either way.
   */
  EXPOSE_ERROR_DETAILS: bool.default(false),
  /** Address the HTTP server binds to. Use 0.0.0.0 inside a container. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** HTTP port of the API. */
  PORT: port.default(4000),
  /** Bolt or routing URI of an existing Neo4j (bolt://, neo4j://, neo4j+s://). Unset: the project starts its own local server. */
  NEO4J_URI: z
    .string()
    .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/[^\s]+$/, 'must be a bolt://, neo4j://, bolt+s:// or neo4j+s:// URI')
    .optional(),
  /** Neo4j user name. */
  NEO4J_USERNAME: z.string().min(1).default('neo4j'),
  /** Neo4j password. Required with NEO4J_URI; for the local server it is generated when unset. */
  NEO4J_PASSWORD: z.string().min(1).optional(),
  /** Database name on the server. */
  NEO4J_DATABASE: z.string().regex(/^[A-Za-z][A-Za-z0-9.-]*$/, 'must be a database name').default('neo4j'),
  /** Which local server to run when NEO4J_URI is unset: dev (Bolt 7687) or test (Bolt 7688). */
  NEO4J_LOCAL_INSTANCE: z.enum(['dev', 'test']).default('dev'),
  /** Load the seed files into the graph at start-up when the graph is empty. */
  SEED_ON_START: bool.default(true),
  /** At start-up, have Neo4j plan the model's read shapes before GET /ready reports ready (src/http/plannerWarmUp.ts). */
  PLANNER_WARM_UP: bool.default(true),
  /** The most time the start-up warm-up may take before /ready reports ready anyway, in milliseconds. */
  PLANNER_WARM_UP_BUDGET_MS: positiveInt.max(600_000, 'must be at most 600000').default(20_000),
  /** Transaction timeout for every database call, in milliseconds. */
  QUERY_TIMEOUT_MS: positiveInt.default(10_000),
  /**
   * Time a bulk export (GET /export/…) may take from its query to its last row,
   * in milliseconds. Longer than QUERY_TIMEOUT_MS: 100,000 rows to a slow client
   * legitimately take more than an interactive query may.
   */
  EXPORT_TIMEOUT_MS: positiveInt.default(120_000),
  /** Size of the driver's connection pool. */
  NEO4J_MAX_POOL_SIZE: positiveInt.default(50),
  /** How long the driver keeps retrying a transaction after transient errors (e.g. a leader switch), in milliseconds; requests fail after it. */
  NEO4J_MAX_RETRY_MS: positiveInt.default(3_000),
  /** How long a request waits for a pooled connection before failing, in milliseconds. */
  NEO4J_ACQUISITION_TIMEOUT_MS: positiveInt.default(5_000),
  /** How long dashboard aggregates (Query.statistics) are served from cache, in seconds. */
  STATISTICS_MAX_AGE_SECONDS: z.coerce.number({ message: 'must be a number' }).int().min(0).max(3600).default(30),
  /** The analyst plans of #32: start a list's or an aggregate's matches at a selective relationship condition when the count store says it is cheaper (src/translate/anchor.ts), and group across a hop from the hop's side (src/translate/aggregate.ts); false: always scan the label, group in one pass (for comparison). */
  ANALYST_PLANS: bool.default(true),
  /** Keep grouped counts across a hop exact from the change log (src/modules/aggregate/maintained.ts) and answer such aggregates from them; false: every aggregate runs its compiled statement. */
  MAINTAINED_AGGREGATES: bool.default(true),
  /** Heap the maintained aggregate views of one API instance may hold, in megabytes (estimated; about 10 MB per view at 100,000 organizations); least recently used dropped first, the view in use always kept. */
  MAINTAINED_AGGREGATES_MAX_MB: positiveInt.max(65536, 'must be at most 65536').default(24),
  /** How far back each view's refresh re-reads the change log, in milliseconds; the larger of this and QUERY_TIMEOUT_MS + 5000 is used, so a write that committed late with an early timestamp is still seen. Keep it above the longest write transaction of every instance that writes. */
  MAINTAINED_AGGREGATES_SLACK_MS: positiveInt.default(30_000),
  /** Bound of the server-side result cache (src/http/resultCache.ts), in megabytes of cached answers; 0 turns it off. Answers are kept per graph version, least recently used evicted first. */
  RESULT_CACHE_MAX_MB: z.coerce.number({ message: 'must be a number' }).min(0, 'must be between 0 and 1024').max(1024, 'must be between 0 and 1024').default(32),
  /** How long clients and shared caches may reuse a GET /graphql query or an export, in seconds; each answer also carries an ETag of the graph's version, so If-None-Match gets 304 while nothing changed. */
  HTTP_CACHE_MAX_AGE_SECONDS: z.coerce.number({ message: 'must be a number' }).int('must be an integer').min(0, 'must be between 0 and 86400').max(86_400, 'must be between 0 and 86400').default(30),
  /** Shared secret that signs HS256 bearer tokens for curation (writes); at least 32 characters. Unset with no AUTH_JWKS_URL: writes are impossible. */
  AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Issuer (`iss`) every token must carry, when set. */
  AUTH_JWT_ISSUER: z.string().min(1).optional(),
  /** Audience (`aud`) every token must carry, when set. */
  AUTH_JWT_AUDIENCE: z.string().min(1).optional(),
  /** JWKS URL of an identity provider, for asymmetrically signed tokens (RS256, ES256 …), when set. */
  AUTH_JWKS_URL: z.string().url('must be a URL').optional(),
  /** The longest lifetime a bearer token may claim, in seconds: exp − iat, or exp − now without iat. Tokens without exp are refused. */
  JWT_MAX_LIFETIME_SECONDS: positiveInt.default(24 * 3_600),
  /** Deepest selection nesting a GraphQL document may have. */
  MAX_QUERY_DEPTH: positiveInt.default(12),
  /** Highest graphql-armor cost of a document (objects 2, scalars 1, weighted by depth). */
  MAX_QUERY_COST: positiveInt.default(50_000),
  /** Most aliases in one document. */
  MAX_ALIASES: positiveInt.default(30),
  /** Most lexical tokens in one document. */
  MAX_TOKENS: positiveInt.default(5_000),
  /** Most directives in one document. */
  MAX_DIRECTIVES: positiveInt.default(30),
  /** Deepest nesting of arrays and objects in JSON a client sends (GraphQL variables, export parameters); deeper is refused before it is parsed. */
  MAX_JSON_DEPTH: positiveInt.max(1_000, 'must be at most 1000').default(64),
  /** Largest accepted request body, in bytes: room for an article of 200,000 CJK characters (3 bytes each in UTF-8) sent to mentions or proposeChange. */
  BODY_LIMIT_BYTES: positiveInt.default(1_048_576),
  /** Requests per minute per client address on /graphql; 0 turns rate limiting off. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number({ message: 'must be a number' }).int().min(0).default(0),
  /** JSON file of allowed GraphQL documents (array, or object of name to document); when set, nothing else runs. */
  OPERATION_ALLOWLIST_FILE: z.string().min(1).optional(),
  /**
   * The two-person rule: a changeset (proposeChange) is approved or rejected only by
   * a reviewer other than its author. On by default; turn it off only where one
   * person curates alone (development).
   */
  REVIEW_SECOND_PERSON: bool.default(true),
  /**
   * Secret that signs the session cookies of people signed in to the pages (local accounts or OpenID)
   * and their CSRF tokens; at least 32 characters. Unset: nobody can sign in to the pages (bearer tokens still work).
   */
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** How long a page session lasts after sign-in, in seconds (then the curator signs in again; drafts stay in the browser). */
  SESSION_MAX_AGE_SECONDS: positiveInt.max(7 * 86_400, 'must be at most 604800').default(8 * 3_600),
  /** Mark session cookies Secure: true, false, or auto (when the request came over HTTPS, X-Forwarded-Proto included). */
  SESSION_COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  /** Failed local sign-ins an account name, or a client address, may have in 15 minutes before sign-in is refused (429) for the rest of the window. */
  LOGIN_MAX_FAILURES: positiveInt.max(100, 'must be at most 100').default(5),
  /** Issuer URL of an OpenID provider (Keycloak realm, Entra ID tenant, https://accounts.google.com); set with OIDC_CLIENT_ID to offer "sign in with your organisation". */
  OIDC_ISSUER: z.string().url('must be a URL').optional(),
  /** This app's client id at the OpenID provider. */
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  /** This app's client secret at the OpenID provider (a public client with PKCE only: leave unset). */
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** The ID-token claim holding the user's roles (editor, reviewer, admin), as a dotted path: roles, groups, realm_access.roles. */
  OIDC_ROLES_CLAIM: z.string().min(1).default('roles'),
  /** The callback URL registered at the provider (https://host/auth/oidc/callback); unset: derived from each request's Host. */
  OIDC_REDIRECT_URI: z.string().url('must be a URL').optional(),
  /**
   * The most names and aliases the mention dictionary (Query.mentions) holds in memory; names past it are
   * not found (MentionScan.complete is false). About 240 bytes of heap each (326,000 names of the
   * 1.05M-relationship bench graph: 78 MB), so the default bounds it near 120 MB.
   */
  MENTION_DICTIONARY_MAX_NAMES: positiveInt.max(10_000_000, 'must be at most 10000000').default(500_000),
  /** Require a valid bearer token for reads too (introspection stays open). */
  READS_REQUIRE_TOKEN: bool.default(false),
  /** Bearer token a Prometheus scraper sends to GET /metrics (`Authorization: Bearer …`), at least 32 characters. Unset: /metrics is not served. */
  METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  /** After SIGTERM or SIGINT, how long requests in flight get to finish before their connections are closed and the process exits, in milliseconds. Keep it below the supervisor's kill timeout (docker stop: 10 s). */
  SHUTDOWN_GRACE_MS: positiveInt.max(600_000, 'must be at most 600000').default(8_000),
  /** pino log level. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses the environment. Throws ConfigError whose message is one line per bad
 * variable ("PORT: must be a port number (got "abc")"). Never logs secret values.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = configSchema.safeParse(defined);
  if (result.success) {
    if (result.data.NEO4J_URI && !result.data.NEO4J_PASSWORD) {
      throw new ConfigError('Invalid configuration: NEO4J_PASSWORD: is required when NEO4J_URI is set');
    }
    return result.data;
  }
  const lines = result.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    const secret = /PASSWORD|SECRET|KEY|TOKEN/.test(key);
    const got = key in defined && !secret ? ` (got ${JSON.stringify(defined[key])})` : '';
    return `${key}: ${issue.message}${got}`;
  });
  throw new ConfigError(`Invalid configuration: ${lines.join('; ')}`);
}
