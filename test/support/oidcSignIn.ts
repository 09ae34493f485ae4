import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A free TCP port on the loopback address. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A running oidc-provider (test/support/oidcProvider.mjs). */
export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

/** Starts a real OpenID provider on `port` that knows one client whose callback is `redirectUri`. */
export async function startOidcProvider(port: number, redirectUri: string, roles: Record<string, string[]>): Promise<TestProvider> {
  const clientId = 'regen-graph-test';
  const clientSecret = 'a-client-secret-for-the-sign-in-tests';
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'oidcProvider.mjs'), String(port), clientId, clientSecret, redirectUri, JSON.stringify(roles)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`oidc-provider did not start: ${errors}`)), 15_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      const match = /ready (\S+)/.exec(chunk.toString());
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`oidc-provider exited (${code}): ${errors}`)));
  });
  return {
    issuer,
    clientId,
    clientSecret,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Cookies per origin, as a browser keeps them (names and values only). */
export class CookieJar {
  private readonly jars = new Map<string, Map<string, string>>();

  /** The Cookie header for a URL. */
  header(url: string): string {
    return [...(this.jars.get(new URL(url).origin) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** Takes the Set-Cookie headers of an answer from `url`. */
  take(url: string, response: Response): void {
    const origin = new URL(url).origin;
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    this.jars.set(origin, jar);
  }

  /** A cookie's value at an origin. */
  get(url: string, name: string): string | undefined {
    return this.jars.get(new URL(url).origin)?.get(name);
  }
}

/**
 * Signs in through the provider's own pages as a person would: starts at
 * `startUrl`, follows every redirect, and on the provider's login and consent
 * forms submits `login` (any password). Returns the final URL (back on the app).
 */
export async function signInThroughProvider(jar: CookieJar, startUrl: string, login: string): Promise<string> {
  let url = startUrl;
  let init: RequestInit = {};
  for (let step = 0; step < 20; step++) {
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: jar.header(url) } });
    jar.take(url, response);
    init = {};
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url).href;
      continue;
    }
    const body = await response.text();
    const form = /<form[^>]*action="([^"]+)"[^>]*method="post"/i.exec(body);
    if (!form) return url;
    const prompt = /name="prompt" value="(\w+)"/.exec(body)?.[1] ?? 'login';
    const fields: Record<string, string> = prompt === 'login' ? { prompt, login, password: 'any password' } : { prompt };
    url = new URL(form[1]!.replace(/&amp;/g, '&'), url).href;
    init = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() };
  }
  throw new Error('the sign-in did not finish in 20 steps');
}
