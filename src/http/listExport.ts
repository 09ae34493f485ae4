import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { authenticate, type TokenVerifier } from '../auth';
import { cypherQuery, cypherTemplate, withConditions, type CypherQuery } from '../db/cypher';
import type { Executor } from '../db/executor';
import { AppError, BadUserInputError, ErrorCode, NotFoundError, UnauthenticatedError } from '../errors';
import type { Logger } from '../logger';
import { filterQuery, FILTERS, LIST_LABELS, paramsFor, whereInput, type ListLabel } from '../modules/list/inputs';
import { LIST_NAMES } from '../domain/entityTypes';
import { readAggregate } from '../modules/aggregate/resolvers';
import { buildLuceneQuery } from '../modules/search/lucene';
import { TEXT_SEARCH_LIMITS } from '../translate/roots';
import { renderedWherePredicate } from '../translate/where';
import { parseArgs } from '../validation';
import { noStore } from './httpCache';

/** The lists that can be exported, by the name in the URL (the GraphQL field's name). */
export const EXPORT_LISTS: Record<string, ListLabel> = Object.fromEntries(LIST_LABELS.map((label) => [LIST_NAMES[label], label]));

export type ExportFormat = 'csv' | 'ndjson';

/** One exported entity, as the export query returns it. */
export interface ExportRow {
  id: string;
  name: string;
  kind: string | null;
  country: string | null;
  description: string | null;
  aliases: string[];
  sources: { id: string; title: string | null; publisher: string | null; publishedOn: unknown }[];
}

export interface ExportDeps {
  executor: Executor;
  logger: Logger;
  auth?: TokenVerifier;
  /** READS_REQUIRE_TOKEN: a valid bearer token is needed to export. */
  readsRequireToken: boolean;
  /** Middleware run before the export (rate limit, HTTP cache), in order. */
  before?: RequestHandler[];
  /** How long one export may take, query to last row (EXPORT_TIMEOUT_MS). */
  timeoutMs?: number;
}

/** Columns of the CSV, in order; list values are joined with ' | '. */
export const CSV_COLUMNS = ['id', 'name', 'type', 'kind', 'country', 'description', 'aliases', 'sourceIds', 'sourceTitles', 'sourcePublishers', 'sourcePublishedOn'] as const;

/** Rows are written to the socket in chunks of about this many characters. */
const CHUNK_CHARS = 64 * 1024;

/**
 * GET /export/<list>.csv and /export/<list>.ndjson: the whole list, filtered by
 * the `filter` query parameter (the JSON the list's GraphQL `filter` argument
 * takes, validated by the same schema), ordered by name then id, with each
 * entity's citations. Streamed from one read query: at most one driver batch and
 * one chunk are held, and reading waits while the client is slow. A bad filter
 * is 400 BAD_USER_INPUT naming the field; errors before the first chunk are
 * JSON with a status, later ones cut the response short (no final chunk).
 */
export function exportRouter(deps: ExportDeps): Router {
  const router = Router();
  router.get('/export/:file', ...(deps.before ?? []), async (req, res) => {
    try {
      const { label, format } = exportTarget(String(req.params.file));
      const user = await authenticate(deps.auth, req.headers.authorization);
      if (deps.readsRequireToken && !user) throw new UnauthenticatedError();
      const filter = parseFilter(label, req.query.filter);
      const where = parseWhere(req.query.where);
      const query = exportQuery(label, filter, where);
      const name = Object.keys(EXPORT_LISTS).find((key) => EXPORT_LISTS[key] === label)!;
      await streamRows(deps, req, res, query, format, label.toUpperCase(), name);
    } catch (error) {
      fail(deps.logger, req, res, error);
    }
  });
  router.get('/export/aggregate/:file', ...(deps.before ?? []), async (req, res) => {
    try {
      const { label, format } = exportTarget(String(req.params.file));
      const user = await authenticate(deps.auth, req.headers.authorization);
      if (deps.readsRequireToken && !user) throw new UnauthenticatedError();
      const groupBy = jsonParameter(req.query.groupBy, 'groupBy') ?? [];
      const args = { where: parseWhere(req.query.where), groupBy, measures: jsonParameter(req.query.measures, 'measures'), first: jsonParameter(req.query.first, 'first') };
      const result = await readAggregate(deps.executor, label, args);
      const keys = (groupBy as { field?: string; via?: string; bucket?: string }[]).map((k) => [k.via, k.field, k.bucket?.toLowerCase()].filter(Boolean).join('.'));
      res.status(200);
      res.setHeader('x-aggregate-total-count', String(result.totalCount));
      res.setHeader('x-aggregate-truncated', String(result.truncated));
      if (format === 'csv') {
        res.type('text/csv; charset=utf-8; header=present');
        const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
        res.send([csvLine([...keys, 'count', 'countDistinct', 'min', 'max']), ...result.groups.map((g) => csvLine([...g.key.map(cell), cell(g.count), cell(g.countDistinct), cell(g.min), cell(g.max)]))].join(''));
      } else {
        res.type('application/x-ndjson; charset=utf-8');
        res.send(result.groups.map((g) => `${JSON.stringify({ key: Object.fromEntries(keys.map((k, i) => [k, g.key[i] ?? null])), count: g.count, countDistinct: g.countDistinct, min: g.min, max: g.max })}\n`).join(''));
      }
    } catch (error) {
      fail(deps.logger, req, res, error);
    }
  });
  return router;
}

/** A query parameter holding JSON (as the GraphQL argument of the same name); undefined when absent. */
function jsonParameter(raw: unknown, name: string): unknown {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string') throw new BadUserInputError(`Invalid argument ${name}: give it once, as JSON`, name);
  try {
    return JSON.parse(raw);
  } catch {
    throw new BadUserInputError(`Invalid argument ${name}: must be JSON, as the GraphQL argument`, name);
  }
}

function exportTarget(file: string): { label: ListLabel; format: ExportFormat } {
  const match = /^([a-z]+)\.(csv|ndjson)$/.exec(file);
  const label = match ? EXPORT_LISTS[match[1]!] : undefined;
  if (!match || !label) throw new NotFoundError('Export', file);
  return { label, format: match[2] as ExportFormat };
}

/** The `filter` query parameter: absent, or JSON that the list's filter schema accepts (unknown fields refused). */
function parseFilter(label: ListLabel, raw: unknown): Record<string, unknown> {
  const value = jsonParameter(raw, 'filter');
  if (value === undefined || value === null) return {};
  const schema = FILTERS[label].strict();
  return parseArgs(schema, value, (path) => ['filter', ...path]) as Record<string, unknown>;
}

/** The `where` query parameter: absent, or JSON in the list's GraphQL `where` shape (checked by the compiler against the model). */
function parseWhere(raw: unknown): Record<string, unknown> | null {
  const value = jsonParameter(raw, 'where');
  return value === undefined ? null : (parseArgs(z.object({ where: whereInput }), { where: value }).where ?? null);
}

/** The list's filter statement and `where` conditions, followed by the export projection, with its parameters. */
function exportQuery(label: ListLabel, filter: Record<string, unknown>, where: Record<string, unknown> | null): { query: CypherQuery; params: Record<string, unknown> } | null {
  const text = typeof filter.text === 'string' ? filter.text : null;
  const lucene = text ? buildLuceneQuery(text) : null;
  if (text && !lucene) return null;
  const params: Record<string, unknown> = { ids: filter.ids ?? null, ...paramsFor(label, filter) };
  const statement = withConditions(filterQuery(label), { ...params, textIds: lucene });
  const predicate = where ? renderedWherePredicate(label, where) : null;
  const parts = [
    ...(lucene ? [cypherTemplate('export/listText', { label }).text] : []),
    statement.text,
    ...(predicate ? [`  AND ${predicate.text}`] : []),
    cypherQuery('export/listRows').text,
  ];
  const textParams = lucene ? { lucene, textCandidates: TEXT_SEARCH_LIMITS.candidates, textMatches: TEXT_SEARCH_LIMITS.matches } : {};
  return { query: { name: `export/${label}`, text: parts.join('\n') }, params: { ...params, ...predicate?.params, ...textParams } };
}

async function streamRows(
  deps: ExportDeps,
  req: Request,
  res: Response,
  compiled: { query: CypherQuery; params: Record<string, unknown> } | null,
  format: ExportFormat,
  type: string,
  name: string,
): Promise<void> {
  const out = new ChunkedWriter(res, () => {
    res.status(200);
    res.setHeader('content-type', format === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/x-ndjson; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="${name}.${format}"`);
    res.setHeader('x-content-type-options', 'nosniff');
  });
  if (format === 'csv') out.add(csvLine(CSV_COLUMNS));
  const rows = compiled
    ? await deps.executor.stream<ExportRow>(compiled.query, compiled.params, (row) => out.add(format === 'csv' ? csvRow(row, type) : ndjsonRow(row, type)), {
        timeoutMs: deps.timeoutMs,
      })
    : 0;
  await out.end();
  deps.logger.info({ requestId: req.id, export: name, format, rows }, 'export finished');
}

/** RFC 4180: a field with a comma, quote, CR or LF is quoted and its quotes doubled; records end in CRLF. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const csvLine = (fields: readonly string[]) => `${fields.map(csvField).join(',')}\r\n`;
const joined = (values: unknown[]) => values.map((v) => (v === null || v === undefined ? '' : String(v))).join(' | ');

function csvRow(row: ExportRow, type: string): string {
  return csvLine([
    row.id,
    row.name,
    type,
    row.kind ?? '',
    row.country ?? '',
    row.description ?? '',
    joined(row.aliases),
    joined(row.sources.map((s) => s.id)),
    joined(row.sources.map((s) => s.title)),
    joined(row.sources.map((s) => s.publisher)),
    joined(row.sources.map((s) => s.publishedOn)),
  ]);
}

function ndjsonRow(row: ExportRow, type: string): string {
  const sources = row.sources.map((s) => ({ id: s.id, title: s.title ?? null, publisher: s.publisher ?? null, publishedOn: s.publishedOn === null || s.publishedOn === undefined ? null : String(s.publishedOn) }));
  return `${JSON.stringify({ id: row.id, name: row.name, type, kind: row.kind ?? null, country: row.country ?? null, description: row.description ?? null, aliases: row.aliases, sources })}\n`;
}

/** The client went away; the export stops reading. */
class ClientGone extends Error {}

/**
 * Collects rows into chunks of about CHUNK_CHARS and writes them to the
 * response, waiting for 'drain' whenever the socket's buffer is full. Headers go
 * out with the first chunk, so an error before it can still be a JSON answer.
 */
class ChunkedWriter {
  private pending: string[] = [];
  private size = 0;
  private started = false;

  constructor(
    private readonly res: Response,
    private readonly writeHead: () => void,
  ) {}

  add(text: string): Promise<void> | void {
    this.pending.push(text);
    this.size += text.length;
    if (this.size >= CHUNK_CHARS) return this.flush();
  }

  async end(): Promise<void> {
    await this.flush();
    if (!this.started) this.start();
    this.res.end();
  }

  private start(): void {
    this.started = true;
    this.writeHead();
  }

  private async flush(): Promise<void> {
    if (this.size === 0) return;
    if (!this.started) this.start();
    if (this.res.destroyed) throw new ClientGone();
    const chunk = this.pending.join('');
    this.pending = [];
    this.size = 0;
    if (this.res.write(chunk)) return;
    await new Promise<void>((resolve, reject) => {
      const settle = (gone: boolean) => () => {
        this.res.off('drain', onDrain);
        this.res.off('close', onClose);
        if (gone) reject(new ClientGone());
        else resolve();
      };
      const onDrain = settle(false);
      const onClose = settle(true);
      this.res.on('drain', onDrain);
      this.res.on('close', onClose);
    });
  }
}

const STATUS: Partial<Record<string, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
  [ErrorCode.QUERY_TIMEOUT]: 504,
};

/** Answers an error as GraphQL-shaped JSON while nothing was sent yet; otherwise cuts the response short. Unexpected errors are logged, never shown. */
function fail(logger: Logger, req: Request, res: Response, error: unknown): void {
  if (error instanceof ClientGone) return;
  const known = error instanceof AppError ? error : null;
  const code = String(known?.extensions.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
  const status = STATUS[code] ?? 500;
  if (status >= 500) logger.error({ err: error, requestId: req.id }, 'export failed');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const extensions: Record<string, unknown> = known ? { ...known.extensions } : { code };
  delete extensions.http;
  noStore(res);
  res.status(status).json({ errors: [{ message: known ? known.message : 'Internal server error', extensions }] });
}
