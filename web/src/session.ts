/**
 * The curator's session in the pages: who is signed in (GET /auth/session), the
 * CSRF token every state change carries, a sign-in form (local account, or the
 * organisation's OpenID provider) and GraphQL calls made with the token.
 */
import { h, languageHeaders } from './gql';
import { formatList, t } from './i18n';

export interface SessionUser {
  subject: string;
  name: string;
  roles: string[];
  via: string;
}

export interface SessionState {
  user: SessionUser | null;
  csrfToken: string | null;
  signIn: { local: boolean; oidc: boolean };
}

/** A GraphQL error other than a session's: its message and extensions (code, field, conflicts …). */
export class RequestError extends Error {
  constructor(
    message: string,
    readonly extensions: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** The session cannot do what was asked: signed out, expired, or a role is missing. */
export class SessionError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

let state: SessionState = { user: null, csrfToken: null, signIn: { local: false, oidc: false } };

/** Reads the session from the server (404 when sign-in is not configured: nobody is signed in). */
export async function loadSession(): Promise<SessionState> {
  const response = await fetch('/auth/session', { headers: { accept: 'application/json' } });
  state = response.ok ? ((await response.json()) as SessionState) : { user: null, csrfToken: null, signIn: { local: false, oidc: false } };
  return state;
}

/** True when the signed-in user holds `role` (admin holds every role). */
export function hasRole(role: string): boolean {
  return Boolean(state.user?.roles.includes(role) || state.user?.roles.includes('admin'));
}

/** A GraphQL call as the signed-in curator, with the CSRF token. SessionError for UNAUTHENTICATED, FORBIDDEN and CSRF refusals. */
export async function curatorGql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...languageHeaders(), ...(state.csrfToken ? { 'x-csrf-token': state.csrfToken } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  let body: { data?: T; errors?: { message: string; extensions?: { code?: string; field?: string; [key: string]: unknown } }[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new Error(t('common.errors.noJson', { status: response.status }));
  }
  const first = body.errors?.[0];
  if (first) {
    const code = first.extensions?.code ?? '';
    if (code === 'UNAUTHENTICATED' || code === 'CSRF_REJECTED' || code === 'FORBIDDEN') throw new SessionError(first.message, code);
    throw new RequestError(body.errors!.map((e) => e.message + (e.extensions?.field ? ` (${e.extensions.field})` : '')).join('; '), first.extensions ?? {});
  }
  if (!body.data) throw new Error(t('common.errors.noData', { status: response.status }));
  return body.data;
}

/** The sign-in form: a local account, and the organisation's provider when one is configured. Calls `done` once signed in. */
export function signInForm(returnTo: string, done: () => void): HTMLElement {
  const name = h('input', { type: 'text', id: 'signin-name', name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { type: 'password', id: 'signin-password', name: 'password', autocomplete: 'current-password', required: true });
  const message = h('p', { role: 'alert', class: 'signin-message' });
  const form = h(
    'form',
    { class: 'card signin', 'aria-labelledby': 'signin-title' },
    h('h2', { id: 'signin-title' }, t('curate.session.title')),
    h('p', { class: 'field' }, h('label', { for: 'signin-name' }, t('curate.session.name')), name),
    h('p', { class: 'field' }, h('label', { for: 'signin-password' }, t('curate.session.password')), password),
    h('p', {}, h('button', { type: 'submit', class: 'primary' }, t('curate.session.signIn'))),
    message,
  );
  if (state.signIn.oidc) form.append(h('p', {}, h('a', { href: `/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`, id: 'signin-oidc' }, t('curate.session.oidc'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.textContent = t('curate.session.signingIn');
    void (async () => {
      const response = await fetch('/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: name.value, password: password.value }) });
      const body = (await response.json().catch(() => ({}))) as { error?: { message: string } };
      if (!response.ok) {
        message.textContent = body.error?.message ?? t('curate.session.failed', { status: response.status });
        return;
      }
      password.value = '';
      await loadSession();
      done();
    })();
  });
  return form;
}

const ROLE_KEYS: Record<string, string> = { editor: 'curate.session.editor', reviewer: 'curate.session.reviewer', admin: 'curate.session.admin' };
/** A role's name in the page language (an unknown role as it is). */
const roleName = (role: string): string => (ROLE_KEYS[role] ? t(ROLE_KEYS[role]) : role);

/** The signed-in user's name and a sign-out button, for the page header. */
export function sessionBadge(onSignOut: () => void): HTMLElement {
  if (!state.user) return h('span', { class: 'muted' }, t('curate.session.signedOut'));
  const out = h('button', { type: 'button', id: 'signout' }, t('curate.session.signOut'));
  out.addEventListener('click', () => {
    void fetch('/auth/logout', { method: 'POST', headers: state.csrfToken ? { 'x-csrf-token': state.csrfToken } : {} }).then(async () => {
      await loadSession();
      onSignOut();
    });
  });
  return h('span', { class: 'session' }, t('curate.session.user', { name: state.user.name, roles: formatList(state.user.roles.map(roleName)) || t('curate.session.reader') }), ' ', out);
}
