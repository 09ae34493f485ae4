import type { z } from 'zod';
import type { EntityDeclaration } from '../src/domain/entities';
import { DOMAIN_MODEL, WRITE, evidence, writeSchemas, writtenSource } from '../src/domain/writeSchemas';

/**
 * The write schemas are built from the model: these tests need no database.
 * Seed files, curation and the import are tested through them elsewhere
 * (seed, ecosystemSeed, curation, exportImport).
 */

const messages = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the write schemas of a model with one more label', () => {
  const grant: EntityDeclaration = {
    description: 'A research grant.',
    displayName: { en: 'Grant', ja: '研究助成', 'zh-Hant': '研究補助' },
    displayNamePlural: { en: 'Grants', ja: '研究助成', 'zh-Hant': '研究補助' },
    shape: 'barrel',
    list: { name: 'grants', description: 'Research grants.' },
    properties: {
      amountUsd: { type: 'number', required: true, description: 'How much, in US dollars.' },
      awardedOn: { type: 'date', description: 'When it was awarded.' },
    },
    relations: {},
  };
  const model = {
    ...DOMAIN_MODEL,
    entities: { ...DOMAIN_MODEL.entities, Grant: grant },
    relationships: { ...DOMAIN_MODEL.relationships, AWARDED: { from: ['Fund'], to: ['Grant'] } },
  };
  const node = writeSchemas(model).node({ evidence });
  const written = { label: 'Grant', id: 'grant-one', name: 'Grant One', description: 'A grant.', evidence: 'The page names it.', amountUsd: 50_000, awardedOn: '2024-05' };

  it('validate a node of the new label with no other file changed', () => {
    expect(node.parse(written)).toEqual({ ...written, aliases: [], properties: {} });
  });

  it("check the new label's properties by their declared types, naming each field", () => {
    expect(messages(node, { ...written, amountUsd: 'a lot', awardedOn: '2024-13' })).toEqual([
      'amountUsd: Invalid input: expected number, received string',
      'awardedOn: must be a date as YYYY, YYYY-MM or YYYY-MM-DD',
    ]);
    const { amountUsd: _required, ...withoutAmount } = written;
    expect(messages(node, withoutAmount)).toEqual(['amountUsd: Invalid input: expected number, received undefined']);
  });

  it("keep the new label's fields out of its extra facts", () => {
    expect(messages(node, { ...written, properties: { awardedOn: '2024' } })).toEqual(['properties.awardedOn: properties may not redefine awardedOn']);
  });

  it("check a new relationship type's ends against the model", () => {
    const schemas = writeSchemas(model);
    expect(schemas.endpointProblem('AWARDED', 'to', 'Grant')).toBeUndefined();
    expect(schemas.endpointProblem('AWARDED', 'from', 'Person')).toBe('AWARDED cannot start at a Person (allowed: Fund)');
  });

  it('leave the domain model alone', () => {
    expect(messages(WRITE.node({ evidence }), written)[0]).toMatch(/^label: Invalid discriminator value/);
  });
});

describe('the write schemas of the domain model', () => {
  const node = WRITE.node({ evidence });
  const relationship = WRITE.relationship({ evidence });
  const event = { label: 'Event', id: 'an-event', name: 'An Event', description: 'An event.', evidence: 'Named.', kind: 'CONFERENCE' };

  it('take a date as precise as the page gives it', () => {
    expect(messages(node, { ...event, startDate: '2025-04' })).toEqual([]);
    expect(messages(node, { ...event, startDate: 'April 2025' })).toEqual(['startDate: must be a date as YYYY, YYYY-MM or YYYY-MM-DD']);
  });

  it("require the kinds of a label that has kinds, from the model's enum", () => {
    const { kind: _kind, ...withoutKind } = event;
    expect(messages(node, withoutKind)).toEqual([expect.stringMatching(/^kind: Invalid option: expected one of "INVESTMENT_FORUM"\|/)]);
  });

  it("type a label's facts stated among its extra properties, and date every date property", () => {
    const person = { label: 'Person', id: 'a-person', name: 'A Person', description: 'A person.', evidence: 'Named.' };
    expect(messages(node, { ...person, properties: { honorific: 'Dr.', formerRole: 'CEO' } })).toEqual([]);
    expect(messages(node, { ...person, properties: { honorific: ['Dr.'], announcedOn: 'soon' } })).toEqual([
      'properties.honorific: honorific: Invalid input: expected string, received array',
      'properties.announcedOn: announcedOn must be YYYY, YYYY-MM or YYYY-MM-DD',
    ]);
  });

  it("refuse an extra fact named like one of the label's fields, but not like another label's", () => {
    const policy = { label: 'Policy', id: 'a-law', name: 'A Law', description: 'A law.', evidence: 'Named.', kind: 'LAW' };
    expect(messages(node, { ...policy, properties: { status: 'draft' } })).toEqual([]);
    expect(messages(node, { ...policy, properties: { country: 'JP' } })).toEqual(['properties.country: properties may not redefine country']);
  });

  it("check a relationship's properties by its edge type: PARTY_TO needs the model's party role", () => {
    const party = { type: 'PARTY_TO', from: 'an-org', to: 'an-agreement', evidence: 'Signed.' };
    expect(messages(relationship, { ...party, properties: { role: 'LICENSOR', stakePercent: 25 } })).toEqual([]);
    expect(messages(relationship, party)).toEqual([expect.stringMatching(/^properties\.role: PARTY_TO needs properties\.role, one of LICENSOR, LICENSEE, /)]);
    expect(messages(relationship, { ...party, properties: { role: 'LICENSOR', stakePercent: '25 %' } })).toEqual([
      'properties.stakePercent: stakePercent: Invalid input: expected number, received string',
    ]);
  });

  it("refuse a relationship property outside the model's when the format closes the list", () => {
    const role = { type: 'HOLDS_ROLE', from: 'a-person', to: 'an-org', evidence: 'Named.', properties: { title: 'CEO', asOf: '2024', mood: 'happy' } };
    expect(messages(relationship, role)).toEqual([]);
    expect(messages(WRITE.relationship({ evidence }, { closed: true }), role)).toEqual([expect.stringMatching(/^properties\.mood: relationship properties are limited to /)]);
    expect(messages(relationship, { ...role, properties: { asOf: 'last year' } })).toEqual(['properties.asOf: asOf must be YYYY, YYYY-MM or YYYY-MM-DD']);
  });

  it('take only http and https source URLs', () => {
    const source = { id: 'a-page', publisher: 'Example', title: 'A page', publishedOn: '2025' };
    expect(messages(writtenSource, { ...source, url: 'https://example.org/a' })).toEqual([]);
    expect(messages(writtenSource, { ...source, url: 'javascript:alert(1)' })).toEqual(['url: must be an http or https URL']);
  });
});
