'use strict';
/**
 * One node of a local Redis Cluster: its files in `<dataDir>/<port>/` (redis.conf, nodes.conf,
 * redis.pid, redis.log), the redis.conf written for it, and starting it daemonized. A node
 * started again finds its peers in nodes.conf and rejoins.
 */
const fs = require('node:fs');
const path = require('node:path');
const { requireRedisServer, runRedisServer } = require('./redis-server');

/** Cluster bus port of a node: its port + 10000 (Redis's fixed offset). */
const BUS_PORT_OFFSET = 10_000;

/** Files of the node on `port`. */
function nodeFiles(layout, port) {
  const dir = path.join(layout.dataDir, String(port));
  return {
    dir,
    conf: path.join(dir, 'redis.conf'),
    nodesConf: path.join(dir, 'nodes.conf'),
    pidFile: path.join(dir, 'redis.pid'),
    logFile: path.join(dir, 'redis.log'),
  };
}

/** The redis.conf of one node: loopback only, no persistence, fast failover. */
function nodeConfig(layout, port) {
  const files = nodeFiles(layout, port);
  const quote = (value) => JSON.stringify(value);
  return [
    `# Node ${port} of a local Redis Cluster, written by tools/lib/cluster-node.js.`,
    `port ${port}`,
    `bind ${layout.host}`,
    'protected-mode yes',
    'daemonize yes',
    `dir ${quote(files.dir)}`,
    `pidfile ${quote(files.pidFile)}`,
    `logfile ${quote(files.logFile)}`,
    'cluster-enabled yes',
    'cluster-config-file nodes.conf',
    `cluster-node-timeout ${layout.nodeTimeoutMs}`,
    '# A replica always stands for election, however long it was cut off from its primary.',
    'cluster-replica-validity-factor 0',
    '# Replicas sync at once instead of waiting 5 s for more replicas to arrive.',
    'repl-diskless-sync-delay 0',
    'save ""',
    'appendonly no',
    '',
  ].join('\n');
}

/**
 * Removes a nodes.conf that names peers outside this layout (left by a cluster of other ports),
 * so the node does not go looking for them. Returns true when it did.
 */
function forgetForeignPeers(layout, port) {
  const { nodesConf } = nodeFiles(layout, port);
  let text;
  try {
    text = fs.readFileSync(nodesConf, 'utf8');
  } catch {
    return false;
  }
  const peerPorts = [...text.matchAll(/^\S+ \S*:(\d+)@/gm)].map((match) => Number(match[1]));
  if (peerPorts.every((peer) => layout.ports.includes(peer))) return false;
  fs.rmSync(nodesConf, { force: true });
  return true;
}

/** Writes the node's redis.conf and starts it daemonized (it returns once the process forked). */
function startClusterNode(layout, port) {
  const redisServer = requireRedisServer(`Redis Cluster node ${port} does not answer`);
  const files = nodeFiles(layout, port);
  fs.mkdirSync(files.dir, { recursive: true });
  fs.writeFileSync(files.conf, nodeConfig(layout, port));
  runRedisServer(redisServer, [files.conf], files.logFile);
}

module.exports = { BUS_PORT_OFFSET, nodeFiles, nodeConfig, forgetForeignPeers, startClusterNode };
