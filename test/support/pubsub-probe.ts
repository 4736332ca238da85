import { closeRedis, connectRedis, type RedisConnectionOptions } from '@llms/redis';
import type { Cluster } from 'ioredis';

/**
 * How many subscribers a sharded Pub/Sub channel has (`PUBSUB SHARDNUMSUB`), summed over the
 * primaries of a cluster (a shard channel lives on the node that owns its slot).
 */
export async function shardSubscribers(
  redis: RedisConnectionOptions,
  channel: string,
): Promise<number> {
  const client = await connectRedis({ ...redis, keyPrefix: '' }, 'pubsub-probe');
  try {
    const nodes = redis.clusterNodes ? (client as Cluster).nodes('master') : [client];
    const replies = await Promise.all(
      nodes.map((node) => node.call('PUBSUB', 'SHARDNUMSUB', channel) as Promise<[string, number]>),
    );
    return replies.reduce((sum, [, count]) => sum + Number(count), 0);
  } finally {
    await closeRedis(client);
  }
}
