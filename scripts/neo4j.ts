import {
  localInstance,
  localNeo4jStatus,
  resetLocalNeo4j,
  startLocalNeo4j,
  stopLocalNeo4j,
} from '../src/localNeo4j/server';

const usage = 'usage: tsx scripts/neo4j.ts start|stop|status|reset [--instance dev|test]';

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const flag = rest.indexOf('--instance');
  const name = flag >= 0 ? rest[flag + 1] : 'dev';
  const instance = localInstance(name ?? 'dev');
  switch (command) {
    case 'start': {
      const conn = await startLocalNeo4j(instance);
      console.log(`running: ${conn.uri} (user ${conn.username})`);
      break;
    }
    case 'stop':
      console.log((await stopLocalNeo4j(instance)) ? 'stopped' : 'not running');
      break;
    case 'status': {
      const status = localNeo4jStatus(instance);
      console.log(status.running ? `running (pid ${status.pid}, bolt port ${instance.boltPort})` : 'not running');
      break;
    }
    case 'reset':
      resetLocalNeo4j(instance);
      console.log(`deleted the "${instance.name}" store`);
      break;
    default:
      throw new Error(usage);
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
