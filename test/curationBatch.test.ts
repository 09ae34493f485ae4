import type { Driver, ManagedTransaction, Session } from 'neo4j-driver';
import { Executor } from '../src/db/executor';
import { migrateGraph } from '../src/ingest/migrateGraph';
import { parseRecordAgreement } from '../src/modules/curation/inputs';
import { recordAgreement } from '../src/modules/curation/repository';
import { openTestDriver, testTarget } from './support/harness';

/**
 * recordAgreement writes every relationship of an agreement in a fixed number of
 * statements, however many parties, facilitators, covered technologies and
 * territories it has. Runs against the real database; the driver is only
 * watched, so the count is of statements Neo4j really received.
 */

const ORGS = Array.from({ length: 20 }, (_, i) => `batch-org-${i + 1}`);
const FACILITATORS = Array.from({ length: 20 }, (_, i) => `batch-facilitator-${i + 1}`);
const TECHNOLOGIES = Array.from({ length: 20 }, (_, i) => `batch-tech-${i + 1}`);
// User-assigned ISO codes, so no seeded Country shares them.
const TERRITORY = ['XA', 'XB', 'XC'];

/** A driver whose write transactions count the statements they send. */
function watched(driver: Driver, statements: string[]): Driver {
  const watchSession = (session: Session): Session =>
    new Proxy(session, {
      get(target, prop, receiver) {
        if (prop !== 'executeWrite') return Reflect.get(target, prop, receiver) as unknown;
        return (work: (tx: ManagedTransaction) => Promise<unknown>, config?: object) =>
          target.executeWrite((tx) => {
            const counted = new Proxy(tx, {
              get(inner, name, r) {
                if (name !== 'run') return Reflect.get(inner, name, r) as unknown;
                return (text: string, params?: Record<string, unknown>) => {
                  statements.push(text);
                  return inner.run(text, params);
                };
              },
            });
            return work(counted);
          }, config);
      },
    });
  return new Proxy(driver, {
    get(target, prop, receiver) {
      if (prop !== 'session') return Reflect.get(target, prop, receiver) as unknown;
      return (config: Parameters<Driver['session']>[0]) => watchSession(target.session(config));
    },
  });
}

function agreement(id: string, parties: string[], facilitators: string[], covers: string[], territory: string[]) {
  return parseRecordAgreement({
    input: {
      id,
      name: `Batch agreement ${id}`,
      description: 'An agreement written by the batching test.',
      kind: 'LICENSE',
      exclusive: false,
      territory,
      parties: parties.map((organization, i) => ({ organization, role: i === 0 ? 'LICENSOR' : 'LICENSEE' })),
      facilitators,
      covers,
      source: { id: 'batch-source' },
      evidence: 'Batch test: the agreement as the test states it.',
    },
  });
}

describe('curation writes an agreement’s relationships in batches', () => {
  const target = testTarget();
  let driver: Driver;
  let statements: string[];
  let executor: Executor;

  async function query<T>(cypher: string, params: Record<string, unknown> = {}): Promise<T[]> {
    const result = await driver.executeQuery(cypher, params, { database: target.database });
    return result.records.map((record) => record.toObject() as T);
  }

  async function removeBatchData(): Promise<void> {
    await query("MATCH (n) WHERE n.id STARTS WITH 'batch-' DETACH DELETE n");
  }

  beforeAll(async () => {
    driver = openTestDriver();
    statements = [];
    executor = new Executor(watched(driver, statements), { database: target.database, timeoutMs: 30_000 });
    await migrateGraph(executor);
    await removeBatchData();
    await query(
      `CREATE (:Source {id: 'batch-source', publisher: 'Batch Press', title: 'Batch test source', publishedOn: '2025-01-01'})
       WITH 1 AS one
       UNWIND $orgs AS id CREATE (:Entity:Organization {id: id, name: id, description: 'Batch test organization.', kind: 'COMPANY'})
       WITH count(*) AS done
       UNWIND $techs AS id CREATE (:Entity:Technology {id: id, name: id, description: 'Batch test technology.', kind: 'PLATFORM'})
       WITH count(*) AS done
       UNWIND $codes AS code CREATE (:Entity:Country {id: 'batch-country-' + toLower(code), code: code, name: code, description: 'Batch test country.'})`,
      { orgs: [...ORGS, ...FACILITATORS], techs: TECHNOLOGIES, codes: TERRITORY },
    );
  });

  afterAll(async () => {
    await removeBatchData();
    await driver.close();
  });

  beforeEach(() => {
    statements.length = 0;
  });

  it('sends as many statements for 63 relationships as for 2', async () => {
    await recordAgreement(executor, agreement('batch-small', ORGS.slice(0, 1), [], [], TERRITORY.slice(0, 1)), 'batch-test');
    const forTwo = statements.length;
    statements.length = 0;

    await recordAgreement(executor, agreement('batch-large', ORGS, FACILITATORS, TECHNOLOGIES, TERRITORY), 'batch-test');
    expect(statements.length).toBe(forTwo);
  });

  it('stores each of the 63 relationships with its type, source, evidence and who wrote it, and lists them in the change', async () => {
    const write = await recordAgreement(executor, agreement('batch-stored', ORGS, FACILITATORS, TECHNOLOGIES, TERRITORY), 'batch-test');
    const rows = await query<{ type: string; other: string; role: string | null; sourceIds: string[]; evidence: string[]; updatedBy: string }>(
      `MATCH (a:Agreement {id: 'batch-stored'})-[r]-(other:Entity)
       RETURN type(r) AS type, other.id AS other, r.role AS role, r.sourceIds AS sourceIds, r.evidence AS evidence, r.updatedBy AS updatedBy`,
    );
    const byType = (type: string) => rows.filter((r) => r.type === type).map((r) => r.other).sort();
    expect(rows).toHaveLength(63);
    expect(byType('PARTY_TO')).toEqual([...ORGS].sort());
    expect(byType('FACILITATED')).toEqual([...FACILITATORS].sort());
    expect(byType('COVERS')).toEqual([...TECHNOLOGIES].sort());
    expect(byType('APPLIES_IN')).toEqual(['batch-country-xa', 'batch-country-xb', 'batch-country-xc']);
    expect(rows.filter((r) => r.role === 'LICENSOR').map((r) => r.other)).toEqual(['batch-org-1']);
    for (const r of rows) {
      expect({ sourceIds: r.sourceIds, evidence: r.evidence, updatedBy: r.updatedBy }).toEqual({
        sourceIds: ['batch-source'],
        evidence: ['Batch test: the agreement as the test states it.'],
        updatedBy: 'batch-test',
      });
    }
    expect(write.change.targetIds).toHaveLength(64);
    expect(write.change.targetIds).toContain('batch-stored');
    expect(write.change.targetIds).toContain('batch-facilitator-7--FACILITATED--batch-stored');
  });

  it('changes no relationship count when the same agreement is recorded again', async () => {
    const request = agreement('batch-again', ORGS.slice(0, 5), FACILITATORS.slice(0, 5), TECHNOLOGIES.slice(0, 5), TERRITORY);
    const count = async () =>
      (await query<{ n: number }>("MATCH (:Agreement {id: 'batch-again'})-[r]-() RETURN count(r) AS n"))[0]!.n;
    const first = await recordAgreement(executor, request, 'batch-test');
    const after = await count();
    const second = await recordAgreement(executor, request, 'batch-test');
    expect({ created: first.created, relationships: after }).toEqual({ created: true, relationships: 18 + 1 });
    expect({ created: second.created, relationships: await count() }).toEqual({ created: false, relationships: after });
  });
});
