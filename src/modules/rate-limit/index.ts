/** The rate-limit module's public surface; other modules import from here only. */
export { RateLimitModule } from './rate-limit.module';
export { RateLimitService } from './rate-limit.service';
export { RedisThrottlerStorage } from './redis-throttler.storage';
