import { Module } from '@nestjs/common';
import { LoggerModule as PinoLoggerModule } from 'nestjs-pino';
import type { LoggerOptions } from 'pino';
import { appConfig, type AppConfig } from '../config/app.config';

/** Paths that must never reach a log line. */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.csrfToken',
];

/**
 * Nest's own start-up chatter (one line per module, per route, per gateway message): logged at
 * debug instead of info, so a start prints a handful of lines. `LOG_LEVEL=debug` shows them again.
 */
export const FRAMEWORK_NOISE = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'WebSocketsController',
  'NestApplication',
]);

const INFO = 30;

/** Requests that are not logged: probes and scrapes that arrive every few seconds. */
const QUIET_PATHS = new Set(['/health/live', '/health/ready', '/metrics']);

/**
 * The request's path. Fastify's middleware layer (middie) may rewrite `url` for mounted
 * middleware and keeps the original in `originalUrl`.
 */
function pathOf(req: { url?: string; originalUrl?: string }): string {
  return (req.originalUrl ?? req.url ?? '').split('?')[0];
}

/** pino hook: info lines from a FRAMEWORK_NOISE context go out at debug level. */
export const quietFrameworkNoise: NonNullable<LoggerOptions['hooks']>['logMethod'] = function (
  args,
  method,
  level,
) {
  const first: unknown = args[0];
  const context =
    first && typeof first === 'object' ? (first as { context?: unknown }).context : undefined;
  if (level === INFO && typeof context === 'string' && FRAMEWORK_NOISE.has(context)) {
    return (this.debug as (...a: unknown[]) => void)(...args);
  }
  return method.apply(this, args);
};

/**
 * Human-readable lines for development (pino-pretty, one line each: time, level, [context],
 * message); JSON lines elsewhere (production and tests), for log collectors.
 */
function prettyTransport(config: AppConfig) {
  if (config.nodeEnv !== 'development') return undefined;
  return {
    target: 'pino-pretty',
    options: {
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname,service,context,req,res,responseTime,reqId',
      messageFormat: '{if context}[{context}] {end}{msg}',
      singleLine: true,
    },
  };
}

/** Structured logs (nestjs-pino) with secrets redacted and the request id on every line. */
@Module({
  imports: [
    PinoLoggerModule.forRootAsync({
      inject: [appConfig.KEY],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.logLevel,
          transport: prettyTransport(config),
          hooks: { logMethod: quietFrameworkNoise },
          redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
          customProps: () => ({ service: 'llms' }),
          autoLogging: { ignore: (req) => QUIET_PATHS.has(pathOf(req)) },
          customSuccessMessage: (req, res, ms) =>
            `${req.method} ${req.url} ${res.statusCode} in ${Math.round(ms)} ms`,
          customErrorMessage: (req, res) => `${req.method} ${req.url} failed (${res.statusCode})`,
          serializers: {
            req: (req: { id: string; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              url: req.url,
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
        },
      }),
    }),
  ],
})
export class LoggerModule {}
