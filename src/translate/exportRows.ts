import { COMMON_PROPERTY_DECLARATIONS, ENTITIES, fieldNameOf, type EntityDeclaration, type PropertyDeclaration } from '../domain/entities';
import type { EntityLabel } from '../domain/model';
import { compiled, cypher, fixedVariable, join, lines, name, type CompiledQuery } from './cypher';
import { textMatches } from './roots';
import { sortKeys, type SortRequest } from './sort';
import { wherePredicate } from './where';

/**
 * One column of a list export: its name (the GraphQL field that reads the same
 * value), the stored properties it reads (the first one set; none for `type`,
 * which is the entity type) and the declaration that types its value.
 */
export interface ExportColumn {
  name: string;
  properties: readonly string[];
  declaration: PropertyDeclaration;
}

/** The citation columns that end every export's header: the sources that state the entity, oldest first. */
export const SOURCE_COLUMNS = ['sourceIds', 'sourceTitles', 'sourcePublishers', 'sourcePublishedOn'] as const;

/**
 * The entity columns of each label's export, derived from `model`: id, name,
 * type, the kind (as its field names it) and the label's own fields in model
 * order, description, aliases. Properties without a field are left out.
 */
export function exportColumns(model: Readonly<Record<string, EntityDeclaration>>): Record<string, readonly ExportColumn[]> {
  return Object.fromEntries(Object.entries(model).map(([label, entity]) => [label, columnsOf(entity)]));
}

function columnsOf(entity: EntityDeclaration): ExportColumn[] {
  const own = Object.entries(entity.properties).flatMap(([property, declaration]) => {
    const field = fieldNameOf(property, declaration);
    return field === null ? [] : [{ name: field, properties: declaration.fallback ? [property, declaration.fallback] : [property], declaration }];
  });
  return [common('id'), common('name'), TYPE_COLUMN, ...(entity.kind ? [kindColumn(entity.kind)] : []), ...own, common('description'), common('aliases')];
}

const common = (property: keyof typeof COMMON_PROPERTY_DECLARATIONS): ExportColumn => ({ name: property, properties: [property], declaration: COMMON_PROPERTY_DECLARATIONS[property] });

const TYPE_COLUMN: ExportColumn = { name: 'type', properties: [], declaration: { type: 'string', description: 'The entity type.' } };

/** The kind as the API reads it: as the label's enum where its field names it, else as the text field `kind`. */
function kindColumn(kind: NonNullable<EntityDeclaration['kind']>): ExportColumn {
  return kind.field ? { name: kind.field, properties: ['kind'], declaration: { type: 'enum', enum: kind.enum, description: 'Its kind.' } } : common('kind');
}

/** The entity columns of each label's export. */
export const EXPORT_COLUMNS = exportColumns(ENTITIES) as Record<EntityLabel, readonly ExportColumn[]>;

/** What a list export asks: the list's `where`, `sort` and full-text `search` (as a Lucene query). */
export interface ExportRead {
  label: EntityLabel;
  where: Record<string, unknown> | null;
  sort: readonly SortRequest[];
  lucene: string | null;
}

/**
 * Every live entity of an export, in `sort` order then by id: one row per
 * entity with `entity`, a map of its EXPORT_COLUMNS as stored (reading only the
 * properties they need), and `sources`, the sources that state it, oldest
 * first. Rows stream to the client as Neo4j produces them, so nothing is collected.
 */
export function compileExportRows(read: ExportRead): CompiledQuery {
  const n = fixedVariable('n');
  const s = fixedVariable('s');
  const textIds = fixedVariable('textIds');
  const where = wherePredicate(n, read.label, read.where);
  const keys = sortKeys(n, read.label, read.sort);
  const columns = keys.map((_, i) => fixedVariable(`s${i}`));
  const idDirection = keys[keys.length - 1]?.direction ?? 'ASC';
  const values = EXPORT_COLUMNS[read.label]
    .filter((column) => column.properties.length > 0)
    .map((column) => {
      const [first, ...fallbacks] = column.properties.map((property) => cypher`${n}.${name(property)}`);
      return cypher`${name(column.name)}: ${fallbacks.length ? cypher`coalesce(${join([first!, ...fallbacks], ', ')})` : first!}`;
    });
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
      cypher`RETURN {${join(values, ', ')}} AS entity,`,
      cypher`  COLLECT {`,
      cypher`    MATCH (${n})-[:STATED_IN]->(${s}:Source)`,
      cypher`    WITH ${s} ORDER BY ${s}.publishedOn, ${s}.id`,
      cypher`    RETURN ${s} {.id, .title, .publisher, .publishedOn}`,
      cypher`  } AS sources`,
    ]),
  );
}
