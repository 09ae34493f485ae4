import { Router, type Request, type RequestHandler, type Response } from 'express';
import { buildASTSchema, coerceInputValue, GraphQLList, GraphQLNonNull, isInputType, type GraphQLInputType, type GraphQLScalarType, type GraphQLSchema } from 'graphql';
import { z } from 'zod';
import { authenticate, type TokenVerifier } from '../auth';
import type { CypherQuery } from '../db/cypher';
import type { Executor } from '../db/executor';
import { AppError, BadUserInputError, ErrorCode, NotFoundError, UnauthenticatedError } from '../errors';
import type { Logger } from '../logger';
import { LIST_LABELS, whereInput, type ListLabel } from '../modules/list/inputs';
import { LIST_NAMES } from '../domain/entityTypes';
import { own } from '../domain/lookup';
import { readAggregate } from '../modules/aggregate/resolvers';
import { DATE_SCALAR } from '../modules/entity/dateScalar';
import { typedValue } from '../modules/entity/scalarResolvers';
import { buildLuceneQuery } from '../modules/search/lucene';
import { typeDefs } from '../schema';
import { compileExportRows, EXPORT_COLUMNS, SOURCE_COLUMNS, type ExportColumn } from '../translate/exportRows';
import type { SortRequest } from '../translate/sort';
import { parseArgs, searchText } from '../validation';
import { clientError, httpStatusOf } from './errorFormatter';
import { noStore } from './httpCache';
import { BOM, csvField, csvLine } from '../csv';

/** The lists that can be exported, by the name in the URL (the GraphQL field's name). */
export const EXPORT_LISTS: Record<string, ListLabel> = Object.fromEntries(LIST_LABELS.map((label) => [LIST_NAMES[label], label]));

export type ExportFormat = 'csv' | 'ndjson';

/** One exported entity, as the export query returns it: its EXPORT_COLUMNS as stored, and its sources. */
export interface ExportRow {
  entity: Record<string, unknown>;
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

/** The CSV header of a label's export: its EXPORT_COLUMNS, then SOURCE_COLUMNS. */
const csvColumns = (label: ListLabel): string[] => [...EXPORT_COLUMNS[label].map((column) => column.name), ...SOURCE_COLUMNS];

/** Rows are written to the socket in chunks of about this many characters. */
const CHUNK_CHARS = 64 * 1024;

/**
 * GET /export/<list>.csv and /export/<list>.ndjson: the whole list, chosen by the
 * `where` and `sort` query parameters (JSON coerced as GraphQL coerces a
 * variable of the list's argument types, in the schema it serves) and `search`
 * (full text, plain), ordered by `sort` (default name) then id, with each
 * entity's citations. Streamed from one read query: at most one driver batch and
 * one chunk are held, and reading waits while the client is slow. A bad or
 * unknown parameter is 400 BAD_USER_INPUT naming the field; errors before the
 * first chunk are JSON with a status, later ones cut the response short (no
 * final chunk).
 */
export function exportRouter(deps: ExportDeps): Router {
  const router = Router();
  router.get('/export/:file', ...(deps.before ?? []), async (req, res) => {
    try {
      const { label, format } = exportTarget(String(req.params.file));
      const user = await authenticate(deps.auth, req.headers.authorization);
      if (deps.readsRequireToken && !user) throw new UnauthenticatedError();
      onlyParameters(req, ['where', 'sort', 'search', 'bom']);
      const query = exportQuery(label, parseWhere(label, req.query.where), parseSort(label, req.query.sort), parseSearch(req.query.search));
      const name = Object.keys(EXPORT_LISTS).find((key) => EXPORT_LISTS[key] === label)!;
      await streamRows(deps, req, res, query, format, label, name, parseBom(req.query.bom));
    } catch (error) {
      fail(deps.logger, req, res, error);
    }
  });
  router.get('/export/aggregate/:file', ...(deps.before ?? []), async (req, res) => {
    try {
      const { label, format } = exportTarget(String(req.params.file));
      const user = await authenticate(deps.auth, req.headers.authorization);
      if (deps.readsRequireToken && !user) throw new UnauthenticatedError();
      onlyParameters(req, ['where', 'groupBy', 'measures', 'first', 'bom']);
      const bom = parseBom(req.query.bom);
      const groupBy = graphqlParameter(req.query.groupBy, 'groupBy', '[GroupKey!]') ?? [];
      const args = { where: parseWhere(label, req.query.where), groupBy, measures: graphqlParameter(req.query.measures, 'measures', 'AggregateMeasures'), first: graphqlParameter(req.query.first, 'first', 'Int') };
      const result = await readAggregate(deps.executor, label, args);
      const keys = (groupBy as { field?: string; via?: string; bucket?: string }[]).map((k) => [k.via, k.field, k.bucket?.toLowerCase()].filter(Boolean).join('.'));
      res.status(200);
      res.setHeader('x-aggregate-total-count', String(result.totalCount));
      res.setHeader('x-aggregate-truncated', String(result.truncated));
      if (format === 'csv') {
        res.type('text/csv; charset=utf-8; header=present');
        const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
        res.send((bom ? BOM : '') + [csvLine([...keys, 'count', 'countDistinct', 'min', 'max', 'disputed']), ...result.groups.map((g) => csvLine([...g.key.map(cell), cell(g.count), cell(g.countDistinct), cell(g.min), cell(g.max), cell(g.disputed)]))].join(''));
      } else {
        res.type('application/x-ndjson; charset=utf-8');
        res.send(result.groups.map((g) => `${JSON.stringify({ key: Object.fromEntries(keys.map((k, i) => [k, g.key[i] ?? null])), count: g.count, countDistinct: g.countDistinct, min: g.min, max: g.max, disputed: g.disputed })}\n`).join(''));
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
  const label = match ? own(EXPORT_LISTS, match[1]!) : undefined;
  if (!match || !label) throw new NotFoundError('Export', file);
  return { label, format: match[2] as ExportFormat };
}

/** Refuses a query parameter the export does not take (e.g. the retired `filter`), naming it. */
function onlyParameters(req: Request, allowed: readonly string[]): void {
  const unknown = Object.keys(req.query).find((name) => !allowed.includes(name));
  if (unknown !== undefined) throw new BadUserInputError(`Invalid argument ${unknown}: this export takes ${allowed.join(', ')}`, unknown);
}

let servedSchema: GraphQLSchema | undefined;

/** An input type (or `[Type!]`) of the schema /graphql serves, built once from the same SDL. */
function servedInputType(name: string): GraphQLInputType {
  if (!servedSchema) {
    servedSchema = buildASTSchema(typeDefs);
    // The SDL alone leaves Date unchecked; coerce it as /graphql does.
    const date = servedSchema.getType('Date') as GraphQLScalarType;
    date.parseValue = DATE_SCALAR.parseValue;
    date.parseLiteral = DATE_SCALAR.parseLiteral;
  }
  const list = /^\[(\w+)!\]$/.exec(name);
  const type = servedSchema.getType(list ? list[1]! : name);
  if (!type || !isInputType(type)) throw new Error(`schema has no input type ${name}`);
  return list ? new GraphQLList(new GraphQLNonNull(type)) : type;
}

/**
 * A JSON query parameter coerced as GraphQL coerces a variable of `typeName`:
 * unknown fields (prototype keys among them), unknown enum values and wrong
 * types are 400 BAD_USER_INPUT naming the field; a single value given for a
 * list becomes a list of one. The result holds only the type's own fields.
 */
function graphqlParameter(raw: unknown, name: string, typeName: string): unknown {
  const value = jsonParameter(raw, name);
  if (value === undefined) return undefined;
  let problem: { field: string; message: string } | undefined;
  const coerced = coerceInputValue(value, servedInputType(typeName), (path, _invalid, error) => {
    // graphql-js reports a missing or unknown field at its object; the field is named in the message.
    const named = /^Field "([^"]+)" (?:is not defined by type|of required type)/.exec(error.message);
    problem ??= { field: [name, ...path, ...(named ? [named[1]!] : [])].join('.'), message: error.message };
  });
  if (problem) throw new BadUserInputError(`Invalid argument ${problem.field}: ${problem.message}`, problem.field);
  return coerced;
}

/** The `where` query parameter: absent, or the list's GraphQL `where` input (public facts only, at most MAX_WHERE_BYTES). */
function parseWhere(label: ListLabel, raw: unknown): Record<string, unknown> | null {
  const value = graphqlParameter(raw, 'where', `${label}Where`);
  return value === undefined ? null : (parseArgs(z.object({ where: whereInput }), { where: value }).where ?? null);
}

/** The `sort` query parameter: the list's GraphQL `sort` input; by name when absent. */
function parseSort(label: ListLabel, raw: unknown): SortRequest[] {
  const value = graphqlParameter(raw, 'sort', `[${label}Sort!]`) as SortRequest[] | null | undefined;
  if (value && value.length > 5) throw new BadUserInputError('Invalid argument sort: at most 5 sort keys', 'sort');
  return value?.length ? value : [{ field: 'NAME', direction: 'ASC' }];
}

/** The `search` query parameter: full text, as the list's `search` argument takes it (plain text, not JSON). */
function parseSearch(raw: unknown): string | null {
  if (raw === undefined) return null;
  if (typeof raw !== 'string') throw new BadUserInputError('Invalid argument search: give it once', 'search');
  return parseArgs(z.object({ search: searchText }), { search: raw }).search;
}

/**
 * The export statement of the list for `where`, `sort` and `search` (the best
 * full-text matches, as list pages choose them); null when the search text has
 * no searchable term.
 */
function exportQuery(label: ListLabel, where: Record<string, unknown> | null, sort: readonly SortRequest[], search: string | null): { query: CypherQuery; params: Record<string, unknown> } | null {
  const lucene = search ? buildLuceneQuery(search) : null;
  if (search && !lucene) return null;
  const query = compileExportRows({ label, where, sort, lucene });
  return { query, params: query.params };
}

export { BOM, csvField };

/** `bom`: absent or true, the CSV starts with a BOM (Excel); false, plain UTF-8. Other values are refused. */
function parseBom(raw: unknown): boolean {
  if (raw === undefined || raw === 'true') return true;
  if (raw === 'false') return false;
  throw new BadUserInputError('Invalid argument bom: must be true or false', 'bom');
}

async function streamRows(
  deps: ExportDeps,
  req: Request,
  res: Response,
  compiled: { query: CypherQuery; params: Record<string, unknown> } | null,
  format: ExportFormat,
  label: ListLabel,
  name: string,
  bom: boolean,
): Promise<void> {
  const out = new ChunkedWriter(res, () => {
    res.status(200);
    res.setHeader('content-type', format === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/x-ndjson; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="${name}.${format}"`);
    res.setHeader('x-content-type-options', 'nosniff');
  });
  if (format === 'csv') out.add(`${bom ? BOM : ''}${csvLine(csvColumns(label))}`);
  const columns = EXPORT_COLUMNS[label];
  const type = label.toUpperCase();
  const rows = compiled
    ? await deps.executor.stream<ExportRow>(compiled.query, compiled.params, (row) => out.add(format === 'csv' ? csvRow(row, columns, type) : ndjsonRow(row, columns, type)), {
        timeoutMs: deps.timeoutMs,
      })
    : 0;
  await out.end();
  deps.logger.info({ requestId: req.id, export: name, format, rows }, 'export finished');
}

const joined = (values: unknown[]) => values.map((v) => (v === null || v === undefined ? '' : String(v))).join(' | ');
/** A typed value as CSV text: lists joined with ' | ', booleans true or false, null empty. */
const csvCell = (value: unknown) => (Array.isArray(value) ? joined(value) : value === null || value === undefined ? '' : String(value));

/** The entity's columns typed as the API types its fields (lists as arrays, booleans, dates as stored text, null when unset). */
function entityValues(row: ExportRow, columns: readonly ExportColumn[], type: string): [string, unknown][] {
  return columns.map((column) => [column.name, column.properties.length || column.relation || column.claims ? typedValue(column.declaration, row.entity[column.name]) : type]);
}

function csvRow(row: ExportRow, columns: readonly ExportColumn[], type: string): string {
  return csvLine([
    ...entityValues(row, columns, type).map(([, value]) => csvCell(value)),
    joined(row.sources.map((s) => s.id)),
    joined(row.sources.map((s) => s.title)),
    joined(row.sources.map((s) => s.publisher)),
    joined(row.sources.map((s) => s.publishedOn)),
  ]);
}

function ndjsonRow(row: ExportRow, columns: readonly ExportColumn[], type: string): string {
  const sources = row.sources.map((s) => ({ id: s.id, title: s.title ?? null, publisher: s.publisher ?? null, publishedOn: s.publishedOn === null || s.publishedOn === undefined ? null : String(s.publishedOn) }));
  return `${JSON.stringify({ ...Object.fromEntries(entityValues(row, columns, type)), sources })}\n`;
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

/** Answers an error as GraphQL-shaped JSON while nothing was sent yet; otherwise cuts the response short. Unexpected errors are logged, never shown. */
function fail(logger: Logger, req: Request, res: Response, error: unknown): void {
  if (error instanceof ClientGone) return;
  const known = error instanceof AppError ? error : null;
  const code = known?.code ?? ErrorCode.INTERNAL_SERVER_ERROR;
  const status = httpStatusOf(code);
  if (status >= 500) logger.error({ err: error, requestId: req.id }, 'export failed');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  noStore(res);
  res.status(status).json({ errors: [known ? clientError(known) : { message: 'Internal server error', extensions: { code } }] });
}
