import type { GraphQLFormattedError } from 'graphql';

/**
 * Errors that teach: graphql-js and Apollo answer some common mistakes with a
 * message that names the problem but not the way out. `teach` rewrites those
 * messages, keeping the code, locations and extensions, and adding the hint as
 * an extension a client can read. Anything it does not recognise passes as it is.
 */

/**
 * Field names analysts reach for that the schema spells otherwise, by type. graphql-js
 * suggests only names that look alike ("nodes" for "node"), so these get a hint of their own.
 */
export const FIELD_SYNONYMS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Relation: { other: 'node', target: 'node', neighbor: 'node', neighbour: 'node', entity: 'node', to: 'node', from: 'node', props: 'properties', edges: 'node' },
  Citation: { url: 'source', title: 'source', quote: 'evidence' },
};

const UNKNOWN_FIELD = /^Cannot query field "(\w+)" on type "(\w+)"\.$/;
const CSRF_BLOCKED = /^This operation has been blocked as a potential Cross-Site Request Forgery/;

/** The one sentence a client that sent a GET without the preflight header reads. */
export const PREFLIGHT_MESSAGE =
  'Add the header "apollo-require-preflight: true" to this GET request (or send it as a POST with content-type application/json): ' +
  'a browser cannot add that header across sites without asking the server first, which is how the API refuses cross-site request forgery.';

/** `formatted` with a message that says how to fix the mistake, when it is one of those known here. */
export function teach(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const unknown = UNKNOWN_FIELD.exec(formatted.message);
  if (unknown) {
    const [, field, type] = unknown as unknown as [string, string, string];
    const instead = FIELD_SYNONYMS[type] && Object.hasOwn(FIELD_SYNONYMS[type], field) ? FIELD_SYNONYMS[type][field] : undefined;
    if (instead) return { ...formatted, message: `Cannot query field "${field}" on type "${type}". Did you mean "${instead}"?`, extensions: { ...formatted.extensions, didYouMean: instead } };
  }
  if (CSRF_BLOCKED.test(formatted.message)) {
    return { ...formatted, message: PREFLIGHT_MESSAGE, extensions: { ...formatted.extensions, requiredHeader: 'apollo-require-preflight' } };
  }
  return formatted;
}
