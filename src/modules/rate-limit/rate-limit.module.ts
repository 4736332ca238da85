import { Module } from '@nestjs/common';
import { rateLimitScriptsProvider } from './rate-limit.scripts';
import { RateLimitService } from './rate-limit.service';
import { RedisThrottlerStorage } from './redis-throttler.storage';

/** Redis-counted rate limits: `RateLimitService.consume()` and a storage for `@nestjs/throttler`. */
@Module({
  providers: [rateLimitScriptsProvider, RateLimitService, RedisThrottlerStorage],
  exports: [RateLimitService, RedisThrottlerStorage],
})
export class RateLimitModule {}
