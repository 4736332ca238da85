import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { REDIS_CLIENT, type RedisClient } from '@llms/redis';
import { withTimeout } from './with-timeout';

/** Redis is up when it answers PING within the timeout. */
@Injectable()
export class RedisHealthIndicator {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async isHealthy(key: string, timeoutMs = 1000) {
    const indicator = this.indicators.check(key);
    const outcome = await withTimeout(this.redis.ping(), timeoutMs);
    return outcome === 'ok' ? indicator.up() : indicator.down({ message: outcome });
  }
}
