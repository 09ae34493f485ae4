// Vite build of the browser pages (overview, explorer, GraphiQL) into web/dist.
// Everything is bundled: nothing loads from a CDN at run time.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root,
  base: '/',
  logLevel: 'warn',
  publicDir: false,
  build: {
    outDir: resolve(root, 'dist'),
    emptyOutDir: true,
    assetsDir: 'assets',
    chunkSizeWarningLimit: 6000,
    rollupOptions: {
      onwarn(warning, warn) {
        // React libraries mark modules "use client"; harmless in a client-only bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      input: {
        index: resolve(root, 'index.html'),
        explore: resolve(root, 'explore.html'),
        timeline: resolve(root, 'timeline.html'),
        graphiql: resolve(root, 'graphiql.html'),
        curateNew: resolve(root, 'curate-new.html'),
        curateReview: resolve(root, 'curate-review.html'),
      },
    },
  },
});
