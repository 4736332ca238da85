import { Logger } from '@nestjs/common';
import { createClient, createCluster } from '@redis/client';
import type { RedisConnectionOptions } from './redis.options';

const logger = new Logger('RedisPubSub');

/** A node-redis client or cluster client, as the Socket.IO sharded adapter expects. */
type PubSubClient = ReturnType<typeof createClient> | ReturnType<typeof createCluster>;

export interface PubSubConnection {
  /** Publishes (SPUBLISH); also used for PUBSUB queries. */
  pub: PubSubClient;
  /** Subscribes (SSUBSCRIBE); on a cluster, one connection per shard, resubscribed on failover. */
  sub: PubSubClient;
  close(): Promise<void>;
}

/**
 * The publish and subscribe clients of the Socket.IO sharded adapter, with node-redis (the
 * client the adapter documents for sharded Pub/Sub, and which resubscribes sharded channels
 * after a shard fails over). Key-free: REDIS_KEY_PREFIX goes into the adapter's channel prefix.
 * ioredis stays the client for everything else (Lua scripts, keys).
 */
export async function connectPubSub(
  options: RedisConnectionOptions,
  name: string,
): Promise<PubSubConnection> {
  const pub: PubSubClient = options.clusterNodes
    ? createCluster({
        rootNodes: options.clusterNodes.map(({ host, port }) => ({
          url: `redis://${host.includes(':') ? `[${host}]` : host}:${port}`,
        })),
        defaults: { name: `llms:${name}` },
      })
    : createClient({ url: options.url, name: `llms:${name}` });
  const sub = pub.duplicate();
  for (const [client, role] of [
    [pub, 'pub'],
    [sub, 'sub'],
  ] as const) {
    client.on('error', (error: Error) => logger.warn(`${name}-${role}: ${error.message}`));
  }
  await Promise.all([pub.connect(), sub.connect()]);
  return {
    pub,
    sub,
    async close() {
      await Promise.all([pub, sub].map((client) => client.close().catch(() => client.destroy())));
    },
  };
}
