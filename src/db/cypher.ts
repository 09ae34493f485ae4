import * as fs from 'node:fs';
import * as path from 'node:path';

/** A Cypher statement with the name it is logged, measured and tagged under. */
export interface CypherQuery {
  readonly name: string;
  readonly text: string;
}

export const CYPHER_DIR = path.resolve(__dirname, '..', '..', 'cypher');
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
 * (labels and relationship types from src/domain/model.ts, validated integers).
 * Every value must match ^[A-Za-z_][A-Za-z0-9_]*$ or be a safe integer; anything
 * else throws, so request text can never become Cypher.
 */
export function cypherTemplate(name: string, values: Record<string, string | number>): CypherQuery {
  const base = cypherQuery(name);
  const text = base.text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
    if (typeof value === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) return value;
    throw new Error(`template ${name}: no safe value for {{${key}}}`);
  });
  return { name: `${name}:${Object.values(values).join(',')}`, text };
}
