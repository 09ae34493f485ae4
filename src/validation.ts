import { z } from 'zod';
import { BadUserInputError } from './errors';

/** Maps a path inside the validated value to the argument path a client sent (e.g. seed `label` to `input.type`). */
export type ArgumentPathMap = (path: PropertyKey[]) => PropertyKey[];

/**
 * Validates arguments with a zod schema. On failure throws BAD_USER_INPUT naming
 * the first argument at fault (e.g. "filter.countries.0") and listing every
 * problem in extensions.problems; an unknown key is reported at its own path.
 * `mapPath` translates paths when the schema validates a reshaped value.
 */
export function parseArgs<S extends z.ZodType>(schema: S, args: unknown, mapPath: ArgumentPathMap = (path) => path): z.infer<S> {
  const result = schema.safeParse(args);
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: mapPath([...issue.path, key]).join('.'), message: 'is not a field of this type' }));
    }
    return [{ field: mapPath(issue.path).join('.'), message: issue.message }];
  });
  const first = problems[0]!;
  throw new BadUserInputError(`Invalid argument ${first.field}: ${first.message}`, first.field, { problems });
}

export const entityId = z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
export const idList = z.array(entityId).max(100, 'at most 100 ids');
/** ISO 3166-1 alpha-2: what every country-code property holds. */
export const countryCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as TW or JP');
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');
/** YYYY, YYYY-MM or YYYY-MM-DD: a date as precise as a source states it (and as an `asOf` argument may be). */
export const partialDate = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'must be a date as YYYY, YYYY-MM or YYYY-MM-DD');
export const searchText = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

/** `first` of a list page: 1 to `max`. */
export function pageSize(max: number) {
  return z.number().int().min(1, 'must be at least 1').max(max, `must be at most ${max}`);
}

/**
 * A link a reader may follow: an absolute http or https URL. Every path that
 * stores a source URL (seed and ecosystem files, curation, import) uses it, so
 * javascript:, data: and other schemes never reach a page as a link.
 */
export const webUrl = z
  .string()
  .url('must be an absolute URL')
  .refine((url) => URL.canParse(url) && /^https?:$/.test(new URL(url).protocol) && new URL(url).hostname !== '', 'must be an http or https URL');
