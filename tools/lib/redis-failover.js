'use strict';
/**
 * Failover on a local Redis Cluster (one made by startCluster), for tests:
 *
 *   primaryForKey(cluster, key)       the slot of the key and the primary serving it
 *   killNode(cluster, node)           SIGKILL of the node's process, as a crash would
 *   waitForFailover(cluster, killed)  until another node serves the killed primary's slots and
 *                                     every other node says cluster_state:ok; resolves tookMs
 *   restartNode(cluster, killed)      starts it again; waits until it has rejoined as a replica
 *                                     in sync and the cluster is ready
 */
const { clusterNodes, clusterTopology, servesSlot } = require('./cluster-topology');
const { nodeFiles, startClusterNode } = require('./cluster-node');
const { ServiceError } = require('./errors');
const { formatNode } = require('./node-list');
const { pidRuns, readPid, terminate } = require('./processes');
const { parseInfo, redisCall } = require('./redis-client');
const { clusterProblem } = require('./cluster-health');
const { waitFor } = require('./wait');

const FAILOVER_TIMEOUT_MS = 30_000;
const sameNode = (a, b) => a.port === b.port && a.host === b.host;

/** Runs `fn(node)` on the first node of the list that answers. */
async function onAnyNode(nodes, fn) {
  let lastError = new ServiceError('no node to ask');
  for (const node of nodes) {
    try {
      return await fn(node);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

/** {slot, primary}: the slot of `key` (CLUSTER KEYSLOT) and the healthy primary serving it. */
async function primaryForKey(cluster, key) {
  const slot = Number(
    await onAnyNode(cluster.nodes, (node) => redisCall(node, 'CLUSTER', 'KEYSLOT', key)),
  );
  const { primaries } = await clusterTopology(cluster.nodes);
  const primary = primaries.find((candidate) => !candidate.failing && servesSlot(candidate, slot));
  if (!primary) throw new ServiceError(`no healthy primary serves slot ${slot} (key ${key})`);
  return { slot, primary };
}

/** The pid of a node's redis-server: from INFO when it answers, else from its pid file. */
async function nodePid(cluster, node) {
  const info = await redisCall(node, 'INFO', 'server').catch(() => null);
  return info ? Number(parseInfo(info).process_id) : readPid(nodeFiles(cluster, node.port).pidFile);
}

/**
 * Kills the node's process with SIGKILL (no shutdown, no goodbye to its peers) and waits until it
 * is gone. Resolves what waitForFailover and restartNode need: {host, port, id, role, slots, pid,
 * killedAt}.
 */
async function killNode(cluster, node) {
  const self = (await clusterNodes(node)).find((peer) => peer.myself);
  const pid = await nodePid(cluster, node);
  if (!pidRuns(pid, 'redis-server')) {
    throw new ServiceError(`${formatNode(node)} is not a running redis-server (pid ${pid})`);
  }
  const killedAt = Date.now();
  if (!(await terminate(pid, { signal: 'SIGKILL' }))) {
    throw new ServiceError(`${formatNode(node)} (pid ${pid}) is still running after SIGKILL`);
  }
  return {
    host: node.host,
    port: node.port,
    id: self.id,
    role: self.role,
    slots: self.slots,
    pid,
    killedAt,
  };
}

/** True when `node` sees cluster_state:ok and a healthy primary other than `killed` serving `slot`. */
async function promotedAsSeenBy(node, killed, slot) {
  const info = parseInfo(await redisCall(node, 'CLUSTER', 'INFO'));
  if (info.cluster_state !== 'ok') return null;
  if (slot === undefined) return true;
  const owner = (await clusterNodes(node)).find(
    (peer) => peer.role === 'primary' && !peer.failing && servesSlot(peer, slot),
  );
  return owner && owner.id !== killed.id ? owner : null;
}

/**
 * Waits (at most `timeoutMs`) until every node but `killed` says cluster_state:ok and sees
 * another primary serving the killed primary's slots. Resolves {tookMs (since the kill), primary}.
 */
async function waitForFailover(cluster, killed, { timeoutMs = FAILOVER_TIMEOUT_MS } = {}) {
  const others = cluster.nodes.filter((node) => !sameNode(node, killed));
  const slot = killed.slots[0]?.[0];
  let primary;
  await waitFor(
    async () => {
      const views = await Promise.all(others.map((node) => promotedAsSeenBy(node, killed, slot)));
      if (!views.every(Boolean)) return false;
      primary = views[0] === true ? null : views[0];
      return true;
    },
    {
      timeoutMs,
      intervalMs: 100,
      what: `failover of ${formatNode(killed)}`,
      errorType: ServiceError,
    },
  );
  return { tookMs: Date.now() - killed.killedAt, primary };
}

/** True when `node` is a replica whose link to its primary is up. */
async function isSyncedReplica(node) {
  const replication = parseInfo(await redisCall(node, 'INFO', 'replication'));
  return replication.role === 'slave' && replication.master_link_status === 'up';
}

/**
 * Starts a killed node again from its redis.conf and nodes.conf, and waits (at most `timeoutMs`)
 * until it is a replica in sync and the whole cluster is ready. Resolves {tookMs, primary}.
 */
async function restartNode(cluster, node, { timeoutMs = FAILOVER_TIMEOUT_MS } = {}) {
  const startedAt = Date.now();
  startClusterNode(cluster, node.port);
  let problem = 'not checked';
  await waitFor(
    async () => {
      problem = (await isSyncedReplica(node))
        ? await clusterProblem(cluster)
        : 'not a replica in sync yet';
      return problem === null;
    },
    {
      timeoutMs,
      intervalMs: 200,
      what: `${formatNode(node)} rejoining as a replica`,
      output: () => problem,
      errorType: ServiceError,
    },
  );
  const peers = await clusterNodes(node);
  const self = peers.find((peer) => peer.myself);
  const primary = peers.find((peer) => peer.id === self.primaryId) ?? null;
  return { tookMs: Date.now() - startedAt, primary };
}

module.exports = { primaryForKey, killNode, waitForFailover, restartNode };
