import { createServer, type Server } from 'node:http';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { sendFailure } from '@llms/errors';
import { appConfig, type AppConfig } from '../../config/app.config';
import { MetricsService } from './metrics.service';

const NOT_FOUND = JSON.stringify(sendFailure('NOT_FOUND', 'No such resource'));

/**
 * With METRICS_PORT set, `/metrics` is served by this small Node HTTP server on that port (bound
 * to HOST) and only there, so the scrape endpoint can stay off the public port. It answers
 * `GET /metrics` (and HEAD) with the same registry as the app, anything else 404 in the envelope.
 * It listens when the app starts (a taken port stops the start) and closes with the app.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsServer.name);
  private server: Server | null = null;

  constructor(
    @Inject(appConfig.KEY) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.metricsPort;
    if (port === null) return;
    const server = createServer((request, response) => {
      const path = (request.url ?? '').split('?')[0];
      if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
        response.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
        response.end(NOT_FOUND);
        return;
      }
      this.metrics.registry.metrics().then(
        (text) => {
          response.writeHead(200, { 'content-type': this.metrics.registry.contentType });
          response.end(request.method === 'HEAD' ? undefined : text);
        },
        (error: Error) => {
          this.logger.error({ err: error }, 'Metrics scrape failed');
          response.writeHead(500).end();
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.logger.log(`Serving /metrics on ${this.config.host}:${port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
