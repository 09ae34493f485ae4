/**
 * The peer: @neo4j/graphql 7 serving bench/peer.graphql over the same Neo4j, on
 * Apollo Server 5 (standalone), PORT (default 4103). Started by bench/run.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Neo4jGraphQL } from '@neo4j/graphql';
import neo4j from 'neo4j-driver';

async function main(): Promise<void> {
  const driver = neo4j.driver(process.env.NEO4J_URI!, neo4j.auth.basic('neo4j', process.env.NEO4J_PASSWORD!), {
    maxConnectionPoolSize: 50,
    // As the API's driver (src/db/driver.ts): no Cypher notifications built and sent with each result.
    notificationFilter: { minimumSeverityLevel: 'OFF' },
  });
  const typeDefs = fs.readFileSync(path.join(__dirname, 'peer.graphql'), 'utf8');
  const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
  if (process.argv.includes('--print-schema')) {
    const { printSchema } = await import('graphql');
    console.log(printSchema(schema));
    await driver.close();
    return;
  }
  const server = new ApolloServer({ schema });
  const { url } = await startStandaloneServer(server, {
    listen: { port: Number(process.env.PORT ?? 4103), host: '127.0.0.1' },
    context: async () => ({ sessionConfig: { database: 'neo4j' } }),
  });
  console.log(`peer ready at ${url}`);
}

main().catch((error: Error) => {
  console.error(`peer failed: ${error.message}`);
  process.exit(1);
});
