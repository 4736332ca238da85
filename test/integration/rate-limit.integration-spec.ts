import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { join } from 'node:path';
import { loadLuaScripts } from '@llms/redis';
import type { RateLimitScripts } from '../../src/modules/rate-limit/rate-limit.scripts';
import { RateLimitService } from '../../src/modules/rate-limit/rate-limit.service';

/** The Lua counter against the real Redis (REDIS_URL or the local default). */
describe('RateLimitService (real Redis)', () => {
  let redis: Redis;
  let service: RateLimitService;
  const scope = () => `test:{${randomUUID()}}`;

  beforeAll(() => {
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    service = new RateLimitService(
      loadLuaScripts<RateLimitScripts>(redis, join(__dirname, '../../src/modules/rate-limit/lua')),
    );
  });
  afterAll(async () => {
    await redis.quit();
  });

  it('allows `limit` attempts per window, then refuses with the time left', async () => {
    const key = scope();
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await service.consume(key, 3, 60));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect(decisions[0].retryAfterSeconds).toBe(0);
    expect(decisions[3].retryAfterSeconds).toBeGreaterThanOrEqual(59);
    expect(decisions[3].retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('keeps counters apart per key', async () => {
    const [a, b] = [scope(), scope()];
    await service.consume(a, 1, 60);
    expect((await service.consume(a, 1, 60)).allowed).toBe(false);
    expect((await service.consume(b, 1, 60)).allowed).toBe(true);
  });

  it('starts a new window once the old one expired', async () => {
    const key = scope();
    await service.hit(key, 150, 1, 0);
    expect((await service.hit(key, 150, 1, 0)).hits).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await service.hit(key, 150, 1, 0)).hits).toBe(1);
  });

  it('extends the window to the block duration when the limit is first exceeded', async () => {
    const key = scope();
    await service.hit(key, 1000, 1, 0);
    const over = await service.hit(key, 1000, 1, 30_000);
    expect(over.hits).toBe(2);
    expect(over.ttlMs).toBeGreaterThan(29_000);
    expect(await redis.pttl(`rate:${key}`)).toBeGreaterThan(29_000);
  });

  it('never admits more than the limit under concurrent attempts', async () => {
    const key = scope();
    const decisions = await Promise.all(
      Array.from({ length: 50 }, () => service.consume(key, 10, 60)),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
  });
});
