import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The AsyncAPI page at /docs/asyncapi: the standalone bundle of @asyncapi/react-component and its
 * stylesheet, served from this server (no CDN), plus a tiny script that renders
 * /docs/asyncapi.yaml. No inline script; see PAGE_CSP for the one relaxation the bundle needs.
 *
 * `npm run build` copies the bundle and the stylesheet into dist/asyncapi-ui/ (tools/copy-asyncapi-ui.mjs),
 * which is what the production image ships (its node_modules has no dev dependencies); run from
 * sources, they come straight from node_modules.
 */
export const ASYNCAPI_UI_DIR = join('dist', 'asyncapi-ui');

/** The files the page loads: URL name -> file name in dist/asyncapi-ui and in the package. */
export const ASYNCAPI_UI_ASSETS = {
  'asyncapi-ui.js': { type: 'text/javascript', pkg: 'browser/standalone/index.js' },
  'asyncapi-ui.css': { type: 'text/css', pkg: 'styles/default.min.css' },
} as const;
export type AsyncApiUiAsset = keyof typeof ASYNCAPI_UI_ASSETS;

/** The file behind an asset: the build's copy, else the package in node_modules, else null. */
export function findAsyncApiUiAsset(
  name: AsyncApiUiAsset,
  from: string = __dirname,
): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const built = join(dir, ASYNCAPI_UI_DIR, name);
    if (existsSync(built)) return built;
    if (dirname(dir) === dir) break;
  }
  try {
    return require.resolve(`@asyncapi/react-component/${ASYNCAPI_UI_ASSETS[name].pkg}`);
  } catch {
    return null;
  }
}

/**
 * The page's own Content-Security-Policy: the app's, plus `'unsafe-eval'` for scripts. The bundle
 * cannot run without it: its AsyncAPI parser validates with Ajv and Spectral, which compile
 * validators with `new Function` when the bundle loads (checked in Chromium: under `script-src
 * 'self'` alone it throws at load and renders nothing; the bundle without the parser does the
 * same). This response carries no user data and loads only same-origin scripts, and every other
 * route keeps the app's policy. Still no inline script: page.js is a file.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "script-src 'self' 'unsafe-eval'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Renders the document into #asyncapi; served as /docs/asyncapi/page.js. */
export const PAGE_SCRIPT = `'use strict';
/* global AsyncApiStandalone */
AsyncApiStandalone.render(
  {
    schema: { url: '/docs/asyncapi.yaml', requestOptions: { credentials: 'same-origin' } },
    config: { show: { sidebar: true, errors: true } },
  },
  document.getElementById('asyncapi'),
);
`;

export const PAGE_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>LLMS real-time channel (AsyncAPI)</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="/docs/asyncapi/asyncapi-ui.css" />
  </head>
  <body>
    <noscript>
      This page needs JavaScript. The document itself is at
      <a href="/docs/asyncapi.yaml">/docs/asyncapi.yaml</a>; the REST API is at <a href="/docs">/docs</a>.
    </noscript>
    <div id="asyncapi"></div>
    <script src="/docs/asyncapi/asyncapi-ui.js"></script>
    <script src="/docs/asyncapi/page.js"></script>
  </body>
</html>
`;
