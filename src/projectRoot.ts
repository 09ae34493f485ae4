import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The folder holding the project's package.json: the repository when run from
 * source (tsx), the image's /app when run compiled from dist/. Files shipped
 * beside the code (schema.graphql, cypher/, seed/, web/dist/) are found from here.
 */
function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}

export const PROJECT_ROOT = findProjectRoot(__dirname);
