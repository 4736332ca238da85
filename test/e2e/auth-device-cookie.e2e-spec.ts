import { randomInt } from 'node:crypto';
import { api, type ApiResult, UserSession } from '../support/user-session';
import { startTestApp, testEnv, type TestApp } from '../support/test-app';

const DEVICE_COOKIE = 'device_token';

/**
 * OWASP device cookies: brute force stays limited per IP and per email, but a browser that has
 * signed in to an account before keeps getting in while that email is locked by others' failures.
 * Every test acts as several clients through X-Forwarded-For (TRUST_PROXY) with fresh emails.
 */
describe('auth device cookies (e2e)', () => {
  const LIMIT = 3;
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(
      testEnv({ AUTH_RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUST_PROXY: 'true' }),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  const randomIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
  const login = (email: string, password: string, device?: string) =>
    api(t.url, 'POST', '/api/auth/login', {
      headers: {
        'x-forwarded-for': randomIp(),
        ...(device ? { cookie: `${DEVICE_COOKIE}=${device}` } : {}),
      },
      body: { email, password },
    });
  const deviceCookieOf = (res: ApiResult) => {
    const cookie = res.cookies.find((c) => c.name === DEVICE_COOKIE);
    if (!cookie) throw new Error(`no ${DEVICE_COOKIE} in ${JSON.stringify(res.cookies)}`);
    return cookie;
  };
  /** An account whose owner signed in once from their browser (keeping its device cookie). */
  const owner = async () => {
    const session = await UserSession.register(t.url, {
      headers: { 'x-forwarded-for': randomIp() },
    });
    const signedIn = await login(session.email, session.password);
    expect(signedIn.status).toBe(200);
    return { session, device: deviceCookieOf(signedIn).value };
  };
  /** Wrong passwords for `email`, each from another IP without a device cookie, until locked. */
  const lockEmail = async (email: string) => {
    const statuses: number[] = [];
    for (let i = 0; i <= LIMIT && statuses.at(-1) !== 429; i++)
      statuses.push((await login(email, 'wrong-password')).status);
    expect(statuses.at(-1)).toBe(429);
  };

  it('issues a signed device cookie on login: HttpOnly, SameSite=Strict, Path=/api/auth, long-lived', async () => {
    const session = await UserSession.register(t.url, {
      headers: { 'x-forwarded-for': randomIp() },
    });
    const res = await login(session.email, session.password);
    const cookie = deviceCookieOf(res);
    expect(cookie.attributes).toMatchObject({
      httponly: true,
      samesite: 'Strict',
      path: '/api/auth',
    });
    expect(cookie.attributes.secure).toBeUndefined(); // COOKIE_SECURE=false in tests
    expect(Number(cookie.attributes['max-age'])).toBeGreaterThanOrEqual(30 * 24 * 3600);
    expect(cookie.value).not.toContain(session.email);
    // A failed login issues none.
    expect((await login(session.email, 'wrong-password')).cookies).toEqual([]);
  });

  it('lets the owner in from a fresh IP with their device cookie while the email is locked', async () => {
    const { session, device } = await owner();
    await lockEmail(session.email);
    const res = await login(session.email, session.password, device);
    expect(res.status).toBe(200);
    expect(res.body.data.user.email).toBe(session.email);
  });

  it('refuses a fresh IP without a device cookie with 429 while the email is locked', async () => {
    const { session } = await owner();
    await lockEmail(session.email);
    const res = await login(session.email, session.password);
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('RATE_LIMITED');
  });

  it("gives no bypass with a device cookie of another account (the attacker's own)", async () => {
    const victim = await owner();
    const attacker = await owner();
    await lockEmail(victim.session.email);
    expect((await login(victim.session.email, 'wrong-password', attacker.device)).status).toBe(429);
    expect(
      (await login(victim.session.email, victim.session.password, attacker.device)).status,
    ).toBe(429);
  });

  it('gives no bypass with a forged or tampered device cookie', async () => {
    const { session, device } = await owner();
    await lockEmail(session.email);
    const flip = (value: string, at: number) =>
      value.slice(0, at) + (value[at] === 'A' ? 'B' : 'A') + value.slice(at + 1);
    for (const forged of [
      flip(device, device.length - 3),
      flip(device, 3),
      'v1.AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.' + 'A'.repeat(43),
      'garbage',
    ]) {
      expect([forged, (await login(session.email, session.password, forged)).status]).toEqual([
        forged,
        429,
      ]);
    }
  });

  it("counts failures with a device cookie against that cookie only, up to the cookie's own limit", async () => {
    const { session, device } = await owner();
    for (let i = 0; i < LIMIT; i++)
      expect((await login(session.email, 'wrong-password', device)).status).toBe(401);
    // The device cookie is now limited, even with the right password...
    const limited = await login(session.email, session.password, device);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    // ...but those failures did not lock the email for a browser without one.
    expect((await login(session.email, session.password)).status).toBe(200);
  });

  it('still limits each client IP, device cookie or not', async () => {
    const [first, second] = [await owner(), await owner()];
    const ip = randomIp();
    const fromIp = ({ session, device }: typeof first) =>
      api(t.url, 'POST', '/api/auth/login', {
        headers: { 'x-forwarded-for': ip, cookie: `${DEVICE_COOKIE}=${device}` },
        body: { email: session.email, password: session.password },
      });
    // Neither device cookie reaches its own limit; the IP does.
    for (const account of [first, first, second]) expect((await fromIp(account)).status).toBe(200);
    expect((await fromIp(second)).status).toBe(429);
  });
});
