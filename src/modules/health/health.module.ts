import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { MongoHealthIndicator } from './mongo.health';
import { RedisHealthIndicator } from './redis.health';
import { ShutdownState } from './shutdown-state';

/** `/health/live` and `/health/ready`, and the shutdown state that readiness reports. */
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [MongoHealthIndicator, RedisHealthIndicator, ShutdownState],
  exports: [ShutdownState],
})
export class HealthModule {}
