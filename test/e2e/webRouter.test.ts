import type { AddressInfo } from 'node:net';
import express from 'express';
import { webRouter } from '../../src/http/pages';

describe('webRouter without built pages', () => {
  it('answers 503 with a hint, and lets API requests through', async () => {
    const app = express();
    app.use(webRouter({ distDir: '/nonexistent/web/dist' }));
    app.use('/graphql', (_req, res) => {
      res.json({ apollo: true });
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const overview = await fetch(`${url}/`);
      expect(overview.status).toBe(503);
      expect(await overview.text()).toContain('run npm run build:web');
      const ide = await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } });
      expect(ide.status).toBe(503);
      const api = await fetch(`${url}/graphql`, { headers: { accept: 'application/json' } });
      expect(await api.json()).toEqual({ apollo: true });
      const post = await fetch(`${url}/graphql`, { method: 'POST', headers: { accept: 'text/html' } });
      expect(await post.json()).toEqual({ apollo: true });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
