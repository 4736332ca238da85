import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { REDIS_CLIENT, type RedisClient } from '@llms/redis';

/** Redis is up when it answers PING within the timeout. */
@Injectable()
export class RedisHealthIndicator {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async isHealthy(key: string, timeoutMs = 1500) {
    const indicator = this.indicators.check(key);
    try {
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('timeout')), timeoutMs).unref(),
      );
      await Promise.race([this.redis.ping(), timeout]);
      return indicator.up();
    } catch {
      return indicator.down({ message: 'Redis does not answer' });
    }
  }
}
