'use strict';
/**
 * The standalone Redis of `npm run services`: reuse the one at REDIS_URL when it answers PING,
 * else start `redis-server --daemonize yes` on that (local) port with files under `.data/`.
 * `runRedisServer` (start one daemonized redis-server) is shared with the cluster nodes.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const { isLoopback, listenHost, redact } = require('./addresses');
const { DOCKER_HINT, ServiceError, requireDependency } = require('./errors');
const { findRedisServer } = require('./executables');
const { stderrLog } = require('./log');
const { formatNode } = require('./node-list');
const { ROOT, instanceFiles } = require('./paths');
const { tailFile } = require('./processes');
const { redisPing } = require('./redis-client');
const { waitFor } = require('./wait');

const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const REDIS_START_TIMEOUT_MS = 15_000;

/** {host, port, tls, username, password} of a redis:// or rediss:// URL. */
function parseRedisUrl(value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new ServiceError(`REDIS_URL is not a URL: ${redact(value)}`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new ServiceError(`REDIS_URL must start with redis:// or rediss://, got ${redact(value)}`);
  }
  return {
    host: url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
    port: Number(url.port || 6379),
    tls: url.protocol === 'rediss:',
    username: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
}

/** The redis-server executable, or a ServiceError that says how to install it. */
function requireRedisServer(why) {
  const redisServer = findRedisServer();
  if (redisServer) return redisServer;
  throw new ServiceError(
    `${why} and redis-server is not installed: install Redis 6.2+ (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) ${DOCKER_HINT}`,
  );
}

/** Runs `redis-server ...args` that daemonizes itself; throws with its output when it fails. */
function runRedisServer(redisServer, args, logFile) {
  const result = spawnSync(redisServer, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 10_000,
  });
  if (result.status !== 0) {
    const output = (result.stderr || result.stdout || tailFile(logFile, 3)).trim();
    throw new ServiceError(`redis-server failed to start (exit ${result.status}): ${output}`);
  }
}

/** Starts a local redis-server for `target` with files under `.data/` and waits for PONG. */
async function startLocalRedis(target, log) {
  const where = formatNode(target);
  const redisServer = requireRedisServer(`Redis does not answer at ${where}`);
  const { dir, pidFile, logFile, relDir, relLog } = instanceFiles('redis', target.port, 6379);
  fs.mkdirSync(dir, { recursive: true });
  const bind =
    target.host.toLowerCase() === 'localhost' ? ['127.0.0.1', '-::1'] : [listenHost(target.host)];
  const args = ['--daemonize', 'yes', '--port', String(target.port), '--bind', ...bind];
  args.push('--dir', dir, '--save', '', '--appendonly', 'no');
  args.push('--logfile', logFile, '--pidfile', pidFile);
  if (target.password) args.push('--requirepass', target.password);
  log(`starting redis-server on ${where} (data in ${relDir}, log ${relLog})`);
  runRedisServer(redisServer, args, logFile);
  await waitFor(async () => (await redisPing(target)).ok, {
    timeoutMs: REDIS_START_TIMEOUT_MS,
    intervalMs: 250,
    what: `redis-server at ${where} (see ${relLog})`,
    output: () => tailFile(logFile),
    errorType: ServiceError,
  });
}

/** Makes sure Redis answers at REDIS_URL, starting a local one when nothing listens there. */
async function ensureRedis({ env = process.env, log = stderrLog('services') } = {}) {
  requireDependency('ioredis');
  const redisUrl = env.REDIS_URL || DEFAULT_REDIS_URL;
  const target = parseRedisUrl(redisUrl);
  const where = formatNode(target);

  const first = await redisPing(target);
  if (!first.ok) {
    if (!first.refused) {
      throw new ServiceError(
        `something listens at ${where} (REDIS_URL) but it does not answer PING as Redis: ${first.reason}`,
      );
    }
    if (!isLoopback(target.host)) {
      throw new ServiceError(
        `Redis does not answer at ${redact(redisUrl)} (${first.reason}); it is not a local address, so no local server is started`,
      );
    }
    if (target.tls) {
      throw new ServiceError(
        `Redis does not answer at ${redact(redisUrl)}; this script starts only plain redis:// servers`,
      );
    }
    await startLocalRedis(target, log);
  }
  log(`Redis answers at ${where}`);
  return redisUrl;
}

module.exports = {
  DEFAULT_REDIS_URL,
  parseRedisUrl,
  requireRedisServer,
  runRedisServer,
  ensureRedis,
};
