import { spawn } from 'node:child_process';
import { findExecutable, freePort, waitFor } from '../../tools/lib';
import type { Json } from '../support/json';
import { startOwnMongo } from '../support/processes';
import { startTestApp, testEnv, type TestApp } from '../support/test-app';

/**
 * Readiness tells the truth about frozen dependencies (SIGSTOP: the process is there, its sockets
 * stay open, nothing answers), within a couple of seconds, and recovers after SIGCONT. What it
 * answers follows the decision in src/modules/health/health.controller.ts: MongoDB down is
 * 200 "degraded" (reported, not gating), Redis down is 503. Liveness never changes.
 */
describe('readiness with frozen dependencies (e2e)', () => {
  async function ready(app: TestApp): Promise<{ status: number; body: Json }> {
    const response = await fetch(`${app.url}/health/ready`, { signal: AbortSignal.timeout(5000) });
    return { status: response.status, body: await response.json() };
  }

  /** Polls readiness until `check` holds; fails after `timeoutMs`, showing the last answer. */
  async function readinessUntil(
    app: TestApp,
    check: (answer: { status: number; body: Json }) => boolean,
    timeoutMs: number,
    what: string,
  ) {
    let last: unknown;
    type Answer = { status: number; body: Json };
    return waitFor<Answer>(
      async () => {
        const answer = await ready(app);
        last = answer;
        return (check(answer) ? answer : null) as Answer;
      },
      { timeoutMs, intervalMs: 100, what, output: () => JSON.stringify(last) },
    );
  }

  const live = async (app: TestApp) => (await fetch(`${app.url}/health/live`)).status;

  it('MongoDB frozen: reported down within 2 s, instance stays in rotation, back after SIGCONT', async () => {
    const mongo = await startOwnMongo();
    let app: TestApp | null = null;
    try {
      app = await startTestApp(testEnv({ MONGODB_URI: mongo.uri }));
      const before = await ready(app);
      expect(before.status).toBe(200);
      expect(before.body.data).toEqual({
        status: 'ok',
        checks: { mongodb: { status: 'up' }, redis: { status: 'up' } },
      });

      mongo.child.kill('SIGSTOP');
      const frozen = await readinessUntil(
        app,
        ({ body }) => body.data?.checks?.mongodb?.status === 'down',
        2500,
        'readiness reporting MongoDB down',
      );
      expect(frozen.status).toBe(200);
      expect(frozen.body.data.status).toBe('degraded');
      expect(frozen.body.data.checks.redis).toEqual({ status: 'up' });
      expect(frozen.body.data.checks.mongodb.message).toMatch(/no answer within \d+ ms/);
      expect(await live(app)).toBe(200);

      mongo.child.kill('SIGCONT');
      const back = await readinessUntil(
        app,
        ({ body }) => body.data?.status === 'ok',
        10_000,
        'readiness back to ok after SIGCONT',
      );
      expect(back.body.data.checks.mongodb).toEqual({ status: 'up' });
    } finally {
      mongo.child.kill('SIGCONT');
      await app?.close();
      await mongo.stop();
    }
  });

  const redisServer = findExecutable('redis-server');
  (redisServer ? it : it.skip)(
    'Redis frozen: 503 SERVICE_UNAVAILABLE naming both checks within 2 s, ready again after SIGCONT',
    async () => {
      const port = await freePort();
      const redis = spawn(
        redisServer!,
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: 'ignore' },
      );
      let app: TestApp | null = null;
      try {
        app = await startTestApp(testEnv({ REDIS_URL: `redis://127.0.0.1:${port}` }));
        expect((await ready(app)).status).toBe(200);

        redis.kill('SIGSTOP');
        const frozen = await readinessUntil(app, ({ status }) => status === 503, 2500, '503');
        expect(frozen.body.error.code).toBe('SERVICE_UNAVAILABLE');
        expect(frozen.body.error.details).toEqual(
          expect.arrayContaining([
            { field: 'redis', message: expect.stringMatching(/^down/) },
            { field: 'mongodb', message: 'up' },
          ]),
        );
        expect(await live(app)).toBe(200);

        redis.kill('SIGCONT');
        await readinessUntil(app, ({ status }) => status === 200, 10_000, 'ready after SIGCONT');
      } finally {
        redis.kill('SIGCONT');
        await app?.close();
        redis.kill('SIGTERM');
      }
    },
  );
});
