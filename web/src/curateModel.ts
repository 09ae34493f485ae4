/**
 * What the curation forms offer, read from the domain model (src/domain), never
 * listed by hand: the entity types a curator may create, each label's kinds and
 * other enum-valued properties, which relationship types may join two labels,
 * the agreement kinds, party roles and dates, and the source kinds. A value the
 * model gains appears in the forms without an edit here.
 */
import { ENTITIES, type PropertyDeclaration } from '../../src/domain/entities';
import { ENUMS, type EnumName } from '../../src/domain/enums';
import { AGREEMENT_KINDS, DATE_PROPERTIES, ENTITY_LABELS, PARTY_ROLES, RELATIONSHIP_TYPES, RELATIONSHIP_TYPE_NAMES, SOURCE_KINDS, type EntityLabel } from '../../src/domain/model';

/** One choice of a dropdown: the API's value and the model's description of it. */
export interface Choice {
  value: string;
  description: string;
}

const choicesOf = (name: EnumName): Choice[] => Object.entries(ENUMS[name].values as Record<string, string>).map(([value, description]) => ({ value, description }));

/** "ORGANIZATION" → "Organization". */
export const labelOfType = (type: string): EntityLabel | undefined => ENTITY_LABELS.find((l) => l.toUpperCase() === type);

/** Types a curator creates with the entity form: every label but Agreement (the agreement form records those, with their parties). */
export const ENTITY_TYPE_CHOICES: Choice[] = ENTITY_LABELS.filter((l) => l !== 'Agreement').map((l) => ({ value: l.toUpperCase(), description: ENTITIES[l].description }));

/** A label's kinds (empty for a label without kinds), and whether a write needs one. */
export function kindsOf(label: EntityLabel): { choices: Choice[]; required: boolean } {
  const kind = ENTITIES[label].kind;
  return kind ? { choices: choicesOf(kind.enum), required: Boolean(kind.required) } : { choices: [], required: false };
}

/** Whether the label has a country (ISO code) property. */
export const hasCountry = (label: EntityLabel): boolean => 'country' in ENTITIES[label].properties;

/** The label's enum-valued properties besides its kind (a trial's phase and status), each with its choices. */
export function enumPropertiesOf(label: EntityLabel): { property: string; description: string; choices: Choice[] }[] {
  return Object.entries(ENTITIES[label].properties as Record<string, PropertyDeclaration>)
    .filter(([, p]) => p.type === 'enum' && p.enum)
    .map(([property, p]) => ({ property, description: p.description, choices: choicesOf(p.enum!) }));
}

/** The label's date properties (an agreement's signedOn), with their descriptions. */
export function datePropertiesOf(label: EntityLabel): { property: string; description: string }[] {
  return Object.entries(ENTITIES[label].properties as Record<string, PropertyDeclaration>)
    .filter(([, p]) => p.type === 'date')
    .map(([property, p]) => ({ property, description: p.description }));
}

/**
 * Relationship types the model allows from `from` to `to` that linkEntities can
 * write without properties of their own: PARTY_TO needs the party's role, which
 * the agreement form asks for.
 */
export function relationshipTypesBetween(from: EntityLabel, to: EntityLabel): Choice[] {
  return RELATIONSHIP_TYPE_NAMES.filter((t) => t !== 'PARTY_TO')
    .filter((t) => (RELATIONSHIP_TYPES[t].from as readonly string[]).includes(from) && (RELATIONSHIP_TYPES[t].to as readonly string[]).includes(to))
    .map((t) => ({ value: t, description: RELATIONSHIP_TYPES[t].description }));
}

/** Agreement kinds and party roles, with their descriptions. */
export const AGREEMENT_KIND_CHOICES: Choice[] = choicesOf('AgreementKind').filter((c) => (AGREEMENT_KINDS as readonly string[]).includes(c.value));
export const PARTY_ROLE_CHOICES: Choice[] = choicesOf('PartyRole').filter((c) => (PARTY_ROLES as readonly string[]).includes(c.value));
/** Which labels may be an agreement's parties and what it may cover, as the model's PARTY_TO and COVERS say. */
export const PARTY_LABELS: readonly string[] = RELATIONSHIP_TYPES.PARTY_TO.from;
export const COVERED_LABELS: readonly string[] = RELATIONSHIP_TYPES.COVERS.to;
/** How far a source can be trusted on its own. */
export const SOURCE_KIND_CHOICES: Choice[] = choicesOf('SourceKind').filter((c) => (SOURCE_KINDS as readonly string[]).includes(c.value));

/**
 * Properties a claim about an entity of `label` may name, suggested in the claim
 * form: the label's own scalar properties and the dates the model knows. The
 * curator may name another (a fact such as employees); the server checks it.
 */
export function claimablePropertiesOf(label: EntityLabel): string[] {
  const own = Object.entries(ENTITIES[label].properties as Record<string, PropertyDeclaration>)
    .filter(([, p]) => p.type !== 'strings')
    .map(([name]) => name);
  return [...new Set([...own, ...DATE_PROPERTIES])];
}
