/** Types of redis-client.js. */
import type { Redis } from 'ioredis';
import type { NodeAddress } from './node-list';

export interface RedisTarget extends Partial<NodeAddress> {
  port: number;
  tls?: boolean;
  username?: string;
  password?: string;
}
export interface PingResult {
  ok: boolean;
  reason?: string;
  refused?: boolean;
}
export declare function withRedis<T>(
  target: RedisTarget,
  fn: (client: Redis) => Promise<T>,
  options?: { timeoutMs?: number },
): Promise<T>;
export declare function redisCall(
  target: RedisTarget,
  command: string,
  ...args: (string | number)[]
): Promise<unknown>;
export declare function redisPing(target: RedisTarget, timeoutMs?: number): Promise<PingResult>;
export declare function describeRedisError(error: unknown): string;
export declare function parseInfo(text: string): Record<string, string>;
