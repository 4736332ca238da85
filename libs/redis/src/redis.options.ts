export interface RedisConnectionOptions {
  /** `redis://host:port/db`; used when `clusterNodes` is null. */
  url: string;
  /** Seed nodes of a Redis Cluster; when set, a cluster client is created instead. */
  clusterNodes: { host: string; port: number }[] | null;
  /**
   * Prepended to every key (and to the Socket.IO channel), so several deployments can share one
   * Redis without seeing each other's state. Must not contain `{`, so hash tags keep working.
   */
  keyPrefix?: string;
}

export const REDIS_OPTIONS = Symbol('REDIS_OPTIONS');
/** The shared command client (ioredis `Redis` or `Cluster`). */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
