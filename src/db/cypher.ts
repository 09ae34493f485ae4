import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../projectRoot';
import { isIdentifier } from '../translate/cypher';

/** A Cypher statement with the name it is logged, measured and tagged under. */
export interface CypherQuery {
  readonly name: string;
  readonly text: string;
}

export const CYPHER_DIR = path.join(PROJECT_ROOT, 'cypher');
const cache = new Map<string, CypherQuery>();

/**
 * The named query in cypher/queries/<name>.cypher, e.g. cypherQuery('organization/byIds').
 * Read once and cached. Throws if the file does not exist (a programming error).
 */
export function cypherQuery(name: string): CypherQuery {
  let found = cache.get(name);
  if (!found) {
    const file = path.join(CYPHER_DIR, 'queries', `${name}.cypher`);
    found = { name, text: fs.readFileSync(file, 'utf8') };
    cache.set(name, found);
  }
  return found;
}

/**
 * A named query whose text has `{{placeholder}}`s filled from a fixed vocabulary
 * (labels and relationship types from src/domain/model.ts, validated integers,
 * variable names, or a parameter: `$` and a plain identifier).
 * The query keeps its base name, so metrics group every variant together.
 * Every value must be a plain identifier (src/translate/cypher.ts isIdentifier), one
 * with a leading `$` (a parameter), or a safe integer; anything else throws, so
 * request text can never become Cypher.
 */
export function cypherTemplate(name: string, values: Record<string, TemplateValue>): CypherQuery {
  const base = cypherQuery(name);
  const text = base.text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
    if (typeof value === 'string' && isIdentifier(value.startsWith('$') ? value.slice(1) : value)) return value;
    if (Array.isArray(value) && value.length > 0 && value.every(isIdentifier)) return value.join('|');
    throw new Error(`template ${name}: no safe value for {{${key}}}`);
  });
  return { name, text };
}

/** A name from the fixed vocabulary (a parameter's with its `$`), a list of them (joined with `|`, as in `[r:A|B]`), or an integer. */
export type TemplateValue = string | number | readonly string[];
