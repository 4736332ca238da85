'use strict';
/**
 * Is a local Redis Cluster ready? `clusterProblem(layout)` says why not (null when it is),
 * `waitUntilReady` waits for it, `clusterStatus` reports each node for `status` commands.
 */
const { clusterNodes, groupTopology } = require('./cluster-topology');
const { ServiceError } = require('./errors');
const { formatNode } = require('./node-list');
const { describeRedisError, parseInfo, redisCall } = require('./redis-client');
const { waitFor } = require('./wait');

const TOTAL_SLOTS = '16384';

/** `CLUSTER INFO` of one node as an object. */
async function clusterInfo(node) {
  return parseInfo(await redisCall(node, 'CLUSTER', 'INFO'));
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

module.exports = { clusterInfo, clusterProblem, waitUntilReady, clusterStatus };
