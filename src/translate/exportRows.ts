import type { EntityLabel } from '../domain/model';
import { compiled, cypher, fixedVariable, join, lines, name, type CompiledQuery } from './cypher';
import { textMatches } from './roots';
import { sortKeys, type SortRequest } from './sort';
import { wherePredicate } from './where';

/** What a list export asks: the list's `where`, `sort` and full-text `search` (as a Lucene query). */
export interface ExportRead {
  label: EntityLabel;
  where: Record<string, unknown> | null;
  sort: readonly SortRequest[];
  lucene: string | null;
}

/**
 * Every live entity of an export, in `sort` order then by id: one row per
 * entity with its export columns and the sources that state it, oldest first.
 * Rows stream to the client as Neo4j produces them, so nothing is collected.
 */
export function compileExportRows(read: ExportRead): CompiledQuery {
  const n = fixedVariable('n');
  const s = fixedVariable('s');
  const textIds = fixedVariable('textIds');
  const where = wherePredicate(n, read.label, read.where);
  const keys = sortKeys(n, read.label, read.sort);
  const columns = keys.map((_, i) => fixedVariable(`s${i}`));
  const idDirection = keys[keys.length - 1]?.direction ?? 'ASC';
  return compiled(
    `export/${read.label}`,
    lines([
      ...(read.lucene ? [textMatches(read.label, read.lucene, textIds)] : []),
      cypher`MATCH (${n}:${name(read.label)})`,
      cypher`WHERE ${n}.retracted IS NULL`,
      ...(read.lucene ? [cypher`  AND ${n}.id IN ${textIds}`] : []),
      ...(where.predicate ? [cypher`  AND ${where.predicate}`] : []),
      cypher`WITH ${n}, ${join(keys.map((k, i) => cypher`${k.expression} AS ${columns[i]!}`), ', ')}`,
      cypher`ORDER BY ${join(keys.map((k, i) => cypher`${columns[i]!} ${k.direction === 'ASC' ? cypher`ASC` : cypher`DESC`}`), ', ')}, ${n}.id ${idDirection === 'ASC' ? cypher`ASC` : cypher`DESC`}`,
      cypher`RETURN ${n}.id AS id, ${n}.name AS name, ${n}.kind AS kind, ${n}.country AS country, ${n}.description AS description,`,
      cypher`  coalesce(${n}.aliases, []) AS aliases,`,
      cypher`  COLLECT {`,
      cypher`    MATCH (${n})-[:STATED_IN]->(${s}:Source)`,
      cypher`    WITH ${s} ORDER BY ${s}.publishedOn, ${s}.id`,
      cypher`    RETURN ${s} {.id, .title, .publisher, .publishedOn}`,
      cypher`  } AS sources`,
    ]),
  );
}
