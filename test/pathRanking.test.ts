import { explainHub, hubSize } from '../src/modules/paths/explain';
import { comparePaths, isDated, pathStrength, selectPaths, specificity, type Rankable } from '../src/modules/paths/rank';
import type { EntityRecord } from '../src/modules/entity/records';

/** How partnership paths are scored, ordered and kept, and how a hub is put in words (no database). */

const path = (key: string, length: number, weak: boolean, strength: number): Rankable => ({ key, length, weak, strength });
const entity = (id: string, label: EntityRecord['label'], name: string): EntityRecord => ({ id, label, props: { id, name } });

describe('path strength', () => {
  it('is 1 for a direct link stated by two sources, and lower for one source', () => {
    expect(pathStrength([], [{ sourceCount: 2 }])).toBe(1);
    expect(pathStrength([], [{ sourceCount: 1 }])).toBeCloseTo(0.9);
  });

  it('falls with the degree of the entity in between, so a 2,635-participant event weighs less than a two-party agreement', () => {
    const viaAgreement = pathStrength([{ degree: 5, dated: true }], [{ sourceCount: 1 }, { sourceCount: 1 }]);
    const viaEvent = pathStrength([{ degree: 2635, dated: true }], [{ sourceCount: 1 }, { sourceCount: 1 }]);
    expect(viaAgreement).toBeGreaterThan(viaEvent);
    expect(specificity(5)).toBeCloseTo(0.358, 3);
    expect(specificity(2635)).toBeCloseTo(0.113, 3);
  });

  it('is lower when nothing dates the entity in between', () => {
    expect(pathStrength([{ degree: 5, dated: false }], [])).toBeLessThan(pathStrength([{ degree: 5, dated: true }], []));
    expect(isDated({ signedOn: '2024-01-01' })).toBe(true);
    expect(isDated({ name: 'x' }, { role: 'LICENSOR' })).toBe(false);
  });
});

describe('which paths an answer keeps', () => {
  it('orders shorter first, then specific before weak, then stronger', () => {
    const sorted = [path('c', 3, false, 0.5), path('b', 2, true, 0.9), path('a', 2, false, 0.1)].sort(comparePaths);
    expect(sorted.map((p) => p.key)).toEqual(['a', 'b', 'c']);
  });

  it('keeps a shortest path first, then prefers specific links to weak ones that are shorter', () => {
    const weak = [1, 2, 3, 4].map((i) => path(`weak-${i}`, 2, true, 0.1));
    const specific = [path('specific-4', 4, false, 0.01), path('specific-3', 3, false, 0.02)];
    const kept = selectPaths([...weak, ...specific], 3);
    expect(kept.map((p) => p.key)).toEqual(['weak-1', 'specific-3', 'specific-4']);
  });

  it('fills the places specific links leave with weak ones rather than dropping them', () => {
    const kept = selectPaths([path('s', 4, false, 0.01), path('w1', 2, true, 0.1), path('w2', 3, true, 0.1)], 5);
    expect(kept.map((p) => p.key)).toEqual(['w1', 'w2', 's']);
  });
});

describe('a hub in words', () => {
  const forum = entity('forum', 'Event', 'Tokyo Forum');
  const hexun = entity('hexun-bio', 'Organization', 'Hexun Bio');
  const astellas = entity('astellas', 'Organization', 'Astellas Pharma Inc.');

  it('gives an event its participants, a modality its users, anything else its relationships', () => {
    expect(hubSize(forum, 2700, 2635)).toBe('2,635 participants');
    expect(hubSize(entity('msc', 'Modality', 'MSC'), 5000, 4565)).toBe('used by 4,565 organizations and technologies');
    expect(hubSize(entity('tw', 'Country', 'Taiwan'), 1257, null)).toBe('1,257 relationships');
  });

  it('says both took part in the event when both ends relate to the hub the same way', () => {
    const before = { from: hexun, to: forum, type: 'PARTICIPATED_IN' as const, direction: 'FORWARD' as const, properties: {} };
    const after = { from: forum, to: astellas, type: 'PARTICIPATED_IN' as const, direction: 'BACKWARD' as const, properties: {} };
    expect(explainHub(forum, '2,635 participants', before, after)).toBe('Hexun Bio and Astellas Pharma Inc. both took part in Tokyo Forum (2,635 participants).');
    const mixed = { ...after, type: 'SPOKE_AT' as const };
    expect(explainHub(forum, '2,635 participants', before, mixed)).toBe('Tokyo Forum (2,635 participants) links Hexun Bio and Astellas Pharma Inc.');
  });
});
