#!/usr/bin/env node
/**
 * `npm run services:cluster`: a local Redis Cluster of 3 primaries with 1 replica each, from
 * redis-server and redis-cli, for running the app on a cluster (REDIS_CLUSTER_NODES=...) or for
 * tests and benches that need one.
 *
 *   node tools/redis-cluster.mjs [start]  start what is missing on 127.0.0.1:7100-7105 (bus ports
 *                                         +10000, data in .data/redis-cluster/<port>/), wait until
 *                                         cluster_state:ok and every primary has its replica,
 *                                         print REDIS_CLUSTER_NODES=...
 *   node tools/redis-cluster.mjs status   report each node; exit 1 unless the cluster is ready
 *   node tools/redis-cluster.mjs stop     stop the nodes started from this checkout
 *
 * Idempotent: a ready cluster is reused; a stopped node comes back with its nodes.conf and
 * rejoins; a half-made cluster is made again. Environment: REDIS_CLUSTER_PORT (first port,
 * default 7100), REDIS_CLUSTER_SIZE (primaries, at least 3, default 3), REDIS_CLUSTER_REPLICAS
 * (replicas per primary, default 1). Prints `redis-cluster: started` or `redis-cluster: already
 * running` before the REDIS_CLUSTER_NODES line, so callers know whether to stop it afterwards.
 * The work is done by tools/lib/redis-cluster.js (startCluster / stopCluster for tests).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ServiceError } from './lib/errors.js';
import { stderrLog } from './lib/log.js';
import { ROOT } from './lib/paths.js';
import { clusterStatus } from './lib/cluster-health.js';
import { DEFAULT_FIRST_PORT, clusterLayout } from './lib/cluster-layout.js';
import { ensureCluster, stopCluster } from './lib/redis-cluster.js';

const log = stderrLog('redis-cluster');

/** The layout the environment asks for (clusterLayout checks the values). */
function layoutFromEnv(env = process.env) {
  return clusterLayout({
    firstPort: env.REDIS_CLUSTER_PORT || DEFAULT_FIRST_PORT,
    primaries: env.REDIS_CLUSTER_SIZE || 3,
    replicasPerPrimary: env.REDIS_CLUSTER_REPLICAS || 1,
  });
}

async function main(command = 'start') {
  const layout = layoutFromEnv();
  if (command === 'stop') {
    const stopped = await stopCluster(layout, { log });
    console.log(`redis-cluster: stopped ${stopped} node(s)`);
    return;
  }
  if (command === 'status') {
    const { nodes, problem } = await clusterStatus(layout);
    for (const node of nodes) console.log(`${node.host}:${node.port} ${node.state}`);
    console.log(
      problem ? `redis-cluster: not ready: ${problem}` : `REDIS_CLUSTER_NODES=${layout.nodeList}`,
    );
    process.exitCode = problem ? 1 : 0;
    return;
  }
  if (command !== 'start') {
    throw new ServiceError(
      `unknown command "${command}"; use: node tools/redis-cluster.mjs [start|status|stop]`,
    );
  }
  const { started } = await ensureCluster(layout, { log });
  const shape = `${layout.primaries} primaries with ${layout.replicasPerPrimary} replica(s) each`;
  const where = path.relative(ROOT, layout.dataDir);
  console.log(
    `redis-cluster: ${started ? 'started' : 'already running'} (${shape}, data in ${where})`,
  );
  console.log(`REDIS_CLUSTER_NODES=${layout.nodeList}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv[2]).then(
    () => process.exit(),
    (error) => {
      const message = error instanceof ServiceError ? error.message : (error?.stack ?? error);
      process.stderr.write(`redis-cluster: ${message}\n`);
      process.exit(1);
    },
  );
}
