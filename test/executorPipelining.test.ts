import { Session } from 'neo4j-driver';
import { cypherQuery } from '../src/db/cypher';
import { run } from '../src/db/executor';
import { startTestApp, type TestApp } from './support/harness';

/**
 * The executor's managed transactions send BEGIN together with their first
 * statement (the driver's pipelined begin, which its own executeQuery uses):
 * one round trip fewer per transaction. Their answers and refusals are as before.
 */

describe('the executor’s transactions, BEGIN sent with their first statement', () => {
  let app: TestApp;
  const pipelined: boolean[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    for (const method of ['executeRead', 'executeWrite'] as const) {
      const original = Session.prototype[method];
      jest.spyOn(Session.prototype, method).mockImplementation(function (this: Session, ...args: Parameters<Session['executeWrite']>) {
        pipelined.push((this as unknown as { _transactionExecutor: { pipelineBegin: boolean } })._transactionExecutor.pipelineBegin);
        return (original as (...a: unknown[]) => Promise<unknown>).apply(this, args);
      } as never);
    }
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await app.close();
  });

  it('runs read and write transactions with BEGIN pipelined, and commits what the work wrote', async () => {
    pipelined.length = 0;
    const id = `pipelined-${Date.now()}`;
    await app.executor.writeTransaction('test/write', (tx) => tx.run('CREATE (:PipelineProbe {id: $id})', { id }).then(() => undefined));
    const read = await app.executor.readTransaction('test/read', (tx) => tx.run('MATCH (p:PipelineProbe {id: $id}) RETURN count(p) AS n', { id }).then((r) => Number(r.records[0]!.get('n'))));
    expect(read).toBe(1);
    expect(pipelined).toEqual([true, true]);
    await app.executor.writeTransaction('test/cleanup', (tx) => tx.run('MATCH (p:PipelineProbe {id: $id}) DELETE p', { id }).then(() => undefined));
  });

  it('refuses a transaction whose first statement fails, and rolls back a transaction whose work throws after a write', async () => {
    await expect(app.executor.writeTransaction('test/bad', (tx) => tx.run('THIS IS NOT CYPHER').then(() => undefined))).rejects.toThrow();
    const id = `rolled-back-${Date.now()}`;
    await expect(
      app.executor.writeTransaction('test/refused', async (tx) => {
        await tx.run('CREATE (:PipelineProbe {id: $id})', { id });
        throw new Error('refused after the write');
      }),
    ).rejects.toThrow('refused after the write');
    const [row] = await app.executor.read<{ n: number }>({ name: 'test/count', text: 'MATCH (p:PipelineProbe {id: $id}) RETURN count(p) AS n' }, { id });
    expect(row!.n).toBe(0);
    // The executor's statements run as before inside a pipelined transaction.
    const [version] = await app.executor.readTransaction('test/named', (tx) => run<{ exists: boolean }>(tx, cypherQuery('curation/sourceExists'), { id: 'no-such-source' }));
    expect(version!.exists).toBe(false);
  });
});
