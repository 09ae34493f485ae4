import { languageOfEnum, negotiateLanguage, type Language } from '../domain/language';
import type { MentionIndex } from './mentions/index';
import { authenticate, type AuthUser, type TokenVerifier } from '../auth';
import type { Executor } from '../db/executor';
import type { Logger } from '../logger';
import { createEntityLoaders, type BatchObserver, type EntityLoaders } from './entity/loaders';
import type { StatisticsCache } from './statistics/cache';
import type { AnchorChooser } from './list/graphCounts';
import type { MaintainedAggregates } from './aggregate/maintained';

/** Long-lived dependencies shared by every request. */
export interface AppDeps {
  executor: Executor;
  logger: Logger;
  version: string;
  statistics: StatisticsCache;
  /** Picks where a list's or an aggregate's matches start (src/translate/anchor.ts); absent: always a scan of the label. */
  anchors?: AnchorChooser;
  /** Grouped counts kept from the change log (src/modules/aggregate/maintained.ts); absent: every aggregate runs its compiled statement. */
  maintained?: MaintainedAggregates;
  /** Verifies bearer tokens; absent when no AUTH_JWT_SECRET or AUTH_JWKS_URL is configured (then tokens are refused and writes impossible). */
  auth?: TokenVerifier;
  /** Receives DataLoader batch sizes (for /metrics), when given. */
  onBatch?: BatchObserver;
  /** The mention dictionary (Query.mentions), one per process; made on first use when not given. */
  mentionIndex?: MentionIndex;
  /** REVIEW_SECOND_PERSON: a changeset is approved or rejected only by someone other than its author (default true). */
  reviewSecondPerson?: boolean;
}

/** What every resolver receives: shared dependencies plus per-request state. */
export interface Context extends AppDeps {
  requestId: string;
  /** This request's DataLoaders; never shared with another request. */
  loaders: EntityLoaders;
  /** Who sent the request, from a verified bearer token or a page session; null for an anonymous reader. */
  user: AuthUser | null;
  /** The language display fields answer in when their `lang` is absent: from Accept-Language (negotiateLanguage). */
  language: Language;
}

/** What createContext reads from the HTTP request. */
export interface RequestInfo {
  requestId: string;
  /** The Authorization header, if any. */
  authorization?: string;
  /** The user of the request's page session (cookie), if any; a bearer token, when sent, takes precedence. */
  sessionUser?: AuthUser | null;
  /** The Accept-Language header, if any. */
  acceptLanguage?: string;
}

/**
 * Builds the context of one request, with fresh DataLoaders and the user of its
 * bearer token. An invalid or expired token fails the whole request with
 * UNAUTHENTICATED (HTTP 401); no token means an anonymous reader.
 */
export async function createContext(deps: AppDeps, request: RequestInfo): Promise<Context> {
  const user = request.authorization ? await authenticate(deps.auth, request.authorization) : (request.sessionUser ?? null);
  return { ...deps, requestId: request.requestId, loaders: createEntityLoaders(deps.executor, deps.onBatch), user, language: negotiateLanguage(request.acceptLanguage) };
}

/** The language a display field answers in: its `lang` argument (a Language enum value), else the request's. */
export function languageOf(args: { lang?: unknown } | null | undefined, ctx: Pick<Context, 'language'>): Language {
  return languageOfEnum(args?.lang) ?? ctx.language ?? 'en';
}
