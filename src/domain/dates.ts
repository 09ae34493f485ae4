import type { DateProperty } from './model';

/**
 * Which dates say when a relationship holds (asOf reads, src/translate/emit.ts
 * trueOn). It holds from the first of STARTED_ON it has (the most specific
 * first) until ENDED_ON; a held role (roles.ts HELD_ROLE) from the first of
 * ROLE_STARTED_ON, else from the earliest page that states it.
 */
export const STARTED_ON: readonly DateProperty[] = ['startedOn', 'signedOn', 'effectiveOn', 'approvedOn', 'passedOn', 'asOf'];
export const ROLE_STARTED_ON: readonly DateProperty[] = ['startedOn', 'asOf'];
export const ENDED_ON: DateProperty = 'endedOn';
