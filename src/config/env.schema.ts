import * as Joi from 'joi';

const seconds = Joi.number().integer().min(1);

/**
 * A MongoDB connection string, replica sets included: `mongodb://[user:pass@]host[:port][,host...]
 * [/db][?options]` or `mongodb+srv://...`. Not Joi's `uri()`: RFC 3986 has one host per URI, so it
 * refuses the host list of a replica set.
 */
const MONGODB_URI =
  /^mongodb(\+srv)?:\/\/([^@/?#\s]+@)?[^@/?#,\s]+(,[^@/?#,\s]+)*(\/[^?#\s]*)?(\?[^#\s]*)?$/;

/** The contract's environment variables, their types and defaults. Unknown variables are ignored. */
export const envSchema = Joi.object({
  NODE_ENV: Joi.string().valid('development', 'production', 'test').default('development'),
  PORT: Joi.number().port().default(3000),
  HOST: Joi.string().default('0.0.0.0'),
  METRICS_PORT: Joi.number().port(),
  PUBLIC_URL: Joi.string().uri({ scheme: ['http', 'https'] }),
  CORS_ORIGINS: Joi.string(),
  MONGODB_URI: Joi.string()
    .pattern(MONGODB_URI, 'a mongodb:// or mongodb+srv:// connection string')
    .default('mongodb://127.0.0.1:27017/llms'),
  REDIS_URL: Joi.string()
    .uri({ scheme: ['redis', 'rediss'] })
    .default('redis://127.0.0.1:6379'),
  REDIS_KEY_PREFIX: Joi.string()
    .pattern(/^[A-Za-z0-9_.:-]*$/)
    .allow('')
    .default(''),
  REDIS_CLUSTER_NODES: Joi.string().pattern(/^[^\s,:]+:\d+(,[^\s,:]+:\d+)*$/),
  JWT_ACCESS_SECRET: Joi.string().min(32),
  CSRF_SECRET: Joi.string().min(32),
  ACCESS_TOKEN_TTL_SECONDS: seconds.default(900),
  REFRESH_TOKEN_TTL_SECONDS: seconds.default(2_592_000),
  TRUST_PROXY: Joi.boolean().truthy('1').falsy('0').default(false),
  COOKIE_SECURE: Joi.boolean().truthy('1').falsy('0'),
  PRESENCE_TTL_SECONDS: seconds.min(3).default(30),
  COMMENT_RATE_LIMIT_PER_MINUTE: seconds.default(30),
  MAX_SOCKETS_PER_USER: Joi.number().integer().min(1).max(1000).default(10),
  AUTH_RATE_LIMIT_PER_MINUTE: seconds.default(20),
  PARTICIPANT_COUNT_INTERVAL_MS: Joi.number().integer().min(10).max(10_000).default(250),
  TEACHER_GRACE_SECONDS: seconds.default(600),
  // Graceful shutdown (src/bootstrap/shutdown.ts): the whole budget from the first signal, and
  // the part of it spent answering /health/ready 503 before the listener closes.
  SHUTDOWN_GRACE_SECONDS: seconds.max(600).default(20),
  SHUTDOWN_DELAY_SECONDS: Joi.number()
    .integer()
    .min(0)
    .less(Joi.ref('SHUTDOWN_GRACE_SECONDS'))
    .default(0),
  LOG_LEVEL: Joi.string()
    .valid('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent')
    .default('info'),
});
