'use strict';
/**
 * What a Redis Cluster looks like from one of its nodes: `CLUSTER NODES` parsed into nodes, and
 * grouped into primaries with their replicas and slot ranges (`clusterTopology`). Works on Redis
 * 6.2 and 7 (CLUSTER SHARDS is 7 only).
 */
const { redisCall } = require('./redis-client');

/** `[start, end]` ranges of one CLUSTER NODES line; importing/migrating markers are skipped. */
function parseSlots(fields) {
  return fields
    .filter((field) => !field.startsWith('['))
    .map((field) => {
      const [start, end = start] = field.split('-').map(Number);
      return [start, end];
    });
}

/**
 * Parses `CLUSTER NODES` output. Each node: {id, host, port, busPort, flags, myself, role
 * ('primary' | 'replica'), primaryId, failing (flagged fail or fail?), connected, slots}.
 */
function parseClusterNodes(text) {
  return String(text)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [id, address, flagList, primaryId, , , , linkState, ...slots] = line.split(' ');
      const [hostPort, bus = ''] = address.split(',')[0].split('@');
      const colon = hostPort.lastIndexOf(':');
      const flags = flagList.split(',');
      return {
        id,
        host: hostPort.slice(0, colon),
        port: Number(hostPort.slice(colon + 1)),
        busPort: Number(bus) || null,
        flags,
        myself: flags.includes('myself'),
        role: flags.includes('master') ? 'primary' : 'replica',
        primaryId: primaryId === '-' ? null : primaryId,
        failing: flags.includes('fail') || flags.includes('fail?'),
        connected: linkState === 'connected',
        slots: parseSlots(slots),
      };
    });
}

/** True when `slot` is in one of the `[start, end]` ranges. */
function servesSlot(node, slot) {
  return node.slots.some(([start, end]) => slot >= start && slot <= end);
}

/**
 * Primaries that serve slots, each with its replicas: [{...node, replicas: [node...]}], from
 * parsed CLUSTER NODES. Failing nodes stay in the list with `failing: true`.
 */
function groupTopology(nodes) {
  return nodes
    .filter((node) => node.role === 'primary' && node.slots.length > 0)
    .sort((a, b) => a.slots[0][0] - b.slots[0][0])
    .map((primary) => ({
      ...primary,
      replicas: nodes.filter((node) => node.role === 'replica' && node.primaryId === primary.id),
    }));
}

/** `CLUSTER NODES` of one node, parsed. */
async function clusterNodes(node) {
  return parseClusterNodes(await redisCall(node, 'CLUSTER', 'NODES'));
}

/**
 * The cluster as one node sees it: {nodes, primaries: [{id, host, port, slots, failing,
 * replicas: [...]}]}. `from` is one node or a list; the first that answers is asked.
 */
async function clusterTopology(from) {
  const candidates = Array.isArray(from) ? from : (from.nodes ?? [from]);
  let lastError = new Error('no node to ask');
  for (const node of candidates) {
    try {
      const nodes = await clusterNodes(node);
      return { nodes, primaries: groupTopology(nodes) };
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

module.exports = { parseClusterNodes, servesSlot, groupTopology, clusterNodes, clusterTopology };
