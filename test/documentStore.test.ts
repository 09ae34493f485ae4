import { parse } from 'graphql';
import { boundedDocumentStore } from '../src/http/documentStore';

describe('the parsed-document cache', () => {
  it('keeps documents within its byte bound, dropping the least recently used first', async () => {
    const query = (i: number) => `# ${i}\nquery Q { organizations(first: 1) { id } }`;
    const store = boundedDocumentStore(query(0).length * 64 * 3);
    for (let i = 0; i < 5; i++) await store.set(`k${i}`, parse(query(i)));
    expect(await store.get('k0')).toBeUndefined();
    expect(await store.get('k4')).toBeDefined();
    const kept = await Promise.all([0, 1, 2, 3, 4].map(async (i) => (await store.get(`k${i}`)) !== undefined));
    expect(kept.filter(Boolean).length).toBeLessThanOrEqual(3);
  });
});
