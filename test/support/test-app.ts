import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/bootstrap/create-app';
import { freePort } from '../../tools/lib';

export interface TestApp {
  app: NestFastifyApplication;
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

/** Secrets shared by every instance a test starts, so instances accept each other's tokens. */
export const TEST_SECRETS = {
  JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
  CSRF_SECRET: randomBytes(32).toString('hex'),
};

/** A database name of its own for each test file, so suites never see each other's documents. */
export function testMongoUri(): string {
  const base = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/llms';
  const url = new URL(base);
  url.pathname = `/llms_test_${randomBytes(4).toString('hex')}`;
  return url.toString();
}

/** Environment for a test instance: quiet logs, generous auth limits, an isolated database. */
export function testEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    HOST: '127.0.0.1',
    COOKIE_SECURE: 'false',
    AUTH_RATE_LIMIT_PER_MINUTE: '10000',
    MONGODB_URI: testMongoUri(),
    // A deployment of its own in the shared Redis: other test apps' sweepers must not see it.
    REDIS_KEY_PREFIX: `test-${randomBytes(4).toString('hex')}:`,
    ...TEST_SECRETS,
    ...overrides,
  };
}

/** A free loopback port (so PUBLIC_URL and CORS_ORIGINS can name it before the app starts). */
export { freePort } from '../../tools/lib';

/**
 * Boots the real application (the same wiring as main.ts) on a free loopback port, against the
 * real Redis and MongoDB-wire server. The environment is applied only while the app is built.
 * PUBLIC_URL (and so the allowed origin) defaults to the instance's own URL.
 */
export async function startTestApp(env: Record<string, string> = testEnv()): Promise<TestApp> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const url = `http://127.0.0.1:${port}`;
  const saved = { ...process.env };
  Object.assign(process.env, { PUBLIC_URL: url, ...env, PORT: String(port) });
  try {
    const app = await createApp();
    await app.listen(port, '127.0.0.1');
    return { app, url, close: () => app.close() };
  } finally {
    process.env = saved;
  }
}

/**
 * The environments of `count` instances on one Redis and one database, as behind a load
 * balancer: each on a free port of its own, all accepting each other's origins, the first one's
 * URL public; `overrides` go into every one.
 */
export async function instanceEnvs(
  count: number,
  overrides: Record<string, string> = {},
): Promise<Record<string, string>[]> {
  const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
  const urls = ports.map((port) => `http://127.0.0.1:${port}`);
  const env = testEnv({ CORS_ORIGINS: urls.join(','), PUBLIC_URL: urls[0], ...overrides });
  return ports.map((port) => ({ ...env, PORT: String(port) }));
}

/** `count` instances in this process (see instanceEnvs), started one after the other. */
export async function startInstances(
  count: number,
  overrides: Record<string, string> = {},
): Promise<TestApp[]> {
  const apps: TestApp[] = [];
  for (const env of await instanceEnvs(count, overrides)) apps.push(await startTestApp(env));
  return apps;
}
