#!/usr/bin/env node
/**
 * `npm run services`: makes sure a MongoDB-compatible server and Redis answer at MONGODB_URI and
 * REDIS_URL, starting local ones (data in `.data/`) when nothing answers, then prints the URIs.
 * Idempotent: run it as often as you like; what already answers is reused, never restarted.
 *
 *   node tools/services.mjs          ensure both, print MONGODB_URI=... and REDIS_URL=...
 *   node tools/services.mjs status   only report what answers (exit 1 if something does not)
 *   node tools/services.mjs stop     stop the servers this script started (from .data/*.pid)
 *
 * The work is done in tools/lib: redis-server.js (Redis), mongo-server.js (mongod or else the
 * bundled FerretDB, ferretdb.js). REDIS_CLUSTER_NODES, when set, is only checked: a local cluster
 * is `npm run services:cluster` (tools/redis-cluster.mjs). tools/run-tests.mjs imports
 * ensureServices() from here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { redact } from './lib/addresses.js';
import { ServiceError } from './lib/errors.js';
import { stderrLog } from './lib/log.js';
import { ensureMongo, mongoPing, DEFAULT_MONGODB_URI } from './lib/mongo-server.js';
import { formatNode, parseNodeList } from './lib/node-list.js';
import { DATA_DIR } from './lib/paths.js';
import { tcpAnswers } from './lib/ports.js';
import { pidRuns, readPid, terminate } from './lib/processes.js';
import { redisPing } from './lib/redis-client.js';
import { ensureRedis, parseRedisUrl, DEFAULT_REDIS_URL } from './lib/redis-server.js';

export { ROOT, DATA_DIR } from './lib/paths.js';
export { ServiceError } from './lib/errors.js';
export { redact } from './lib/addresses.js';
export { findExecutable } from './lib/executables.js';
export { buildFerretDB } from './lib/ferretdb.js';
export { redisPing } from './lib/redis-client.js';
export { ensureRedis, parseRedisUrl, DEFAULT_REDIS_URL } from './lib/redis-server.js';
export { ensureMongo, mongoPing, parseMongoUri, DEFAULT_MONGODB_URI } from './lib/mongo-server.js';

const defaultLog = stderrLog('services');

/** True when something accepts TCP connections at host:port (kept for older callers). */
export const tcpOpen = (host, port, timeoutMs = 1000) => tcpAnswers(port, host, timeoutMs);

/** REDIS_CLUSTER_NODES is only checked: every node must answer PING. */
async function checkRedisCluster(nodesValue, log) {
  const nodes = parseNodeList(nodesValue);
  for (const node of nodes) {
    const result = await redisPing(node);
    if (!result.ok) {
      throw new ServiceError(
        `Redis Cluster node ${formatNode(node)} (REDIS_CLUSTER_NODES) does not answer: ${result.reason}; start a local cluster with \`npm run services:cluster\``,
      );
    }
  }
  log(`Redis Cluster answers on ${nodes.length} node(s)`);
  return nodesValue;
}

/**
 * Makes sure Redis and a MongoDB-compatible server answer; returns the environment to use
 * ({MONGODB_URI, REDIS_URL} and REDIS_CLUSTER_NODES when set).
 */
export async function ensureServices({ env = process.env, log = defaultLog } = {}) {
  const result = {};
  if (env.REDIS_CLUSTER_NODES) {
    result.REDIS_CLUSTER_NODES = await checkRedisCluster(env.REDIS_CLUSTER_NODES, log);
    result.REDIS_URL = env.REDIS_URL || DEFAULT_REDIS_URL;
  } else {
    result.REDIS_URL = await ensureRedis({ env, log });
  }
  result.MONGODB_URI = await ensureMongo({ env, log });
  return result;
}

/** Reports what answers without starting anything. */
export async function servicesStatus({ env = process.env } = {}) {
  const redisUrl = env.REDIS_URL || DEFAULT_REDIS_URL;
  const mongoUri = env.MONGODB_URI || DEFAULT_MONGODB_URI;
  const [redis, mongo] = await Promise.all([
    redisPing(parseRedisUrl(redisUrl)),
    mongoPing(mongoUri, 1500),
  ]);
  return [
    { name: 'MONGODB_URI', uri: mongoUri, ...mongo },
    { name: 'REDIS_URL', uri: redisUrl, ...redis },
  ];
}

/** Stops the servers that this script started (those with a pid file under .data/). */
export async function stopServices({ log = defaultLog } = {}) {
  let stopped = 0;
  const pidFiles = fs.existsSync(DATA_DIR)
    ? fs.readdirSync(DATA_DIR).filter((file) => /^(ferretdb|mongod|redis)(-\d+)?\.pid$/.test(file))
    : [];
  for (const file of pidFiles.sort()) {
    const name = file.replace(/(-\d+)?\.pid$/, '');
    const pidFile = path.join(DATA_DIR, file);
    const pid = readPid(pidFile);
    if (pidRuns(pid, name === 'redis' ? 'redis-server' : name)) {
      await terminate(pid, { signal: 'SIGTERM', timeoutMs: 5000 });
      log(`stopped ${name} (pid ${pid}, ${file})`);
      stopped++;
    }
    fs.rmSync(pidFile, { force: true });
  }
  if (!stopped) log('nothing to stop: no server started by this script is running');
}

async function main(argv) {
  const command = argv[0] ?? 'up';
  if (command === 'stop') return stopServices();
  if (command === 'status') {
    const rows = await servicesStatus();
    for (const row of rows) {
      const state = row.ok ? 'answers' : `does not answer (${row.reason})`;
      console.log(`${row.name}=${redact(row.uri)}  ${state}`);
    }
    process.exitCode = rows.every((row) => row.ok) ? 0 : 1;
    return;
  }
  if (command !== 'up') {
    throw new ServiceError(
      `unknown command "${command}"; use: node tools/services.mjs [up|status|stop]`,
    );
  }
  const env = await ensureServices();
  console.log(`MONGODB_URI=${redact(env.MONGODB_URI)}`);
  console.log(`REDIS_URL=${redact(env.REDIS_URL)}`);
  if (env.REDIS_CLUSTER_NODES) console.log(`REDIS_CLUSTER_NODES=${env.REDIS_CLUSTER_NODES}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    () => process.exit(),
    (error) => {
      const message = error instanceof ServiceError ? error.message : (error?.stack ?? error);
      process.stderr.write(`services: ${message}\n`);
      process.exit(1);
    },
  );
}
