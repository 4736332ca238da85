'use strict';
/**
 * Short talks with one Redis node through ioredis: connect, run a few commands, disconnect. No
 * retries and short timeouts, so a node that is down or is not Redis fails fast with its reason.
 * Used to check servers (PING, INFO, CLUSTER INFO/NODES) and to stop them (SHUTDOWN).
 */
const net = require('node:net');
const { requireDependency } = require('./errors');

/** ioredis options for one short connection to `target` that never retries. */
function oneShotOptions(target, timeoutMs) {
  const host = target.host ?? '127.0.0.1';
  return {
    host,
    port: target.port,
    username: target.username || undefined,
    password: target.password || undefined,
    tls: target.tls ? { servername: net.isIP(host) ? undefined : host } : undefined,
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    reconnectOnError: () => false,
    enableReadyCheck: false,
  };
}

/**
 * Runs `fn(client)` on a fresh connection to `target` ({host, port, tls?, username?, password?})
 * and closes it. A failure is the root cause (ECONNREFUSED, WRONGPASS...), not ioredis's
 * "Connection is closed".
 */
async function withRedis(target, fn, { timeoutMs = 1500 } = {}) {
  const { Redis } = requireDependency('ioredis');
  const client = new Redis(oneShotOptions(target, timeoutMs));
  let cause;
  client.on('error', (error) => {
    cause ??= error;
  });
  try {
    await client.connect();
    return await fn(client);
  } catch (error) {
    throw cause ?? error;
  } finally {
    // disconnect() on a connection that is already closed would keep a 2 s timer alive.
    if (client.status !== 'end') client.disconnect();
  }
}

/** One command on one node: `redisCall(node, 'CLUSTER', 'INFO')`. */
function redisCall(target, command, ...args) {
  return withRedis(target, (client) => client.call(command, ...args));
}

/** A one-line reason for a failed talk with Redis. */
function describeRedisError(error) {
  if (error?.name === 'ReplyError') return `Redis answered ${error.message}`;
  if (error?.code && typeof error.code === 'string') return error.code;
  return String(error?.message ?? error).replace(/\s*Please report this\.?$/, '');
}

/** PING (after AUTH when a password is given); resolves {ok, reason?, refused?}. */
async function redisPing(target, timeoutMs = 1500) {
  try {
    const reply = await withRedis(target, (client) => client.ping(), { timeoutMs });
    return reply === 'PONG' ? { ok: true } : { ok: false, reason: `unexpected reply ${reply}` };
  } catch (error) {
    return {
      ok: false,
      reason: describeRedisError(error),
      refused: error?.code === 'ECONNREFUSED',
    };
  }
}

/** `INFO` or `CLUSTER INFO` text as an object of its `field:value` lines. */
function parseInfo(text) {
  const fields = {};
  for (const line of String(text).split(/\r?\n/)) {
    const index = line.indexOf(':');
    if (index > 0 && !line.startsWith('#'))
      fields[line.slice(0, index)] = line.slice(index + 1).trim();
  }
  return fields;
}

module.exports = { withRedis, redisCall, redisPing, describeRedisError, parseInfo };
