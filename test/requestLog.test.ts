import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import pino from 'pino';
import { requestLogging } from '../src/http/requestLog';

/** A real HTTP server with requestLogging in front of three routes, logging JSON lines into `lines`. */
async function serve(level: pino.Level) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  const app = express();
  app.use(requestLogging(pino({ level }, sink), ['/health']));
  app.get('/health', (_req, res) => void res.send('ok'));
  app.get('/answer', (req, res) => void res.json({ id: req.id }));
  app.get('/broken', (_req, res) => void res.status(503).send('down'));
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
  return { url, lines, settle, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Runs `check` against a fresh server logging at `level`, and closes it whatever happens. */
async function withServer(level: pino.Level, check: (s: Awaited<ReturnType<typeof serve>>) => Promise<void>): Promise<void> {
  const s = await serve(level);
  try {
    await check(s);
  } finally {
    await s.close();
  }
}

describe('request logging', () => {
  it('echoes a valid X-Request-Id, replaces an invalid one with a UUID, and hands the id to the handler', () =>
    withServer('info', async (s) => {
      const given = await fetch(`${s.url}/answer`, { headers: { 'x-request-id': 'dash-42' } });
      expect(given.headers.get('x-request-id')).toBe('dash-42');
      expect(await given.json()).toEqual({ id: 'dash-42' });
      const invalid = await fetch(`${s.url}/answer`, { headers: { 'x-request-id': 'no spaces allowed' } });
      expect(invalid.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }));

  it('logs one line per finished request with id, method, path, status and duration, and none for quiet paths', () =>
    withServer('info', async (s) => {
      await fetch(`${s.url}/health`);
      await fetch(`${s.url}/answer?x=1`, { headers: { 'x-request-id': 'r-1' } });
      await fetch(`${s.url}/broken`, { headers: { 'x-request-id': 'r-2' } });
      await s.settle();
      expect(s.lines).toHaveLength(2);
      expect(s.lines[0]).toMatchObject({ level: 30, msg: 'request completed', requestId: 'r-1', method: 'GET', path: '/answer?x=1', status: 200 });
      expect(typeof s.lines[0]!.durationMs).toBe('number');
      expect(s.lines[1]).toMatchObject({ level: 50, msg: 'request failed', requestId: 'r-2', status: 503 });
    }));

  it('at level warn logs failures only', () =>
    withServer('warn', async (s) => {
      await fetch(`${s.url}/answer`);
      await fetch(`${s.url}/broken`);
      await s.settle();
      expect(s.lines.map((line) => line.msg)).toEqual(['request failed']);
    }));
});
