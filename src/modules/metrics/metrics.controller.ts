import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { AppError } from '@llms/errors';
import { RawResponse } from '../../common/http/envelope.interceptor';
import { appConfig, type AppConfig } from '../../config/app.config';
import { Public } from '../../common/auth';
import { MetricsService } from './metrics.service';

/**
 * Prometheus scrape endpoint on PORT (text exposition format, not the envelope). With
 * METRICS_PORT set it answers 404 NOT_FOUND here, like an unknown route: `MetricsServer` serves
 * the scrape on that port instead.
 */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
  ) {}

  @Get()
  @RawResponse()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    if (this.config.metricsPort !== null) throw new AppError('NOT_FOUND', 'No such resource');
    return this.metrics.registry.metrics();
  }
}
