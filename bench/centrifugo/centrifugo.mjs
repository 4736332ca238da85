/**
 * Centrifugo v6.9.1, a bench-only peer: built once with Go into .data/bin/centrifugo (cached,
 * reused by later runs), then run as N nodes on the Redis engine with a config file written here.
 *
 * The config (keys checked against `centrifugo defaultconfig` of v6.9.1): anonymous connections
 * without a token, subscriptions to channels of the default namespace for clients (anonymous
 * ones need both allow_subscribe_for_client and allow_subscribe_for_anonymous; no history, no
 * presence: a plain fan-out like the other two systems), the server HTTP API protected by a
 * random key, the Redis engine with a per-run prefix, usage stats off, log level error.
 */
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, findGo, freePort, waitForHttp } from '../../tools/lib/index.js';
import { log, spawnTracked, stopAll } from '../lib/proc.mjs';

export const CENTRIFUGO_VERSION = 'v6.9.1';
const MODULE = `github.com/centrifugal/centrifugo/v6@${CENTRIFUGO_VERSION}`;
const BIN_DIR = path.join(ROOT, '.data', 'bin');
const BINARY = path.join(BIN_DIR, 'centrifugo');
const STAMP = `${BINARY}.version`;
const BUILD_TIMEOUT_MS = 15 * 60_000;

/**
 * The path of the centrifugo binary, building it first when needed; null (with the reason) when
 * Go is not installed or the build fails.
 */
export async function ensureCentrifugo() {
  if (fs.existsSync(BINARY) && readStamp() === CENTRIFUGO_VERSION) return { binary: BINARY };
  const go = findGo();
  if (!go) return { binary: null, reason: 'Go is not installed (needed once to build it)' };
  log(`building Centrifugo ${CENTRIFUGO_VERSION} with Go into .data/bin/ (once) ...`);
  fs.mkdirSync(BIN_DIR, { recursive: true });
  const startedAt = Date.now();
  const env = { ...process.env, GOBIN: BIN_DIR, CGO_ENABLED: '0' };
  const { code, output } = await run(go, ['install', '-trimpath', MODULE], env);
  if (code !== 0 || !fs.existsSync(BINARY)) {
    const tail = output.trim().split('\n').slice(-5).join('\n');
    return { binary: null, reason: `go install ${MODULE} failed (exit ${code}):\n${tail}` };
  }
  fs.writeFileSync(STAMP, CENTRIFUGO_VERSION);
  log(`built Centrifugo in ${Math.round((Date.now() - startedAt) / 1000)} s`);
  return { binary: BINARY };
}

function readStamp() {
  try {
    return fs.readFileSync(STAMP, 'utf8').trim();
  } catch {
    return null;
  }
}

function run(command, args, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), BUILD_TIMEOUT_MS);
    child.once('error', (error) => resolve({ code: -1, output: error.message }));
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** The config file of one node. */
function config({ port, redisUrl, prefix, apiKey }) {
  return {
    http_server: { address: '127.0.0.1', port },
    log: { level: 'error' },
    engine: { type: 'redis', redis: { address: [redisUrl], prefix } },
    client: { allow_anonymous_connect_without_token: true, allowed_origins: ['*'] },
    channel: {
      without_namespace: { allow_subscribe_for_client: true, allow_subscribe_for_anonymous: true },
    },
    http_api: { key: apiKey },
    health: { enabled: true },
    usage_stats: { disabled: true },
  };
}

/**
 * Starts `count` Centrifugo nodes on one Redis; resolves `{nodes: [{name, url, pid, handle}],
 * apiKey, stop()}` once every node answers /health.
 */
export async function startCentrifugo(binary, { count = 2, redisUrl, dir }) {
  const apiKey = randomBytes(16).toString('hex');
  const prefix = `centrifugo_bench_${randomBytes(3).toString('hex')}`;
  fs.mkdirSync(dir, { recursive: true });
  const nodes = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const port = await freePort();
      const file = path.join(dir, `centrifugo-${i + 1}.json`);
      fs.writeFileSync(file, JSON.stringify(config({ port, redisUrl, prefix, apiKey }), null, 2));
      const name = `centrifugo#${i + 1}`;
      const handle = spawnTracked(name, binary, ['--config', file], { cwd: dir });
      return { name, url: `http://127.0.0.1:${port}`, pid: handle.pid, handle };
    }),
  );
  const stop = () =>
    stopAll(
      nodes.map((node) => node.handle),
      5000,
    );
  try {
    await Promise.all(
      nodes.map((node) =>
        waitForHttp(`${node.url}/health`, {
          timeoutMs: 30_000,
          what: node.name,
          output: node.handle.output,
          alive: node.handle.alive,
        }),
      ),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { nodes, apiKey, stop };
}
