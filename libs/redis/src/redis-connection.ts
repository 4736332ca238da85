import { Logger } from '@nestjs/common';
import Redis, { Cluster } from 'ioredis';
import type { RedisConnectionOptions } from './redis.options';

export type RedisClient = Redis | Cluster;

const logger = new Logger('Redis');

/**
 * Creates a connected client (single node or cluster), with an `error` listener so a lost
 * connection is logged and retried rather than crashing the process. Resolves once it answers.
 * Auto-pipelining is on: commands issued in the same tick go out in one write. (Pub/sub uses
 * node-redis clients of its own, pubsub-connection.ts.)
 */
export async function connectRedis(
  options: RedisConnectionOptions,
  name: string,
): Promise<RedisClient> {
  const common = {
    lazyConnect: true,
    connectionName: `llms:${name}`,
    maxRetriesPerRequest: 3,
    enableAutoPipelining: true,
    keyPrefix: options.keyPrefix || undefined,
  };
  const client: RedisClient = options.clusterNodes
    ? new Cluster(options.clusterNodes, {
        lazyConnect: true,
        redisOptions: common,
        enableAutoPipelining: true,
        keyPrefix: common.keyPrefix,
      })
    : new Redis(options.url, common);
  client.on('error', (error: Error) => logger.warn(`${name}: ${error.message}`));
  await client.connect();
  return client;
}

/** Closes a client, falling back to a hard disconnect when the server no longer answers. */
export async function closeRedis(client: RedisClient): Promise<void> {
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}
