'use strict';
/**
 * A local Redis Cluster of `primaries` x (1 + `replicasPerPrimary`) redis-server nodes on
 * consecutive loopback ports (cluster bus on port + 10000), data in `<dataDir>/<port>/`.
 *
 *   ensureCluster(layout)  idempotent: reuses a cluster that is ready, restarts stopped nodes
 *                          (they rejoin from nodes.conf), remakes a half-made one
 *   startCluster(options)  the same on the given or on free ports; returns the cluster
 *   stopCluster(cluster)   stops the nodes started from this checkout (optionally removes data)
 *
 * Nodes that answer but were started from another data folder are reused when the cluster is
 * ready, and never reset or stopped. The layout is cluster-layout.js, readiness
 * cluster-health.js, one node's files and start cluster-node.js.
 */
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { clusterInfo, clusterProblem, waitUntilReady } = require('./cluster-health');
const { DEFAULT_FIRST_PORT, clusterLayout, freeClusterPorts } = require('./cluster-layout');
const { clusterNodes } = require('./cluster-topology');
const {
  BUS_PORT_OFFSET,
  forgetForeignPeers,
  nodeFiles,
  startClusterNode,
} = require('./cluster-node');
const { ServiceError } = require('./errors');
const { findRedisCli } = require('./executables');
const { formatNode, formatNodeList } = require('./node-list');
const { portFree } = require('./ports');
const { pidAlive, pidRuns, readPid, terminate, waitForExit } = require('./processes');
const { parseInfo, redisCall, redisPing } = require('./redis-client');
const { waitFor } = require('./wait');

const ANSWER_TIMEOUT_MS = 15_000;
const RESTORE_TIMEOUT_MS = 15_000;
const READY_TIMEOUT_MS = 30_000;
const CREATE_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
const quiet = () => undefined;

const answers = async (node) => (await redisPing(node, 1000)).ok;

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

/**
 * Starts a cluster of its own for a test or a tool: on `firstPort`, else on free ports (ports and
 * bus ports checked), and waits until it is ready. Resolves the layout plus `started`.
 */
async function startCluster(options = {}) {
  const { log = quiet, ...layoutOptions } = options;
  let { firstPort } = layoutOptions;
  if (firstPort === undefined) {
    // The default layout only tells how many ports (and on which host) to look for.
    const { ports, host } = clusterLayout({ ...layoutOptions, firstPort: DEFAULT_FIRST_PORT });
    firstPort = await freeClusterPorts(ports.length, { host });
  }
  const layout = clusterLayout({ ...layoutOptions, firstPort });
  const { started } = await ensureCluster(layout, { log });
  return { ...layout, started };
}

module.exports = { ensureCluster, stopCluster, startCluster };
