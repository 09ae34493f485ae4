import { ENTITIES, type EntityDeclaration } from '../src/domain/entities';
import { compileExportRows, EXPORT_COLUMNS, exportColumns } from '../src/translate/exportRows';

/** The list export's columns come from the model: these tests need no database (test/export.test.ts streams them). */

const names = (columns: readonly { name: string }[]) => columns.map((c) => c.name);

describe('the columns of the list export', () => {
  it('are id, name, type, the kind and own fields as the API names them, in model order, description and aliases', () => {
    expect(names(EXPORT_COLUMNS.Organization)).toEqual(['id', 'name', 'type', 'organizationKind', 'countryCode', 'description', 'aliases']);
    // territory has no field of its own (the API shows APPLIES_IN), so it is not a column.
    expect(names(EXPORT_COLUMNS.Agreement)).toEqual(['id', 'name', 'type', 'agreementKind', 'exclusive', 'rightsGranted', 'signedOn', 'description', 'aliases']);
    expect(names(EXPORT_COLUMNS.Event)).toEqual(['id', 'name', 'type', 'kind', 'startDate', 'endDate', 'city', 'countryCode', 'description', 'aliases']);
    expect(names(EXPORT_COLUMNS.Modality)).toEqual(['id', 'name', 'type', 'description', 'aliases']);
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
    expect(names(columns.Vessel!)).toEqual(['id', 'name', 'type', 'flagCode', 'launchedOn', 'description', 'aliases']);
    expect(columns.Vessel!.find((c) => c.name === 'flagCode')!.properties).toEqual(['flag']);
    expect(columns.Organization).toEqual(EXPORT_COLUMNS.Organization);
  });

  it('are read by the export statement, each from exactly its stored properties', () => {
    const { text } = compileExportRows({ label: 'Event', where: null, sort: [{ field: 'NAME', direction: 'ASC' }], lucene: null });
    expect(text).toContain(
      'RETURN {id: n.id, name: n.name, kind: n.kind, startDate: coalesce(n.startDate, n.startedOn), endDate: coalesce(n.endDate, n.endedOn), city: n.city, countryCode: n.country, description: n.description, aliases: n.aliases} AS entity,',
    );
  });
});
