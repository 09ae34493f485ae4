import { RELATION_FIELDS, SCALAR_FIELDS } from '../domain/entityTypes';
import type { EntityLabel } from '../domain/model';
import { BadUserInputError } from '../errors';
import { own } from '../domain/lookup';
import { cypher, name, variable, type Fragment, type Variable } from './cypher';
import { relationshipPattern } from './emit';

/** One key a list is ordered by: a Cypher expression over the entity variable, never null. */
export interface SortKey {
  expression: Fragment;
  direction: 'ASC' | 'DESC';
  /** The property the expression reads when every entity has it (a required scalar), so a range index can give this order. */
  requiredProperty?: Fragment;
}

/** A requested key: a sort field enum value (NAME, COUNTRY_CODE, TECHNOLOGIES_COUNT, …) and a direction. */
export interface SortRequest {
  field: string;
  direction?: 'ASC' | 'DESC' | null;
}

/** COUNTRY_CODE to countryCode. */
const fieldName = (value: string) => value.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * The sort keys for `sort` on entities of `label` in variable `v`: a scalar
 * field (nulls as the smallest value, so keyset cursors can compare every row)
 * or the number of live entities a relationship field lists. The list adds the
 * entity id as the last key, so every ordering is total.
 */
export function sortKeys(v: Variable, label: EntityLabel, sort: readonly SortRequest[]): SortKey[] {
  return sort.map((request, i) => {
    const direction = request.direction ?? 'ASC';
    const counted = /^(.*)_COUNT$/.exec(request.field);
    if (counted) {
      const field = own(RELATION_FIELDS[label], fieldName(counted[1]!));
      if (field) {
        const r = variable('r');
        const m = variable('n');
        return { expression: cypher`COUNT { MATCH ${relationshipPattern(v, r, m, field)} WHERE ${r}.retracted IS NULL AND ${m}.retracted IS NULL }`, direction };
      }
    }
    const scalar = own(SCALAR_FIELDS[label], fieldName(request.field));
    if (!scalar) throw new BadUserInputError(`Invalid argument sort.${i}.field: ${label} lists cannot be sorted by ${request.field}`, `sort.${i}.field`);
    const property = cypher`${v}.${name(scalar.property)}`;
    const expression = scalar.kind === 'boolean' ? cypher`coalesce(${property}, false)` : cypher`coalesce(${property}, '')`;
    return scalar.required ? { expression, direction, requiredProperty: property } : { expression, direction };
  });
}
