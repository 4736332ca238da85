import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheckService,
  MongooseHealthIndicator,
  type HealthCheckResult,
} from '@nestjs/terminus';
import { AppError } from '@llms/errors';
import { Public } from '../../common/auth';
import { RedisHealthIndicator } from './redis.health';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly mongo: MongooseHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: MongoDB and Redis answer (503 SERVICE_UNAVAILABLE otherwise)',
  })
  async ready() {
    try {
      const result = await this.health.check([
        () => this.mongo.pingCheck('mongodb', { timeout: 1500 }),
        () => this.redis.isHealthy('redis'),
      ]);
      return { status: result.status, checks: result.details };
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const report = error.getResponse() as HealthCheckResult;
      const details = Object.keys(report.error ?? {}).map((field) => ({ field, message: 'down' }));
      throw new AppError('SERVICE_UNAVAILABLE', 'Not ready: a dependency does not answer', details);
    }
  }
}
