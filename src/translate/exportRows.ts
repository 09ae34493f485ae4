import { COMMON_PROPERTY_DECLARATIONS, EDGE_DECLARATIONS, ENTITIES, fieldNameOf, type EntityDeclaration, type PropertyDeclaration, type RelationDeclaration } from '../domain/entities';
import type { EntityLabel } from '../domain/model';
import { compiled, cypher, EMPTY, fixedVariable, join, lines, name, stringLiteral, type CompiledQuery, type Fragment, type Variable } from './cypher';
import { relationshipPattern } from './emit';
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
  /** A column listing the entities of this relationship field (`exportRelations`), with the edge's role or title. */
  relation?: RelationDeclaration;
  /** The column of values the sources give apart (claims): "property: value (as of date)". */
  claims?: true;
}

/** The citation columns that end every export's header: the sources that state the entity, oldest first. */
export const SOURCE_COLUMNS = ['sourceIds', 'sourceTitles', 'sourcePublishers', 'sourcePublishedOn'] as const;

/**
 * The entity columns of each label's export, derived from `model`: id, name,
 * type, the kind (as its field names it) and the label's own fields in model
 * order, description, aliases, its `exportRelations` and its claims.
 * Properties without a field are left out.
 */
export function exportColumns(model: Readonly<Record<string, EntityDeclaration>>): Record<string, readonly ExportColumn[]> {
  return Object.fromEntries(Object.entries(model).map(([label, entity]) => [label, columnsOf(entity)]));
}

function columnsOf(entity: EntityDeclaration): ExportColumn[] {
  const own = Object.entries(entity.properties).flatMap(([property, declaration]) => {
    const field = fieldNameOf(property, declaration);
    return field === null ? [] : [{ name: field, properties: declaration.fallback ? [property, declaration.fallback] : [property], declaration }];
  });
  const related = (entity.exportRelations ?? []).map((field): ExportColumn => {
    const relation = entity.relations[field];
    if (!relation) throw new Error(`exportRelations names ${field}, which is not a relationship field`);
    return { name: field, properties: [], relation, declaration: { type: 'strings', description: relation.description } };
  });
  return [common('id'), common('name'), TYPE_COLUMN, ...(entity.kind ? [kindColumn(entity.kind)] : []), ...own, common('description'), common('aliases'), ...related, CLAIMS_COLUMN];
}

const CLAIMS_COLUMN: ExportColumn = {
  name: 'claims',
  properties: [],
  claims: true,
  declaration: { type: 'strings', description: 'Values the sources give apart, disputed or dated: "property: value (as of date)".' },
};

/** What an edge-listing column adds after a name: its first required property (a party's role), else a title. */
function edgeQualifier(relation: RelationDeclaration): string | null {
  if (relation.kind !== 'edges') return null;
  const properties: [string, PropertyDeclaration][] = Object.entries(EDGE_DECLARATIONS[relation.edge].properties);
  return (properties.find(([, declaration]) => declaration.required) ?? properties.find(([field]) => field === 'title'))?.[0] ?? null;
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
  const values = EXPORT_COLUMNS[read.label].flatMap((column) => {
    if (column.relation) return [cypher`${name(column.name)}: ${relatedNames(n, column.relation)}`];
    if (column.claims) return [cypher`${name(column.name)}: ${claimTexts(n)}`];
    if (column.properties.length === 0) return [];
    const [first, ...fallbacks] = column.properties.map((property) => cypher`${n}.${name(property)}`);
    return [cypher`${name(column.name)}: ${fallbacks.length ? cypher`coalesce(${join([first!, ...fallbacks], ', ')})` : first!}`];
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

/** The live entities of a relationship field, by name: "name (ROLE)" where the edge has a role or title. */
function relatedNames(n: Variable, relation: RelationDeclaration): Fragment {
  const r = fixedVariable('xr');
  const m = fixedVariable('xm');
  const qualifier = edgeQualifier(relation);
  const text = qualifier ? cypher`${m}.name + coalesce(' (' + ${r}.${name(qualifier)} + ')', '')` : cypher`${m}.name`;
  const only = relation.kind === 'nodes' && relation.where ? cypher` AND ${r}.${name(relation.where.property)} = ${stringLiteral(relation.where.equals)}` : EMPTY;
  return cypher`COLLECT { MATCH ${relationshipPattern(n, r, m, relation)} WHERE ${r}.retracted IS NULL AND ${m}.retracted IS NULL${only} WITH ${text} AS text ORDER BY text RETURN text }`;
}

/** The entity's own claims (not its relationships'), by property then date then value. */
function claimTexts(n: Variable): Fragment {
  const c = fixedVariable('xc');
  return cypher`COLLECT { MATCH (${c}:Claim)-[:ABOUT]->(${n}) WHERE ${c}.retracted IS NULL AND ${c}.subjectRelationshipId IS NULL WITH ${c} ORDER BY ${c}.property, ${c}.asOf, toString(${c}.value) RETURN ${c}.property + ': ' + toString(${c}.value) + coalesce(' (as of ' + toString(${c}.asOf) + ')', '') }`;
}
