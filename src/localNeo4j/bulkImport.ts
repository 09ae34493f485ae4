import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  DEFAULT_INSTANCES,
  instanceDir,
  libDir,
  localInstance,
  localNeo4jStatus,
  neo4jRoot,
  writeConfig,
  type LocalInstance,
} from './server';

/**
 * The offline bulk path of the project's own local server: `neo4j-admin database
 * import full`, run from the same Maven jars as the server. It only fills an
 * empty database of a stopped server; the caller stops and restarts it.
 */

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function confValue(conf: string, key: string): string | undefined {
  const line = conf.split('\n').find((l) => l.startsWith(`${key}=`));
  return line?.slice(key.length + 1).trim();
}

/** The -Xmx a running server was started with, read from its command line (Linux). */
function runningHeap(pid: number): string | undefined {
  try {
    const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return args.find((a) => a.startsWith('-Xmx'))?.slice(4);
  } catch {
    return undefined;
  }
}

/**
 * The project's local instance (a folder under .neo4j/ with a generated
 * neo4j.conf) whose Bolt port a loopback `uri` names, with the ports and memory it
 * runs with; undefined for any other server (Aura, a cluster, another host).
 */
export function localInstanceAt(uri: string): LocalInstance | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  if (!['bolt:', 'neo4j:'].includes(url.protocol) || !LOOPBACK.has(url.hostname)) return undefined;
  const port = Number(url.port || 7687);
  if (!fs.existsSync(neo4jRoot)) return undefined;
  for (const name of fs.readdirSync(neo4jRoot)) {
    const file = path.join(neo4jRoot, name, 'conf', 'neo4j.conf');
    if (!fs.existsSync(file)) continue;
    const conf = fs.readFileSync(file, 'utf8');
    const bolt = Number(confValue(conf, 'server.bolt.listen_address')?.split(':').pop());
    if (bolt !== port) continue;
    const known = DEFAULT_INSTANCES[name];
    if (known) return known;
    const http = confValue(conf, 'server.http.listen_address')?.split(':').pop();
    const pid = localNeo4jStatus({ name } as LocalInstance).pid;
    return localInstance(name, {
      ...process.env,
      NEO4J_LOCAL_BOLT_PORT: String(bolt),
      NEO4J_LOCAL_HTTP_PORT: http,
      NEO4J_LOCAL_PAGECACHE: confValue(conf, 'server.memory.pagecache.size') ?? process.env.NEO4J_LOCAL_PAGECACHE,
      NEO4J_LOCAL_HEAP: (pid ? runningHeap(pid) : undefined) ?? process.env.NEO4J_LOCAL_HEAP,
    });
  }
  return undefined;
}

/** Whether the instance has never held a `database` store (a fresh instance, or one just reset). */
export function storeIsAbsent(instance: LocalInstance, database = 'neo4j'): boolean {
  return !fs.existsSync(path.join(instanceDir(instance), 'data', 'databases', database));
}

export interface AdminImportInput {
  /** Node files, each with the labels of every node in it. */
  nodes: { labels: readonly string[]; file: string }[];
  /** Relationship files; the type is a column of each. */
  relationships: string[];
  /** The character between list elements in the files. */
  arrayDelimiter: string;
  /** Whether some quoted value holds a line break (slower parsing). */
  multilineFields: boolean;
}

/**
 * Runs `neo4j-admin database import full` into the stopped instance's database,
 * replacing whatever store it had, with the instance's heap as heap and its page
 * cache size as off-heap memory. Resolves with the seconds it took (JVM included)
 * and the tool's own timing; rejects with the tail of its output when it fails.
 */
export async function importIntoStoppedInstance(
  instance: LocalInstance,
  input: AdminImportInput,
  database = 'neo4j',
): Promise<{ seconds: number; importerSaid: string }> {
  if (localNeo4jStatus(instance).running) throw new Error(`instance "${instance.name}" is running; the bulk import needs it stopped`);
  writeConfig(instance);
  const home = instanceDir(instance);
  const args = [
    `-Xmx${instance.heap}`,
    '-XX:+UseG1GC',
    '-Dfile.encoding=UTF-8',
    '-cp',
    `${libDir}/*`,
    'org.neo4j.cli.AdminTool',
    'database',
    'import',
    'full',
    // before the file options, which take every following value as a file
    database,
    `--max-off-heap-memory=${instance.pageCache}`,
    `--array-delimiter=U+${input.arrayDelimiter.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
    `--multiline-fields=${input.multilineFields}`,
    `--report-file=${path.join(home, 'logs', 'import.report')}`,
    '--overwrite-destination=true',
    ...input.nodes.map((n) => `--nodes=${n.labels.join(':')}=${n.file}`),
    ...input.relationships.map((file) => `--relationships=${file}`),
  ];
  const started = performance.now();
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('java', args, {
      env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: path.join(home, 'conf') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      output.push(chunk.toString('utf8'));
      if (output.length > 200) output.splice(0, output.length - 200);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', (error) => reject(new Error(`could not run java for neo4j-admin: ${error.message}`)));
    child.once('close', resolve);
  });
  if (code !== 0) {
    const tail = output.join('').split('\n').filter((l) => l.trim() && !/^(\.|\s+at |\s+\.\.\. \d+ more)/.test(l)).slice(-8).join('\n  ');
    throw new Error(`neo4j-admin database import exited with ${code}:\n  ${tail}`);
  }
  const done = /IMPORT DONE in ([^.\n]+)/.exec(output.join(''))?.[1];
  return { seconds: (performance.now() - started) / 1000, importerSaid: done ? `import done in ${done}` : 'import done' };
}
