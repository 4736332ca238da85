import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The web client. Built into web/dist, which the API server serves from its own origin
 * (src/bootstrap/spa.ts). `npx vite --config web/vite.config.ts` serves it with hot reload and proxies
 * the API and Socket.IO to a server on port 3000.
 */
export default defineConfig({
  root: here('.'),
  publicDir: here('public'),
  resolve: {
    alias: { '@llms/contract': here('../libs/contract/src/index.ts') },
  },
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Served under script-src 'self': never inline a script, not even the module preload helper.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/ws': { target: 'http://127.0.0.1:3000', ws: true },
    },
  },
});
