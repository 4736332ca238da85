'use strict';
/**
 * Where the nodes of a local Redis Cluster live: `clusterLayout(options)` checks the options and
 * lists the consecutive loopback ports (bus ports +10000) and the node list for
 * REDIS_CLUSTER_NODES; `freeClusterPorts(count)` finds ports for a cluster of a test's own.
 */
const path = require('node:path');
const { isLoopback } = require('./addresses');
const { BUS_PORT_OFFSET } = require('./cluster-node');
const { ServiceError } = require('./errors');
const { formatNodeList } = require('./node-list');
const { DATA_DIR } = require('./paths');
const { portFree } = require('./ports');

const DEFAULT_FIRST_PORT = 7100;
const CLUSTER_DATA_DIR = path.join(DATA_DIR, 'redis-cluster');

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

module.exports = { DEFAULT_FIRST_PORT, CLUSTER_DATA_DIR, clusterLayout, freeClusterPorts };
