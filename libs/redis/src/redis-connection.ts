import { Logger } from '@nestjs/common';
import Redis, { Cluster } from 'ioredis';
import type { RedisConnectionOptions } from './redis.options';

export type RedisClient = Redis | Cluster;

const logger = new Logger('Redis');

/**
 * Creates a connected client (single node or cluster), with an `error` listener so a lost
 * connection is logged and retried rather than crashing the process. Resolves once it answers.
 * Auto-pipelining is on by default; pub/sub clients turn it off, so their (un)subscribe calls
 * are never deferred past a quit.
 */
export async function connectRedis(
  options: RedisConnectionOptions,
  name: string,
  { autoPipelining = true }: { autoPipelining?: boolean } = {},
): Promise<RedisClient> {
  const common = {
    lazyConnect: true,
    connectionName: `llms:${name}`,
    maxRetriesPerRequest: 3,
    enableAutoPipelining: autoPipelining,
    keyPrefix: options.keyPrefix || undefined,
  };
  const client: RedisClient = options.clusterNodes
    ? new Cluster(options.clusterNodes, {
        lazyConnect: true,
        redisOptions: common,
        enableAutoPipelining: autoPipelining,
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
