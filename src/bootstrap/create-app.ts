import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from '../app.module';
import { corsOptions } from '../common/http/cors';
import { clientErrorHandler, frameworkErrors } from '../common/http/transport-errors';
import { registerJsonShapeCheck } from '../common/validation/json-shape.hook';
import { appConfig, parseConfig, type AppConfig } from '../config/app.config';
import { requestIdOf } from '../infrastructure/request-id';
import { MetricsService } from '../modules/metrics/metrics.service';
import { RealtimeIoAdapter } from '../modules/realtime';
import { registerSpa } from './spa';
import { setupSwagger } from './swagger';

/** Largest accepted request body; larger ones get 413 PAYLOAD_TOO_LARGE. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * Builds the fully wired application (the same for `main.ts` and the e2e suites): Fastify with
 * cookies, helmet, CORS, request ids, metrics, the envelope on framework errors, Swagger.
 */
export async function createApp(): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: requestIdOf,
    // Read before Nest exists (the adapter comes first); the same validation as everywhere.
    trustProxy: parseConfig(process.env).trustProxy,
    // Errors answered before any route (bad URLs, unparsable requests) use the envelope too.
    frameworkErrors,
    clientErrorHandler,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    bufferLogs: true,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  // No enableShutdownHooks(): main.ts installs the graceful shutdown (src/bootstrap/shutdown.ts).

  const config = app.get<AppConfig>(appConfig.KEY);
  const fastify = app.getHttpAdapter().getInstance();

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        // Same-origin only: CSP3 matches ws:/wss: to this host and port under 'self', so the
        // SPA's Socket.IO connection works and no script can open a socket elsewhere.
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.production ? [] : null,
      },
    },
  });
  app.enableCors(corsOptions(config.corsOrigins));
  registerJsonShapeCheck(fastify);

  const metrics = app.get(MetricsService);
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observeHttp(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });

  const realtime = new RealtimeIoAdapter(app, {
    corsOrigins: config.corsOrigins,
    redis: config.redis,
  });
  await realtime.connect();
  app.useWebSocketAdapter(realtime);

  setupSwagger(app);
  await registerSpa(app, logger);
  return app;
}
