import { randomInt } from 'node:crypto';
import { api, uniqueEmail, UserSession, type ApiResult } from '../support/user-session';
import { startTestApp, testEnv, type TestApp } from '../support/test-app';

/**
 * AUTH_RATE_LIMIT_PER_MINUTE per client IP (login, register) and per email (login), counted in
 * Redis. Each test uses its own random client IPs (X-Forwarded-For from the trusted proxy) and
 * emails, so counters of other suites and earlier runs never interfere.
 */
describe('auth rate limits (e2e)', () => {
  const LIMIT = 3;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    const env = testEnv({ AUTH_RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUST_PROXY: 'true' });
    [a, b] = await Promise.all([
      startTestApp(env),
      startTestApp({ ...env, MONGODB_URI: env.MONGODB_URI }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  const randomIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
  const login = (app: TestApp, ip: string, email: string, password = 'wrong-password') =>
    api(app.url, 'POST', '/api/auth/login', {
      headers: { 'x-forwarded-for': ip },
      body: { email, password },
    });
  const register = (app: TestApp, ip: string, email = uniqueEmail('rl')) =>
    api(app.url, 'POST', '/api/auth/register', {
      headers: { 'x-forwarded-for': ip },
      body: { name: 'Rate', email, password: 'a-long-password' },
    });
  const expectLimited = (res: ApiResult) => {
    expect(res.status).toBe(429);
    expect(res.body).toEqual({
      success: false,
      error: expect.objectContaining({ code: 'RATE_LIMITED' }),
    });
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(res.cookies).toEqual([]);
  };

  it('limits login attempts per client IP', async () => {
    const ip = randomIp();
    for (let i = 0; i < LIMIT; i++)
      expect((await login(a, ip, uniqueEmail('ip'))).status).toBe(401);
    expectLimited(await login(a, ip, uniqueEmail('ip')));
    // Another client is not affected.
    expect((await login(a, randomIp(), uniqueEmail('ip'))).status).toBe(401);
  });

  it('limits login attempts per email across IPs, whatever its case, even with the right password', async () => {
    const user = await UserSession.register(a.url, { headers: { 'x-forwarded-for': randomIp() } });
    for (let i = 0; i < LIMIT; i++) {
      const email = i % 2 ? user.email.toUpperCase() : ` ${user.email}`;
      expect((await login(a, randomIp(), email)).status).toBe(401);
    }
    expectLimited(await login(a, randomIp(), user.email, user.password));
    // The same fresh IP may still try other accounts.
    const ip = randomIp();
    expectLimited(await login(a, ip, user.email));
    expect((await login(a, ip, uniqueEmail('other'))).status).toBe(401);
  });

  it('limits registrations per client IP, creating no account once limited', async () => {
    const ip = randomIp();
    for (let i = 0; i < LIMIT; i++) expect((await register(a, ip)).status).toBe(201);
    const refused = uniqueEmail('refused');
    expectLimited(await register(a, ip, refused));
    expect((await login(a, randomIp(), refused, 'a-long-password')).status).toBe(401);
    expect((await register(a, randomIp())).status).toBe(201);
  });

  it('counts in Redis, so the limit holds across instances', async () => {
    const ip = randomIp();
    expect((await login(a, ip, uniqueEmail('x'))).status).toBe(401);
    expect((await login(b, ip, uniqueEmail('x'))).status).toBe(401);
    expect((await login(a, ip, uniqueEmail('x'))).status).toBe(401);
    expectLimited(await login(b, ip, uniqueEmail('x')));
  });

  it('does not limit other auth routes', async () => {
    const session = await UserSession.register(a.url, {
      headers: { 'x-forwarded-for': randomIp() },
    });
    for (let i = 0; i < LIMIT + 2; i++)
      expect((await session.get('/api/auth/csrf')).status).toBe(200);
  });
});
