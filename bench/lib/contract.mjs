/**
 * The wire contract (event names, socket path, limits) as compiled from libs/contract into this
 * worktree's dist/, so the bench speaks exactly what the server and the web client speak. Loaded
 * on first use, after run.mjs has made sure dist/ is built.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from '../../tools/lib/index.js';

const require = createRequire(import.meta.url);
let loaded = null;

/** `{CLIENT_EVENTS, SERVER_EVENTS, SOCKET_PATH, LIMITS, ...}` of @llms/contract. */
export function contract() {
  loaded ??= require(path.join(ROOT, 'dist', 'libs', 'contract', 'src'));
  return loaded;
}
