import { createHash } from 'node:crypto';
import { ENTITY_LABELS } from '../domain/model';
import { SCALAR_FIELDS } from '../domain/entityTypes';
import { INDEXED_SEARCH_PROPERTIES } from '../domain/properties';
import { isIdentifier } from '../translate/cypher';

const snake = (text: string) => text.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

function checked(text: string): string {
  if (!isIdentifier(text)) throw new Error(`the model names a label or property that is not a plain identifier: ${text}`);
  return text;
}

/**
 * The schema statements every label of the model needs, derived from it: a
 * uniqueness constraint on `id`, a range index on every required ordered
 * property (lists sorted by it read in index order), both named
 * `<label>_<property>` like the hand-written migrations before them, and the
 * full-text index `entity_search` over every label on the searchable properties
 * (names by their search keys), made again whenever the model changes it. So a
 * label added to the model gets its indexes without a migration file.
 */
export function modelIndexStatements(): string[] {
  const labels = ENTITY_LABELS.map(checked).join('|');
  const searched = INDEXED_SEARCH_PROPERTIES.map((p) => `n.${checked(p)}`).join(', ');
  return [
    ...perLabelStatements(),
    'DROP INDEX entity_search IF EXISTS',
    `CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:${labels}) ON EACH [${searched}]`,
  ];
}

function perLabelStatements(): string[] {
  return ENTITY_LABELS.flatMap((label) => {
    const l = checked(label);
    const required = Object.values(SCALAR_FIELDS[label]).filter((f) => f.required && f.property !== 'id');
    return [
      `CREATE CONSTRAINT ${snake(l)}_id IF NOT EXISTS FOR (n:${l}) REQUIRE n.id IS UNIQUE`,
      ...required.map((f) => `CREATE INDEX ${snake(l)}_${snake(checked(f.property))} IF NOT EXISTS FOR (n:${l}) ON (n.${f.property})`),
    ];
  });
}

/** The record id and checksum of the derived statements: applied again whenever the model changes them. */
export function modelIndexMigration(): { id: string; checksum: string; statements: string[] } {
  const statements = modelIndexStatements();
  return { id: 'model-indexes', checksum: createHash('sha256').update(statements.join('\n')).digest('hex'), statements };
}
