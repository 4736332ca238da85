'use strict';
/** Redis node lists as written in REDIS_CLUSTER_NODES: `host:port,host:port` <-> `[{host, port}]`. */

/** Parses `host:port,host:port` into `[{host, port}]`; throws on a bad entry. */
function parseNodeList(value) {
  return String(value)
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const match = /^(\[[^\]]+\]|[^:\s]+):(\d{1,5})$/.exec(entry);
      if (!match) throw new Error(`not a host:port pair: ${JSON.stringify(entry)}`);
      return { host: match[1].replace(/^\[|\]$/g, ''), port: Number(match[2]) };
    });
}

/** `host:port` of one node, with brackets around an IPv6 host. */
function formatNode({ host, port }) {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** `host:port,...` from `[{host, port}]`. */
function formatNodeList(nodes) {
  return nodes.map(formatNode).join(',');
}

module.exports = { parseNodeList, formatNode, formatNodeList };
