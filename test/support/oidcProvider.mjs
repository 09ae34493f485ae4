/* global process, console */
// A real OpenID provider (oidc-provider) for the sign-in tests, in its own Node
// process because it is an ES module. Usage:
//   node test/support/oidcProvider.mjs PORT CLIENT_ID CLIENT_SECRET REDIRECT_URI ROLES_JSON
// ROLES_JSON maps a login name to its roles, e.g. {"ana":["editor"]}; the
// provider's development login form accepts any name and password. Prints
// "ready <issuer>" on stdout once it listens.
import Provider from 'oidc-provider';

const [port, clientId, clientSecret, redirectUri, rolesJson] = process.argv.slice(2);
const roles = JSON.parse(rolesJson ?? '{}');
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
  claims: { openid: ['sub'], profile: ['name', 'roles'], email: ['email'] },
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  async findAccount(_ctx, id) {
    return { accountId: id, claims: () => ({ sub: id, name: `${id} (provider)`, email: `${id}@example.org`, roles: roles[id] ?? [] }) };
  },
});
// Quiet: the test reads stdout for "ready".
provider.on('server_error', (_ctx, error) => console.error(error));
provider.listen(Number(port), '127.0.0.1', () => console.log(`ready ${issuer}`));
