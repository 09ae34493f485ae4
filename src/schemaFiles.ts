import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from './projectRoot';

/** The hand-written part of the schema: Query and Mutation roots other than lists, paths, provenance, curation inputs, shared inputs. */
export const HAND_WRITTEN_SCHEMA_FILE = path.join(PROJECT_ROOT, 'schema.graphql');
/** The part generated from the domain model (scripts/generate-schema.ts), checked in. */
export const GENERATED_SCHEMA_FILE = path.join(PROJECT_ROOT, 'schema.generated.graphql');

/** The served schema's SDL: the hand-written part, then the generated part (which extends Query). */
export function schemaSdl(): string {
  return [HAND_WRITTEN_SCHEMA_FILE, GENERATED_SCHEMA_FILE].map((file) => fs.readFileSync(file, 'utf8')).join('\n');
}
