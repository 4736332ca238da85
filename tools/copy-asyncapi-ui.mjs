#!/usr/bin/env node
/**
 * Part of `npm run build`: copies the AsyncAPI page's browser files from the
 * @asyncapi/react-component dev dependency into dist/asyncapi-ui/, which the production image
 * ships (its node_modules has no dev dependencies). src/modules/docs/asyncapi-page.ts serves them.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const OUT = path.join(ROOT, 'dist', 'asyncapi-ui');
const FILES = {
  'asyncapi-ui.js': 'browser/standalone/index.js',
  'asyncapi-ui.js.LICENSE.txt': 'browser/standalone/index.js.LICENSE.txt',
  'asyncapi-ui.css': 'styles/default.min.css',
};

fs.mkdirSync(OUT, { recursive: true });
for (const [name, from] of Object.entries(FILES)) {
  fs.copyFileSync(require.resolve(`@asyncapi/react-component/${from}`), path.join(OUT, name));
}
console.log(`copied the AsyncAPI page files to ${path.relative(ROOT, OUT)}/`);
