import { createInterface } from 'node:readline';
import { AccountStore } from '../src/auth/accounts';
import { migrateGraph } from '../src/ingest/migrateGraph';
import { argument, withExecutor } from './database';

const USAGE = 'usage: npm run users -- add NAME --role editor|reviewer|admin[,…]   (password from stdin or a prompt)\n       npm run users -- remove NAME\n       npm run users -- list';

/** The password: the first line of stdin when it is piped, else asked for twice without echo. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin });
    for await (const line of rl) return line;
    throw new Error('no password on stdin');
  }
  const ask = (prompt: string): Promise<string> =>
    new Promise((resolve) => {
      const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
      // Echo nothing of what is typed.
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
        if (s.startsWith(prompt)) process.stdout.write(prompt);
      };
      rl.question(prompt, (answer) => {
        rl.close();
        process.stdout.write('\n');
        resolve(answer);
      });
    });
  const first = await ask('password: ');
  if ((await ask('again: ')) !== first) throw new Error('the two passwords differ');
  return first;
}

/** npm run users: local accounts for signing in to the pages (stored in Neo4j, passwords as argon2id hashes). */
async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  if (command === 'add' && name) {
    const roles = (argument('role') ?? '').split(',').map((r) => r.trim()).filter(Boolean);
    if (roles.length === 0) throw new Error(USAGE);
    const password = await readPassword();
    await withExecutor(async (executor) => {
      await migrateGraph(executor);
      const account = await new AccountStore(executor).set(name, password, roles);
      console.log(`account ${account.name} saved with roles ${account.roles.join(', ')}`);
    });
  } else if (command === 'remove' && name) {
    await withExecutor(async (executor) => console.log((await new AccountStore(executor).remove(name)) ? `account ${name} removed` : `no account ${name}`));
  } else if (command === 'list') {
    await withExecutor(async (executor) => {
      for (const a of await new AccountStore(executor).list()) console.log(`${a.name}\t${a.roles.join(',')}`);
    });
  } else throw new Error(USAGE);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
