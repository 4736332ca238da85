#!/usr/bin/env node
/**
 * `npm run redis:cluster`: a local Redis Cluster for proving that presence works on one
 * (src/modules/presence/presence.cluster.spec.ts) or for running the app on one
 * (REDIS_CLUSTER_NODES=... npm run start:prod).
 *
 *   node tools/redis-cluster.mjs          start 3 master nodes on 127.0.0.1:7100-7102 (data in
 *                                         .data/redis-cluster/<port>/), join them into a cluster
 *                                         once, wait until it is ok, print REDIS_CLUSTER_NODES=...
 *   node tools/redis-cluster.mjs status   print the state; exit 1 unless the cluster is ok
 *   node tools/redis-cluster.mjs stop     shut the nodes down (SHUTDOWN NOSAVE)
 *
 * Idempotent: nodes that answer are reused; a node that was stopped comes back with its
 * nodes.conf and rejoins; a half-made cluster (nodes up, slots not assigned) is wiped and made
 * again. Loopback only. REDIS_CLUSTER_PORT (first port, default 7100) and REDIS_CLUSTER_SIZE
 * (masters, at least 3, default 3) change the layout. Needs `redis-server` and `redis-cli`.
 *
 * Plain Node ESM, no dependencies. Prints `redis-cluster: started` or `redis-cluster: already
 * running` before the REDIS_CLUSTER_NODES line, so callers know whether to stop it afterwards.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA_DIR = path.join(ROOT, '.data', 'redis-cluster');
const HOST = '127.0.0.1';
const FIRST_PORT = Number(process.env.REDIS_CLUSTER_PORT ?? 7100);
const SIZE = Math.max(3, Number(process.env.REDIS_CLUSTER_SIZE ?? 3));
const PORTS = Array.from({ length: SIZE }, (_, i) => FIRST_PORT + i);
const READY_TIMEOUT_MS = 20_000;

class ClusterError extends Error {}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs a command synchronously; returns {status, stdout, stderr}. */
function run(command, args, { timeoutMs = 10_000 } = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: timeoutMs });
  if (result.error?.code === 'ENOENT')
    throw new ClusterError(`${command} is not installed (apt-get install redis-server)`);
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

const cli = (port, ...args) => run('redis-cli', ['-h', HOST, '-p', String(port), ...args]);

/** True when a Redis answers PONG on the port. */
function answers(port) {
  return cli(port, 'ping').stdout.trim() === 'PONG';
}

/** `CLUSTER INFO` of one node as an object, or null when it does not answer as a cluster node. */
function clusterInfo(port) {
  const { status, stdout } = cli(port, 'cluster', 'info');
  if (status !== 0 || !stdout.includes('cluster_state')) return null;
  return Object.fromEntries(
    stdout
      .split(/\r?\n/)
      .filter((line) => line.includes(':'))
      .map((line) => line.trim().split(':')),
  );
}

/** The cluster is usable: every node answers, sees all of them and serves all 16384 slots. */
function clusterOk() {
  return PORTS.every((port) => {
    const info = clusterInfo(port);
    return (
      info?.cluster_state === 'ok' &&
      info.cluster_slots_assigned === '16384' &&
      Number(info.cluster_known_nodes) >= SIZE
    );
  });
}

function nodeDir(port) {
  return path.join(DATA_DIR, String(port));
}

function startNode(port) {
  const dir = nodeDir(port);
  fs.mkdirSync(dir, { recursive: true });
  const { status, stderr, stdout } = run('redis-server', [
    '--port',
    String(port),
    '--bind',
    HOST,
    '--protected-mode',
    'yes',
    '--cluster-enabled',
    'yes',
    '--cluster-config-file',
    'nodes.conf',
    '--cluster-node-timeout',
    '3000',
    '--dir',
    dir,
    '--daemonize',
    'yes',
    '--pidfile',
    path.join(dir, 'redis.pid'),
    '--logfile',
    path.join(dir, 'redis.log'),
    '--save',
    '',
    '--appendonly',
    'no',
  ]);
  if (status !== 0)
    throw new ClusterError(
      `redis-server on port ${port} did not start: ${(stderr || stdout).trim()}`,
    );
}

async function waitFor(check, what, timeoutMs = READY_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return;
    await sleep(100);
  }
  throw new ClusterError(
    `timed out waiting for ${what}; see ${path.relative(ROOT, DATA_DIR)}/<port>/redis.log`,
  );
}

function stopNodes(ports = PORTS) {
  let stopped = 0;
  for (const port of ports) {
    if (!answers(port)) continue;
    cli(port, 'shutdown', 'nosave');
    stopped++;
  }
  return stopped;
}

/** Starts what is missing and makes the cluster; returns true when this call started anything. */
async function ensureCluster() {
  if (PORTS.every(answers) && clusterOk()) return false;

  for (const port of PORTS) {
    if (answers(port)) {
      if (!clusterInfo(port))
        throw new ClusterError(
          `port ${port} answers but is not a cluster-mode Redis; free it or set REDIS_CLUSTER_PORT`,
        );
    } else {
      startNode(port);
    }
  }
  await waitFor(() => PORTS.every(answers), 'the cluster nodes to answer');

  // Nodes restarted from their nodes.conf find each other again; give them a moment.
  const restored = PORTS.every(
    (port) =>
      fs.existsSync(path.join(nodeDir(port), 'nodes.conf')) &&
      Number(clusterInfo(port)?.cluster_known_nodes) >= SIZE,
  );
  if (restored) {
    try {
      await waitFor(clusterOk, 'the restored cluster to be ok', 10_000);
      return true;
    } catch {
      // Fall through: start over from empty nodes.
    }
  }

  // A fresh (or half-made) cluster: empty every node, then create it.
  for (const port of PORTS) {
    cli(port, 'flushall');
    cli(port, 'cluster', 'reset', 'hard');
  }
  const created = run(
    'redis-cli',
    [
      '--cluster',
      'create',
      ...PORTS.map((port) => `${HOST}:${port}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ],
    { timeoutMs: 60_000 },
  );
  if (created.status !== 0)
    throw new ClusterError(
      `redis-cli --cluster create failed:\n${(created.stdout + created.stderr).trim()}`,
    );
  await waitFor(clusterOk, 'cluster_state:ok on every node');
  return true;
}

export const REDIS_CLUSTER_NODES = PORTS.map((port) => `${HOST}:${port}`).join(',');

async function main() {
  const command = process.argv[2] ?? 'start';
  if (command === 'stop') {
    const stopped = stopNodes();
    console.log(`redis-cluster: stopped ${stopped} node(s)`);
    return;
  }
  if (command === 'status') {
    const ok = PORTS.every(answers) && clusterOk();
    for (const port of PORTS)
      console.log(`${HOST}:${port} ${clusterInfo(port)?.cluster_state ?? 'down'}`);
    console.log(ok ? `REDIS_CLUSTER_NODES=${REDIS_CLUSTER_NODES}` : 'redis-cluster: not ok');
    process.exitCode = ok ? 0 : 1;
    return;
  }
  if (command !== 'start')
    throw new ClusterError(`unknown command ${command}; use start, status or stop`);
  run('redis-cli', ['--version']);
  const started = await ensureCluster();
  console.log(
    `redis-cluster: ${started ? 'started' : 'already running'} (${SIZE} masters, data in ${path.relative(ROOT, DATA_DIR)})`,
  );
  console.log(`REDIS_CLUSTER_NODES=${REDIS_CLUSTER_NODES}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(
      `redis-cluster: ${error instanceof ClusterError ? error.message : (error?.stack ?? error)}`,
    );
    process.exit(1);
  });
}
