import { byLabel, fieldNameOf, type EntityDeclaration, type PropertyDeclaration } from '../../domain/entities';
import { enumValues } from '../../domain/enums';
import { plainValue } from '../../domain/properties';
import type { EntityRecord } from './records';

/**
 * The resolvers of each entity type's own scalar fields, derived from the
 * model: every declared property (read from its stored property, or its
 * fallback) and the kind as an enum. A stored value that is not of the
 * declared type reads as null (an empty list for a list of text): an enum value
 * the model does not know is never passed on as if it were one.
 */

type ScalarResolver = (parent: EntityRecord) => unknown;

/** The stored value as the field's declared type, or null. */
export function typedValue(declaration: PropertyDeclaration, value: unknown): unknown {
  switch (declaration.type) {
    case 'string':
      return typeof value === 'string' ? value : null;
    case 'date':
      return value === null || value === undefined ? null : String(plainValue(value));
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    case 'int':
      return Number.isInteger(value) ? value : null;
    case 'strings':
      return Array.isArray(value) ? value.map(String) : [];
    case 'enum':
      return declaration.enum && enumValues(declaration.enum).includes(value as string) ? value : null;
  }
}

/** The scalar field resolvers of one declared entity type, by field name. */
export function scalarResolversOf(entity: EntityDeclaration): Record<string, ScalarResolver> {
  const resolvers: Record<string, ScalarResolver> = {};
  if (entity.kind?.field) {
    const kind: PropertyDeclaration = { type: 'enum', enum: entity.kind.enum, description: '' };
    resolvers[entity.kind.field] = (p) => typedValue(kind, p.props.kind);
  }
  for (const [property, declaration] of Object.entries(entity.properties)) {
    const field = fieldNameOf(property, declaration);
    if (field === null) continue;
    const { fallback } = declaration;
    resolvers[field] = (p) => typedValue(declaration, p.props[property] ?? (fallback ? p.props[fallback] : undefined));
  }
  return resolvers;
}

/** Every entity type's scalar field resolvers, by label. */
export const SCALAR_RESOLVERS = byLabel(scalarResolversOf);
