/**
 * The bench's own redis-server: started on a free loopback port (no persistence), so its CPU
 * and its keys are the bench's alone, not shared with other people's test runs on 6379. Plus the
 * few Redis calls the bench makes itself: INFO (cpu, stats, commandstats) and FLUSHALL between
 * scenarios.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { findExecutable, freePort, waitFor } from '../../tools/lib/index.js';
import { spawnTracked, stopProcess } from './proc.mjs';

/** Starts redis-server on a free port; resolves `{url, port, handle, stop()}`. */
export async function startRedis(name = 'redis') {
  const binary = findExecutable('redis-server', ['/usr/local/bin', '/usr/bin', '/usr/sbin']);
  if (!binary) throw new Error('redis-server is not installed (apt-get install redis-server)');
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llms-bench-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly'];
  args.push('no', '--dir', dir, '--daemonize', 'no', '--maxclients', '20000');
  const handle = spawnTracked(name, binary, args);
  const url = `redis://127.0.0.1:${port}`;
  await waitFor(() => withRedis(url, (redis) => redis.ping()), {
    what: `redis-server on ${port}`,
    timeoutMs: 15_000,
    output: handle.output,
    alive: handle.alive,
  });
  return {
    url,
    port,
    handle,
    async stop() {
      await stopProcess(handle, 5000);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `fn(redis)` on a short-lived connection. */
export async function withRedis(url, fn) {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return await fn(redis);
  } finally {
    redis.disconnect();
  }
}

/** INFO `section` as `{field: value}` (numbers where they parse). */
export function info(url, section) {
  return withRedis(url, async (redis) => parseInfo(await redis.info(section)));
}

export function parseInfo(text) {
  const result = {};
  for (const line of text.split('\r\n')) {
    if (!line || line.startsWith('#')) continue;
    const index = line.indexOf(':');
    const value = line.slice(index + 1);
    result[line.slice(0, index)] = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  }
  return result;
}

/** Redis's own CPU so far (used_cpu_user + used_cpu_sys, seconds) and its command count. */
export async function redisCpu(url) {
  const [cpu, stats] = await Promise.all([info(url, 'cpu'), info(url, 'stats')]);
  return {
    cpuSeconds: cpu.used_cpu_user + cpu.used_cpu_sys,
    commands: stats.total_commands_processed,
  };
}

/** `{command: calls}` from INFO commandstats (counts commands inside scripts too). */
export async function commandCalls(url) {
  const stats = await info(url, 'commandstats');
  const calls = {};
  for (const [key, value] of Object.entries(stats)) {
    const match = /calls=(\d+)/.exec(String(value));
    if (match) calls[key.replace(/^cmdstat_/, '')] = Number(match[1]);
  }
  return calls;
}

export function flushAll(url) {
  return withRedis(url, (redis) => redis.flushall());
}
