import * as fs from 'node:fs';
import { parse } from 'graphql';
import { generateSdl, MODEL } from '../src/domain/sdl';
import { GENERATED_SCHEMA_FILE, HAND_WRITTEN_SCHEMA_FILE } from '../src/schemaFiles';

/**
 * Writes schema.generated.graphql from the domain model (npm run codegen), or
 * with --check exits 1 when the checked-in file differs from what the model
 * produces (npm run codegen:check).
 */
const sdl = generateSdl(MODEL, parse(fs.readFileSync(HAND_WRITTEN_SCHEMA_FILE, 'utf8')));
if (process.argv.includes('--check')) {
  const current = fs.existsSync(GENERATED_SCHEMA_FILE) ? fs.readFileSync(GENERATED_SCHEMA_FILE, 'utf8') : '';
  if (current !== sdl) {
    console.error(`${GENERATED_SCHEMA_FILE} is not what the domain model generates: run npm run codegen`);
    process.exit(1);
  }
} else {
  fs.writeFileSync(GENERATED_SCHEMA_FILE, sdl);
}
