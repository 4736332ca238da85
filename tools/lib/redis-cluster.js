'use strict';
/**
 * A local Redis Cluster of `primaries` x (1 + `replicasPerPrimary`) redis-server nodes on
 * consecutive loopback ports (cluster bus on port + 10000), data in `<dataDir>/<port>/`.
 *
 *   ensureCluster(layout)  idempotent: reuses a cluster that is ready, restarts stopped nodes
 *                          (they rejoin from nodes.conf), remakes a half-made one
 *   startCluster(options)  the same on the given or on free ports; returns the cluster
 *   stopCluster(cluster)   stops the nodes started from this checkout (optionally removes data)
 *   clusterProblem(layout) why it is not ready (null when every node says cluster_state:ok, all
 *                          slots are served and every primary has its replicas in sync)
 *
 * Nodes that answer but were started from another data folder are reused when the cluster is
 * ready, and never reset or stopped.
 */
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { isLoopback } = require('./addresses');
const { clusterNodes, groupTopology } = require('./cluster-nodes');
const {
  BUS_PORT_OFFSET,
  forgetForeignPeers,
  nodeFiles,
  startClusterNode,
} = require('./cluster-node');
const { ServiceError } = require('./errors');
const { findRedisCli } = require('./executables');
const { formatNode, formatNodeList } = require('./node-list');
const { DATA_DIR } = require('./paths');
const { portFree } = require('./ports');
const { pidAlive, pidRuns, readPid, terminate, waitForExit } = require('./processes');
const { describeRedisError, parseInfo, redisCall, redisPing } = require('./redis-client');
const { waitFor } = require('./wait');

const DEFAULT_FIRST_PORT = 7100;
const CLUSTER_DATA_DIR = path.join(DATA_DIR, 'redis-cluster');
const TOTAL_SLOTS = '16384';
const ANSWER_TIMEOUT_MS = 15_000;
const RESTORE_TIMEOUT_MS = 15_000;
const READY_TIMEOUT_MS = 30_000;
const CREATE_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
const quiet = () => undefined;

/** Checks one layout option: an integer of at least `min`. */
function integerOption(name, value, min) {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) {
    throw new ServiceError(`${name} must be an integer of at least ${min}, got ${value}`);
  }
  return number;
}

/**
 * Where the nodes of a cluster live: {host, firstPort, primaries, replicasPerPrimary,
 * nodeTimeoutMs, dataDir, ports, nodes, nodeList}.
 */
function clusterLayout({
  host = '127.0.0.1',
  firstPort = DEFAULT_FIRST_PORT,
  primaries = 3,
  replicasPerPrimary = 1,
  nodeTimeoutMs = 3000,
  dataDir = CLUSTER_DATA_DIR,
} = {}) {
  if (!isLoopback(host))
    throw new ServiceError(`a local cluster listens on loopback only, not ${host}`);
  const layout = {
    host,
    firstPort: integerOption('the first port (REDIS_CLUSTER_PORT)', firstPort, 1),
    primaries: integerOption('the number of primaries (REDIS_CLUSTER_SIZE)', primaries, 3),
    replicasPerPrimary: integerOption(
      'the number of replicas per primary (REDIS_CLUSTER_REPLICAS)',
      replicasPerPrimary,
      0,
    ),
    nodeTimeoutMs: integerOption('the node timeout', nodeTimeoutMs, 100),
    dataDir,
  };
  const size = layout.primaries * (1 + layout.replicasPerPrimary);
  if (layout.firstPort + size - 1 + BUS_PORT_OFFSET > 65_535) {
    throw new ServiceError(
      `ports ${layout.firstPort}+${size} leave no room for their bus ports (+10000)`,
    );
  }
  layout.ports = Array.from({ length: size }, (_, i) => layout.firstPort + i);
  layout.nodes = layout.ports.map((port) => ({ host, port }));
  layout.nodeList = formatNodeList(layout.nodes);
  return layout;
}

/** A first port such that `count` consecutive ports and their bus ports (+10000) are free. */
async function freeClusterPorts(
  count,
  { host = '127.0.0.1', from = 7200, to = 9999, attempts = 100 } = {},
) {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const first = from + Math.floor(Math.random() * (to - from - count + 2));
    const ports = Array.from({ length: count }, (_, i) => first + i);
    const candidates = [...ports, ...ports.map((port) => port + BUS_PORT_OFFSET)];
    const free = await Promise.all(candidates.map((port) => portFree(port, host)));
    if (free.every(Boolean)) return first;
  }
  throw new ServiceError(
    `no ${count} free consecutive ports (and bus ports) between ${from} and ${to}`,
  );
}

const answers = async (node) => (await redisPing(node, 1000)).ok;

/** `CLUSTER INFO` of one node as an object. */
async function clusterInfo(node) {
  return parseInfo(await redisCall(node, 'CLUSTER', 'INFO'));
}

/** True when the node's data folder is this layout's folder for its port (started from here). */
async function isOwnNode(layout, node) {
  const [, dir] = await redisCall(node, 'CONFIG', 'GET', 'dir');
  const own = nodeFiles(layout, node.port).dir;
  try {
    return fs.realpathSync(dir) === fs.realpathSync(own);
  } catch {
    return false;
  }
}

/** Who serves which slots and who replicates whom, by port: equal strings mean views agree. */
function viewShape(nodes) {
  const portOf = new Map(nodes.map((node) => [node.id, node.port]));
  return nodes
    .map((node) =>
      node.role === 'primary'
        ? `${node.port}:${node.slots.map((range) => range.join('-')).join(',')}`
        : `${node.port}<${portOf.get(node.primaryId)}`,
    )
    .sort()
    .join(' ');
}

/** What is wrong with one node's CLUSTER INFO, or null. */
function infoProblem(layout, node, info) {
  const where = formatNode(node);
  if (info.cluster_state !== 'ok') return `${where} says cluster_state:${info.cluster_state}`;
  if (info.cluster_slots_assigned !== TOTAL_SLOTS) {
    return `${where} sees ${info.cluster_slots_assigned} of ${TOTAL_SLOTS} slots assigned`;
  }
  if (Number(info.cluster_known_nodes) !== layout.ports.length) {
    return `${where} knows ${info.cluster_known_nodes} of ${layout.ports.length} nodes`;
  }
  return null;
}

/**
 * Why the cluster is not ready yet, or null when it is: every node says cluster_state:ok, knows
 * every node, flags none as failing and sees the same primaries and replicas; there are
 * `primaries` primaries with `replicasPerPrimary` replicas each, every replica in sync.
 */
async function clusterProblem(layout) {
  const views = [];
  for (const node of layout.nodes) {
    let info;
    let nodes;
    try {
      [info, nodes] = await Promise.all([clusterInfo(node), clusterNodes(node)]);
    } catch (error) {
      return `${formatNode(node)} does not answer (${describeRedisError(error)})`;
    }
    const problem = infoProblem(layout, node, info);
    if (problem) return problem;
    const failing = nodes.find((peer) => peer.failing);
    if (failing) return `${formatNode(node)} flags ${formatNode(failing)} as failing`;
    views.push(nodes);
  }
  const shape = viewShape(views[0]);
  const other = views.findIndex((view) => viewShape(view) !== shape);
  if (other >= 0) {
    return `${formatNode(layout.nodes[other])} and ${formatNode(layout.nodes[0])} do not agree on the layout yet`;
  }
  const primaries = groupTopology(views[0]);
  if (primaries.length !== layout.primaries) {
    return `${primaries.length} primaries serve slots, not ${layout.primaries}`;
  }
  for (const primary of primaries) {
    if (primary.replicas.length !== layout.replicasPerPrimary) {
      return `primary ${formatNode(primary)} has ${primary.replicas.length} replicas, not ${layout.replicasPerPrimary}`;
    }
    for (const replica of primary.replicas) {
      const replication = parseInfo(await redisCall(replica, 'INFO', 'replication'));
      if (replication.role !== 'slave' || replication.master_link_status !== 'up') {
        return `replica ${formatNode(replica)} is not in sync with ${formatNode(primary)} yet`;
      }
    }
  }
  return null;
}

/** Waits until clusterProblem() is null; the error names the last problem seen. */
async function waitUntilReady(layout, timeoutMs, what = 'the Redis Cluster') {
  let last = 'not checked';
  await waitFor(
    async () => {
      last = await clusterProblem(layout);
      return last === null;
    },
    { timeoutMs, intervalMs: 200, what, output: () => last, errorType: ServiceError },
  );
}

/** A node that answers must be a cluster-mode Redis that knows no node outside this layout. */
async function checkAnsweringNode(layout, node) {
  const info = parseInfo(await redisCall(node, 'INFO', 'cluster'));
  if (info.cluster_enabled !== '1') {
    throw new ServiceError(
      `${formatNode(node)} answers but is not a cluster-mode Redis; free the port or choose other ports (REDIS_CLUSTER_PORT)`,
    );
  }
  const foreign = (await clusterNodes(node)).find(
    (peer) =>
      peer.port !== 0 && !peer.flags.includes('noaddr') && !layout.ports.includes(peer.port),
  );
  if (foreign) {
    throw new ServiceError(
      `${formatNode(node)} belongs to another cluster (it knows ${formatNode(foreign)}); stop that cluster or choose other ports`,
    );
  }
  if (!(await isOwnNode(layout, node))) {
    throw new ServiceError(
      `${formatNode(node)} answers but was started from another data folder and the cluster is not ready; stop it there or choose other ports`,
    );
  }
}

/** The port and bus port of a node that does not answer must be free. */
async function checkPortsFree(layout, node) {
  for (const port of [node.port, node.port + BUS_PORT_OFFSET]) {
    if (!(await portFree(port, layout.host))) {
      throw new ServiceError(
        `port ${port} is taken by something that is not a Redis node of this cluster; free it or choose other ports (REDIS_CLUSTER_PORT)`,
      );
    }
  }
}

/** Runs `redis-cli --cluster create` over empty nodes. */
async function createCluster(layout, log) {
  const redisCli = findRedisCli();
  if (!redisCli) {
    throw new ServiceError(
      'redis-cli is not installed (it creates the cluster): apt-get install redis-tools (Debian/Ubuntu) or brew install redis (macOS)',
    );
  }
  for (const node of layout.nodes) {
    // A replica refuses FLUSHALL, but CLUSTER RESET HARD empties it; a primary must be empty first.
    await redisCall(node, 'FLUSHALL').catch(() => undefined);
    await redisCall(node, 'CLUSTER', 'RESET', 'HARD');
  }
  log(
    `creating the cluster: ${layout.primaries} primaries with ${layout.replicasPerPrimary} replica(s) each`,
  );
  const args = ['--cluster', 'create', ...layout.nodes.map(formatNode)];
  args.push('--cluster-replicas', String(layout.replicasPerPrimary), '--cluster-yes');
  await new Promise((resolve, reject) => {
    execFile(
      redisCli,
      args,
      { timeout: CREATE_TIMEOUT_MS, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (!error) return resolve();
        const output = `${stdout}${stderr}`.trim().split('\n').slice(-10).join('\n');
        reject(new ServiceError(`redis-cli --cluster create failed:\n${output}`));
      },
    );
  });
}

/** Makes the cluster of `layout` ready; resolves {started}: false when it was reused as it was. */
async function ensureCluster(layout, { log = quiet } = {}) {
  const up = await Promise.all(layout.nodes.map(answers));
  if (up.every(Boolean) && (await clusterProblem(layout)) === null) return { started: false };

  const down = layout.nodes.filter((_, index) => !up[index]);
  for (const [index, node] of layout.nodes.entries()) {
    if (up[index]) await checkAnsweringNode(layout, node);
    else await checkPortsFree(layout, node);
  }
  for (const node of down) {
    if (forgetForeignPeers(layout, node.port)) {
      log(`${formatNode(node)}: dropped a nodes.conf of another cluster`);
    }
    startClusterNode(layout, node.port);
  }
  if (down.length) log(`started ${down.length} node(s): ${formatNodeList(down)}`);
  await waitFor(async () => (await Promise.all(layout.nodes.map(answers))).every(Boolean), {
    timeoutMs: ANSWER_TIMEOUT_MS,
    what: 'the cluster nodes',
    output: () => `see ${path.join(layout.dataDir, '<port>', 'redis.log')}`,
    errorType: ServiceError,
  });

  // Nodes that know every peer (from nodes.conf) heal by themselves: give them a moment.
  const infos = await Promise.all(layout.nodes.map(clusterInfo));
  if (infos.every((info) => Number(info.cluster_known_nodes) >= layout.ports.length)) {
    try {
      await waitUntilReady(layout, RESTORE_TIMEOUT_MS);
      return { started: true };
    } catch (error) {
      log(`the nodes did not heal (${error.message.split('\n').pop()}); making the cluster again`);
    }
  }
  await createCluster(layout, log);
  await waitUntilReady(layout, READY_TIMEOUT_MS);
  return { started: true };
}

/** `SHUTDOWN NOSAVE NOW` (Redis 7), else `SHUTDOWN NOSAVE`; the closed connection is the answer. */
async function shutdownNode(node) {
  for (const args of [['NOSAVE', 'NOW'], ['NOSAVE']]) {
    try {
      await redisCall(node, 'SHUTDOWN', ...args);
    } catch (error) {
      if (error?.name !== 'ReplyError') return;
    }
  }
}

/** Stops one node if it was started from this layout's folder; true when it was stopped. */
async function stopNode(layout, node, log) {
  const { pidFile } = nodeFiles(layout, node.port);
  if (await answers(node)) {
    if (!(await isOwnNode(layout, node))) {
      log(`${formatNode(node)} was started from another data folder; left running`);
      return false;
    }
    const pid = Number(parseInfo(await redisCall(node, 'INFO', 'server')).process_id);
    await shutdownNode(node);
    return (await waitForExit(pid, STOP_TIMEOUT_MS)) || terminate(pid, { signal: 'SIGKILL' });
  }
  const pid = readPid(pidFile);
  return pidRuns(pid, 'redis-server') ? terminate(pid, { signal: 'SIGKILL' }) : false;
}

/**
 * Stops the nodes of `cluster` (a layout, or what startCluster returned) that were started from
 * its data folder; `removeData` also deletes their folders. Resolves how many were running.
 */
async function stopCluster(cluster, { removeData = false, log = quiet } = {}) {
  const layout = cluster.nodes ? cluster : clusterLayout(cluster);
  const stopped = await Promise.all(layout.nodes.map((node) => stopNode(layout, node, log)));
  if (removeData) {
    for (const port of layout.ports) {
      const { dir, pidFile } = nodeFiles(layout, port);
      if (!pidAlive(readPid(pidFile))) fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return stopped.filter(Boolean).length;
}

/** Per node {host, port, state} (cluster_state or 'down') and the cluster's problem (null: ready). */
async function clusterStatus(layout) {
  const nodes = await Promise.all(
    layout.nodes.map(async (node) => {
      const info = await clusterInfo(node).catch(() => null);
      return { ...node, state: info?.cluster_state ?? 'down' };
    }),
  );
  const problem = await clusterProblem(layout).catch((error) => describeRedisError(error));
  return { nodes, problem };
}

/**
 * Starts a cluster of its own for a test or a tool: on `firstPort`, else on free ports (ports and
 * bus ports checked), and waits until it is ready. Resolves the layout plus `started`.
 */
async function startCluster(options = {}) {
  const { log = quiet, ...layoutOptions } = options;
  const probe = clusterLayout({
    ...layoutOptions,
    firstPort: layoutOptions.firstPort ?? DEFAULT_FIRST_PORT,
  });
  const firstPort =
    layoutOptions.firstPort ?? (await freeClusterPorts(probe.ports.length, { host: probe.host }));
  const layout = clusterLayout({ ...layoutOptions, firstPort });
  const { started } = await ensureCluster(layout, { log });
  return { ...layout, started };
}

module.exports = {
  DEFAULT_FIRST_PORT,
  CLUSTER_DATA_DIR,
  clusterLayout,
  freeClusterPorts,
  clusterProblem,
  waitUntilReady,
  ensureCluster,
  stopCluster,
  clusterStatus,
  startCluster,
};
