import type { RedisConnectionOptions } from '@llms/redis';
import {
  findRedisCli,
  findRedisServer,
  parseNodeList,
  startCluster,
  stopCluster,
  type LocalCluster,
} from '../../tools/lib';

/** Whether redis-server and redis-cli are installed (a cluster can be started here). */
export const canStartRedisCluster = Boolean(findRedisServer() && findRedisCli());

export interface OwnCluster {
  redis: RedisConnectionOptions;
  /** The local cluster, when this file started one (for failover helpers). */
  local: LocalCluster | null;
  stop(): Promise<void>;
}

/**
 * A Redis Cluster for one test file: REDIS_CLUSTER_NODES when set (left running), else a
 * cluster of its own on free ports (so parallel runs never share or stop each other's),
 * stopped and deleted by `stop()`. `replicasPerPrimary` > 0 gives failover-ready clusters.
 */
export async function ownRedisCluster({
  primaries = 3,
  replicasPerPrimary = 0,
} = {}): Promise<OwnCluster> {
  const given = process.env.REDIS_CLUSTER_NODES;
  if (given) {
    return {
      redis: { url: '', clusterNodes: parseNodeList(given) },
      local: null,
      stop: async () => {},
    };
  }
  const local = await startCluster({ primaries, replicasPerPrimary, log: () => {} });
  return {
    redis: { url: '', clusterNodes: local.nodes.map(({ host, port }) => ({ host, port })) },
    local,
    stop: async () => {
      await stopCluster(local, { removeData: true, log: () => {} });
    },
  };
}
