import { ENTITIES, type EntityDeclaration } from '../src/domain/entities';
import { compileExportRows, EXPORT_COLUMNS, exportColumns } from '../src/translate/exportRows';

/** The list export's columns come from the model: these tests need no database (test/export.test.ts streams them). */

const names = (columns: readonly { name: string }[]) => columns.map((c) => c.name);

describe('the columns of the list export', () => {
  it('are id, name, type, the kind and own fields as the API names them, in model order, description, aliases, the relationship fields the model exports, and claims', () => {
    expect(names(EXPORT_COLUMNS.Organization)).toEqual(['id', 'name', 'type', 'organizationKind', 'countryCode', 'description', 'aliases', 'parent', 'modalities', 'claims']);
    // The stored territory codes have no field of their own; the territory column lists the APPLIES_IN countries.
    expect(names(EXPORT_COLUMNS.Agreement)).toEqual([
      'id', 'name', 'type', 'agreementKind', 'exclusive', 'rightsGranted', 'signedOn', 'announcedOn', 'effectiveOn', 'description', 'aliases',
      'parties', 'territory', 'covers', 'signedAt', 'facilitators', 'claims',
    ]);
    expect(names(EXPORT_COLUMNS.Event)).toEqual(['id', 'name', 'type', 'kind', 'startDate', 'endDate', 'city', 'countryCode', 'description', 'aliases', 'venue', 'organizers', 'coHosts', 'claims']);
    expect(names(EXPORT_COLUMNS.Modality)).toEqual(['id', 'name', 'type', 'description', 'aliases', 'claims']);
    expect(EXPORT_COLUMNS.Event.find((c) => c.name === 'startDate')!.properties).toEqual(['startDate', 'startedOn']);
  });

  it('of a label added to the model follow from its declaration alone', () => {
    const vessel: EntityDeclaration = {
      description: 'A research vessel.',
      displayName: { en: 'Vessel', ja: '調査船', 'zh-Hant': '研究船' },
      displayNamePlural: { en: 'Vessels', ja: '調査船', 'zh-Hant': '研究船' },
      shape: 'cut-rectangle',
      list: { name: 'vessels', description: 'Research vessels.' },
      properties: {
        flag: { type: 'string', field: 'flagCode', format: 'countryCode', description: 'The flag state.' },
        launchedOn: { type: 'date', description: 'When it was launched.' },
      },
      relations: {},
    };
    const columns = exportColumns({ ...ENTITIES, Vessel: vessel });
    expect(names(columns.Vessel!)).toEqual(['id', 'name', 'type', 'flagCode', 'launchedOn', 'description', 'aliases', 'claims']);
    expect(columns.Vessel!.find((c) => c.name === 'flagCode')!.properties).toEqual(['flag']);
    expect(columns.Organization).toEqual(EXPORT_COLUMNS.Organization);
  });

  it('are read by the export statement, each from exactly its stored properties', () => {
    const { text } = compileExportRows({ label: 'Event', where: null, sort: [{ field: 'NAME', direction: 'ASC' }], lucene: null });
    expect(text).toContain(
      'RETURN {id: n.id, name: n.name, kind: n.kind, startDate: coalesce(n.startDate, n.startedOn), endDate: coalesce(n.endDate, n.endedOn), city: n.city, countryCode: n.country, description: n.description, aliases: n.aliases, venue: COLLECT {',
    );
  });

  it('list an edge field with the role each entity has in it, and claims as property: value (as of date)', () => {
    const { text } = compileExportRows({ label: 'Agreement', where: null, sort: [{ field: 'NAME', direction: 'ASC' }], lucene: null });
    expect(text).toContain("parties: COLLECT { MATCH (n)<-[xr:PARTY_TO]-(xm:Organization) WHERE xr.retracted IS NULL AND xm.retracted IS NULL WITH xm.name + coalesce(' (' + xr.role + ')', '') AS text ORDER BY text RETURN text }");
    expect(text).toContain("claims: COLLECT { MATCH (xc:Claim)-[:ABOUT]->(n) WHERE xc.retracted IS NULL AND xc.subjectRelationshipId IS NULL");
  });
});
