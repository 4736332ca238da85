import { Controller, Get, Logger } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ErrorDetail } from '@llms/contract';
import { AppError } from '@llms/errors';
import { ApiEnvelope } from '../../common/swagger/api-envelope.decorator';
import { LivenessDto, ReadinessDto } from './dto/health.dto';
import { MongoHealthIndicator } from './mongo.health';
import { RedisHealthIndicator } from './redis.health';
import { ShutdownState } from './shutdown-state';
import { Public } from '../../common/auth';

/**
 * Liveness and readiness. Liveness is the process answering, nothing else: restarting an instance
 * never fixes a dependency. Readiness, "send this instance new connections?":
 *
 * - shutting down: 503, whatever the dependencies say;
 * - Redis does not answer: 503. Redis is the real-time core (presence, capacity, fan-out, rate
 *   limits); an instance without it can serve nothing useful, and when only this instance has lost
 *   it, the others take its traffic;
 * - MongoDB does not answer: 200 with `status: "degraded"` and `mongodb: down` in the body.
 *   MongoDB is shared by every instance, so taking one out helps nobody, and taking all of them
 *   out would leave the load balancer with no backend at all while live classes still run on
 *   Redis (joins, heartbeats, comments; attendance waits in the Redis outbox and is written when
 *   MongoDB is back). Requests that need MongoDB fail with SERVICE_UNAVAILABLE on any instance.
 *
 * Both dependencies are checked by a real round trip with a 1 s timeout, and both are reported.
 * docs/development.md and deploy/kubernetes/README.md say the same.
 */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  private readonly logger = new Logger('Readiness');
  private lastReport = 'mongodb: up, redis: up';

  constructor(
    private readonly mongo: MongoHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly shutdown: ShutdownState,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers (never depends on MongoDB or Redis)' })
  @ApiEnvelope(LivenessDto)
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    summary:
      'Readiness: 200 when Redis answers (status "ok", or "degraded" while MongoDB does not); ' +
      '503 SERVICE_UNAVAILABLE when Redis does not answer or the instance is shutting down',
  })
  @ApiEnvelope(ReadinessDto, 200, 'Ready: Redis answers; MongoDB up ("ok") or down ("degraded")')
  async ready() {
    if (this.shutdown.draining) {
      throw new AppError('SERVICE_UNAVAILABLE', 'Shutting down: send new work elsewhere', [
        { field: 'instance', message: 'shutting down' },
      ]);
    }
    const [mongodb, redis] = await Promise.all([
      this.mongo.isHealthy('mongodb'),
      this.redis.isHealthy('redis'),
    ]);
    const checks = { ...mongodb, ...redis };
    this.logChange(checks);
    if (checks.redis.status !== 'up') {
      const details: ErrorDetail[] = Object.entries(checks).map(([field, check]) => ({
        field,
        message: check.status === 'up' ? 'up' : `down: ${String(check.message)}`,
      }));
      throw new AppError('SERVICE_UNAVAILABLE', 'Not ready: Redis does not answer', details);
    }
    return { status: checks.mongodb.status === 'up' ? 'ok' : 'degraded', checks };
  }

  /** Probes are not request-logged; a change of what they find is, once. */
  private logChange(checks: Record<string, { status: string; message?: unknown }>): void {
    const report = Object.entries(checks)
      .map(
        ([name, check]) =>
          `${name}: ${check.status === 'up' ? 'up' : `down (${String(check.message)})`}`,
      )
      .join(', ');
    if (report === this.lastReport) return;
    this.lastReport = report;
    if (report.includes('down')) this.logger.warn(`dependencies: ${report}`);
    else this.logger.log(`dependencies: ${report}`);
  }
}
