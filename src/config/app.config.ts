import { randomBytes } from 'node:crypto';
import { ConfigType, registerAs } from '@nestjs/config';
import { corsOriginsOf } from './cors-origins';
import { envSchema } from './env.schema';

export interface RedisEndpoint {
  host: string;
  port: number;
}

function parseClusterNodes(value: string | undefined): RedisEndpoint[] | null {
  if (!value) return null;
  return value.split(',').map((pair) => {
    const [host, port] = pair.split(':');
    return { host, port: Number(port) };
  });
}

/**
 * Validates the environment and returns the typed configuration. Throws with the offending
 * variable's name, which stops the process at boot.
 */
export function parseConfig(env: NodeJS.ProcessEnv) {
  const { value: v, error } = envSchema.validate(env, {
    allowUnknown: true,
    abortEarly: false,
    convert: true,
  });
  if (error) {
    const lines = error.details.map((d) => `  ${d.context?.key ?? d.path.join('.')}: ${d.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const production = v.NODE_ENV === 'production';
  const missingSecrets = ['JWT_ACCESS_SECRET', 'CSRF_SECRET'].filter((name) => !v[name]);
  if (production && missingSecrets.length) {
    throw new Error(
      `Invalid configuration:\n${missingSecrets.map((n) => `  ${n}: required when NODE_ENV=production`).join('\n')}`,
    );
  }
  const publicUrl = String(v.PUBLIC_URL ?? `http://localhost:${v.PORT}`).replace(/\/+$/, '');
  const corsOrigins = corsOriginsOf(v.CORS_ORIGINS, publicUrl, production);

  return {
    production,
    nodeEnv: v.NODE_ENV as 'development' | 'production' | 'test',
    port: v.PORT as number,
    host: v.HOST as string,
    /** When set, /metrics is served only on this port (bound to HOST), not on PORT. */
    metricsPort: (v.METRICS_PORT as number | undefined) ?? null,
    publicUrl,
    corsOrigins,
    /** Trust X-Forwarded-* (client IP for rate limits) only behind a proxy that sets them. */
    trustProxy: v.TRUST_PROXY as boolean,
    mongodbUri: v.MONGODB_URI as string,
    redis: {
      url: v.REDIS_URL as string,
      clusterNodes: parseClusterNodes(v.REDIS_CLUSTER_NODES),
      keyPrefix: v.REDIS_KEY_PREFIX as string,
    },
    auth: {
      jwtAccessSecret: (v.JWT_ACCESS_SECRET as string) ?? randomBytes(48).toString('base64url'),
      csrfSecret: (v.CSRF_SECRET as string) ?? randomBytes(48).toString('base64url'),
      accessTokenTtlSeconds: v.ACCESS_TOKEN_TTL_SECONDS as number,
      refreshTokenTtlSeconds: v.REFRESH_TOKEN_TTL_SECONDS as number,
      cookieSecure: (v.COOKIE_SECURE as boolean | undefined) ?? production,
      rateLimitPerMinute: v.AUTH_RATE_LIMIT_PER_MINUTE as number,
      issuer: 'llms',
      audience: 'llms-api',
    },
    presence: {
      ttlSeconds: v.PRESENCE_TTL_SECONDS as number,
      teacherGraceSeconds: v.TEACHER_GRACE_SECONDS as number,
    },
    shutdown: {
      /** From the first SIGTERM/SIGINT to a forced exit. */
      graceMs: (v.SHUTDOWN_GRACE_SECONDS as number) * 1000,
      /** Serving on with /health/ready 503 before the listener closes (part of graceMs). */
      delayMs: (v.SHUTDOWN_DELAY_SECONDS as number) * 1000,
    },
    realtime: {
      participantCountIntervalMs: v.PARTICIPANT_COUNT_INTERVAL_MS as number,
      commentRateLimitPerMinute: v.COMMENT_RATE_LIMIT_PER_MINUTE as number,
      maxSocketsPerUser: v.MAX_SOCKETS_PER_USER as number,
    },
    logLevel: v.LOG_LEVEL as string,
  };
}

export const appConfig = registerAs('app', () => parseConfig(process.env));

/** The typed configuration; inject with `@Inject(appConfig.KEY)`. */
export type AppConfig = ConfigType<typeof appConfig>;
