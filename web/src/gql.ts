/** Minimal client for the project's own GraphQL endpoint (same origin), asking for answers in the page language. */
import { lang, t } from './i18n';

export class GraphQLError extends Error {}

/** The headers every request for data sends: the page language, so the server words its answers in it. */
export const languageHeaders = (): Record<string, string> => ({ 'accept-language': lang() });

export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...languageHeaders() },
    body: JSON.stringify({ query, variables }),
  });
  let body: { data?: T; errors?: { message: string }[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new GraphQLError(t('common.errors.noJson', { status: response.status }));
  }
  if (body.errors?.length) throw new GraphQLError(body.errors.map((e) => e.message).join('; '));
  if (!body.data) throw new GraphQLError(t('common.errors.noData', { status: response.status }));
  return body.data;
}

/** Builds an element: h('div', { class: 'x' }, 'text', child). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | EventListener | undefined> = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child);
  }
  return el;
}

export const COUNTRY_COLORS: Record<string, string> = { TW: '#d62728', JP: '#1f5fbf' };
export const OTHER_COUNTRY_COLOR = '#7f7f7f';
export const NO_COUNTRY_COLOR = '#c4c4c4';
export function countryColor(code: string | null | undefined): string {
  if (!code) return NO_COUNTRY_COLOR;
  return COUNTRY_COLORS[code] ?? OTHER_COUNTRY_COLOR;
}
