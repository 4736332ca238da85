import { Injectable } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { RateLimitService } from './rate-limit.service';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * `@nestjs/throttler` storage on the Redis fixed-window counter, so throttled routes share one
 * count across instances. `ttl` and `blockDuration` arrive in milliseconds; the record's times
 * are in seconds, as the throttler guard expects.
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly rateLimits: RateLimitService) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
  ): Promise<ThrottlerStorageRecord> {
    const { hits, ttlMs } = await this.rateLimits.hit(key, ttl, limit, blockDuration);
    const isBlocked = hits > limit;
    const seconds = Math.max(1, Math.ceil(ttlMs / 1000));
    return {
      totalHits: hits,
      timeToExpire: seconds,
      isBlocked,
      timeToBlockExpire: isBlocked ? seconds : 0,
    };
  }
}
