import { createHash } from 'node:crypto';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { RefreshTokenService } from '../../src/modules/auth/refresh-token.service';
import {
  api,
  parseSetCookie,
  uniqueEmail,
  UserSession,
  type SetCookie,
} from '../support/user-session';
import { startTestApp, type TestApp } from '../support/test-app';

/** The contract's auth lines: register, login, refresh, logout, csrf, cookies and the envelope. */
describe('auth (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const cookie = (cookies: SetCookie[], name: string) => {
    const found = cookies.find((c) => c.name === name);
    if (!found) throw new Error(`no ${name} cookie in ${JSON.stringify(cookies)}`);
    return found;
  };
  const expectUser = (
    user: unknown,
    expected: { email: string; name: string; capabilities: string[] },
  ) => {
    expect(user).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      name: expected.name,
      email: expected.email,
      capabilities: expected.capabilities,
      createdAt: expect.any(String),
    });
    expect(JSON.stringify(user)).not.toMatch(/password|hash/i);
  };

  describe('POST /api/auth/register', () => {
    it('answers 201 {user, csrfToken} with STUDENT by default and sets both cookies', async () => {
      const email = uniqueEmail();
      const res = await api(t.url, 'POST', '/api/auth/register', {
        body: {
          name: '  Ada Lovelace ',
          email: `  ${email.toUpperCase()} `,
          password: 'a-long-password',
        },
      });
      expect(res.status).toBe(201);
      expect(res.body.success).toBe(true);
      expect(Object.keys(res.body.data).sort()).toEqual(['csrfToken', 'user']);
      expectUser(res.body.data.user, { name: 'Ada Lovelace', email, capabilities: ['STUDENT'] });
      expect(Date.parse(res.body.data.user.createdAt)).toBeGreaterThan(Date.now() - 60_000);
      expect(res.body.data.csrfToken).toEqual(expect.any(String));
      expect(res.headers.get('cache-control')).toBe('no-store');

      const access = cookie(res.cookies, 'access_token');
      expect(access.value.split('.')).toHaveLength(3);
      expect(access.attributes).toMatchObject({
        httponly: true,
        samesite: 'Strict',
        path: '/',
        'max-age': '900',
      });
      expect(access.attributes.secure).toBeUndefined(); // COOKIE_SECURE=false in tests
      const refresh = cookie(res.cookies, 'refresh_token');
      expect(refresh.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(refresh.attributes).toMatchObject({
        httponly: true,
        samesite: 'Strict',
        path: '/api/auth',
      });
      expect(Number(refresh.attributes['max-age'])).toBeGreaterThan(2_592_000 - 60);
      expect(Number(refresh.attributes['max-age'])).toBeLessThanOrEqual(2_592_000);
    });

    it('accepts an explicit capability set', async () => {
      const session = await UserSession.register(t.url, { capabilities: ['TEACHER', 'STUDENT'] });
      expect(session.user.capabilities).toEqual(['TEACHER', 'STUDENT']);
      const teacher = await UserSession.register(t.url, { capabilities: ['TEACHER'] });
      expect(teacher.user.capabilities).toEqual(['TEACHER']);
    });

    it('refuses a taken email with 409 EMAIL_TAKEN, case-insensitively', async () => {
      const first = await UserSession.register(t.url);
      const res = await api(t.url, 'POST', '/api/auth/register', {
        body: {
          name: 'Other',
          email: ` ${first.email.toUpperCase()}`,
          password: 'another-password',
        },
      });
      expect(res.status).toBe(409);
      expect(res.body).toEqual({
        success: false,
        error: expect.objectContaining({ code: 'EMAIL_TAKEN' }),
      });
      expect(res.cookies).toEqual([]);
    });

    it('lets exactly one of many concurrent registrations of one email succeed', async () => {
      const email = uniqueEmail('race');
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          api(t.url, 'POST', '/api/auth/register', {
            body: {
              name: `Racer ${i}`,
              email: i % 2 ? email.toUpperCase() : email,
              password: 'racing-password',
            },
          }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, ...Array(11).fill(409)]);
      for (const r of results.filter((x) => x.status === 409))
        expect(r.body.error.code).toBe('EMAIL_TAKEN');
      const winner = results.find((r) => r.status === 201)!;
      const login = await api(t.url, 'POST', '/api/auth/login', {
        body: { email, password: 'racing-password' },
      });
      expect(login.body.data.user.id).toBe(winner.body.data.user.id);
    });

    it.each([
      ['a missing name', { email: 'x@example.test', password: 'long-enough' }, 'name'],
      ['a blank name', { name: '   ', email: 'x@example.test', password: 'long-enough' }, 'name'],
      [
        'a name over 100 characters',
        { name: 'n'.repeat(101), email: 'x@example.test', password: 'long-enough' },
        'name',
      ],
      ['a malformed email', { name: 'N', email: 'not-an-email', password: 'long-enough' }, 'email'],
      [
        'a password under 8 characters',
        { name: 'N', email: 'x@example.test', password: 'short' },
        'password',
      ],
      [
        'a password over 128 characters',
        { name: 'N', email: 'x@example.test', password: 'p'.repeat(129) },
        'password',
      ],
      [
        'empty capabilities',
        { name: 'N', email: 'x@example.test', password: 'long-enough', capabilities: [] },
        'capabilities',
      ],
      [
        'an unknown capability',
        { name: 'N', email: 'x@example.test', password: 'long-enough', capabilities: ['ADMIN'] },
        'capabilities',
      ],
      [
        'a repeated capability',
        {
          name: 'N',
          email: 'x@example.test',
          password: 'long-enough',
          capabilities: ['TEACHER', 'TEACHER'],
        },
        'capabilities',
      ],
      [
        'an unknown field',
        { name: 'N', email: 'x@example.test', password: 'long-enough', isAdmin: true },
        'isAdmin',
      ],
    ])('refuses %s with 400 VALIDATION_FAILED naming the field', async (_, body, field) => {
      const res = await api(t.url, 'POST', '/api/auth/register', { body });
      expect(res.status).toBe(400);
      expect(res.body.success).toBe(false);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field })]),
      );
    });
  });

  describe('NoSQL-operator shaped bodies', () => {
    it.each([
      ['login', '/api/auth/login', { email: { $gt: '' }, password: { $gt: '' } }],
      ['login', '/api/auth/login', { email: { $ne: null }, password: 'whatever-password' }],
      ['login', '/api/auth/login', { email: ['a@example.test'], password: 'whatever-password' }],
      [
        'register',
        '/api/auth/register',
        { name: { $gt: '' }, email: { $gt: '' }, password: 'long-enough' },
      ],
      [
        'register',
        '/api/auth/register',
        { name: 'N', email: 'n@example.test', password: { $gt: '' } },
      ],
    ])('are refused by %s validation with 400', async (_, path, body) => {
      await UserSession.register(t.url); // there is a user an operator query could match
      const res = await api(t.url, 'POST', path, { body });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.cookies).toEqual([]);
    });
  });

  describe('POST /api/auth/login', () => {
    it('answers 200 {user, csrfToken} with fresh cookies for the right password', async () => {
      const registered = await UserSession.register(t.url, { name: 'Grace' });
      const res = await api(t.url, 'POST', '/api/auth/login', {
        body: { email: registered.email.toUpperCase(), password: registered.password },
      });
      expect(res.status).toBe(200);
      expectUser(res.body.data.user, {
        name: 'Grace',
        email: registered.email,
        capabilities: ['STUDENT'],
      });
      expect(res.body.data.user.id).toBe(registered.user.id);
      expect(res.body.data.csrfToken).toEqual(expect.any(String));
      expect(cookie(res.cookies, 'access_token').attributes).toMatchObject({
        httponly: true,
        samesite: 'Strict',
      });
      expect(cookie(res.cookies, 'refresh_token').attributes).toMatchObject({ path: '/api/auth' });
    });

    it('answers 401 INVALID_CREDENTIALS alike for a wrong password and an unknown email', async () => {
      const registered = await UserSession.register(t.url);
      const wrong = await api(t.url, 'POST', '/api/auth/login', {
        body: { email: registered.email, password: 'not-the-password' },
      });
      const unknown = await api(t.url, 'POST', '/api/auth/login', {
        body: { email: uniqueEmail('nobody'), password: 'not-the-password' },
      });
      for (const res of [wrong, unknown]) {
        expect(res.status).toBe(401);
        expect(res.body.success).toBe(false);
        expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
        expect(res.cookies).toEqual([]);
      }
      expect(unknown.body.error.message).toBe(wrong.body.error.message);
    });

    it('takes about as long for an unknown email as for a wrong password', async () => {
      const registered = await UserSession.register(t.url);
      const time = async (email: string) => {
        const started = performance.now();
        await api(t.url, 'POST', '/api/auth/login', {
          body: { email, password: 'not-the-password' },
        });
        return performance.now() - started;
      };
      const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 5; i++) {
        known.push(await time(registered.email));
        unknown.push(await time(uniqueEmail('nobody')));
      }
      // Without the dummy hash an unknown email answers in ~1 ms, a known one after argon2.
      expect(median(unknown)).toBeGreaterThan(median(known) / 3);
    });
  });

  describe('GET /api/users/me', () => {
    it('answers {user} with activeClassId null, without the password hash', async () => {
      const session = await UserSession.register(t.url, { name: 'Me Myself' });
      const res = await session.get('/api/users/me');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        success: true,
        data: { user: { ...session.user, activeClassId: null } },
      });
      expect(JSON.stringify(res.body)).not.toMatch(/password|hash/i);
    });

    it('answers 401 UNAUTHENTICATED without the access cookie', async () => {
      const res = await api(t.url, 'GET', '/api/users/me');
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        success: false,
        error: expect.objectContaining({ code: 'UNAUTHENTICATED' }),
      });
    });
  });

  describe('POST /api/auth/refresh', () => {
    it('rotates the refresh cookie and issues a new access cookie and CSRF token', async () => {
      const session = await UserSession.register(t.url);
      const oldRefresh = session.jar.get('refresh_token');
      const oldCsrf = session.csrfToken;
      const res = await session.refresh();
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({ user: session.user, csrfToken: expect.any(String) });
      expect(res.body.data.csrfToken).not.toBe(oldCsrf);
      const refresh = cookie(res.cookies, 'refresh_token');
      expect(refresh.value).not.toBe(oldRefresh);
      expect(refresh.attributes).toMatchObject({
        httponly: true,
        samesite: 'Strict',
        path: '/api/auth',
      });
      expect(cookie(res.cookies, 'access_token').attributes).toMatchObject({
        path: '/',
        'max-age': '900',
      });
      expect((await session.get('/api/users/me')).status).toBe(200);
      // The new token refreshes again; the family keeps its expiry.
      const again = await session.refresh();
      expect(again.status).toBe(200);
      expect(
        Number(cookie(again.cookies, 'refresh_token').attributes['max-age']),
      ).toBeLessThanOrEqual(Number(refresh.attributes['max-age']));
    });

    it('works with an expired (absent) access cookie: the refresh cookie is enough', async () => {
      const session = await UserSession.register(t.url);
      session.jar.set('access_token', undefined);
      expect((await session.get('/api/users/me')).status).toBe(401);
      expect((await session.refresh()).status).toBe(200);
      expect((await session.get('/api/users/me')).status).toBe(200);
    });

    it('answers 401 REFRESH_TOKEN_REUSED for a rotated token and revokes the whole family', async () => {
      const victim = await UserSession.register(t.url);
      const stolen = victim.jar.get('refresh_token')!;
      const csrf = victim.csrfToken!;
      expect((await victim.refresh()).status).toBe(200); // the legitimate rotation

      const replay = await api(t.url, 'POST', '/api/auth/refresh', {
        headers: { cookie: `refresh_token=${stolen}`, 'x-csrf-token': csrf },
      });
      expect(replay.status).toBe(401);
      expect(replay.body).toEqual({
        success: false,
        error: expect.objectContaining({ code: 'REFRESH_TOKEN_REUSED' }),
      });
      const cleared = replay.cookies.map((c) => [c.name, c.attributes['max-age']]);
      expect(cleared).toEqual(
        expect.arrayContaining([
          ['access_token', '0'],
          ['refresh_token', '0'],
        ]),
      );

      // The newer token of the family is revoked too, and so is its access token.
      const newer = await victim.refresh();
      expect(newer.status).toBe(401);
      expect(newer.body.error.code).toBe('REFRESH_TOKEN_INVALID');
      expect((await victim.get('/api/users/me')).status).toBe(401);
    });

    it('leaves other sessions of the same user alone when one family is revoked', async () => {
      const first = await UserSession.register(t.url);
      const second = await UserSession.login(t.url, first.email, first.password);
      const stolen = first.jar.get('refresh_token')!;
      await first.refresh();
      await api(t.url, 'POST', '/api/auth/refresh', {
        headers: { cookie: `refresh_token=${stolen}`, 'x-csrf-token': first.csrfToken! },
      });
      expect((await first.get('/api/users/me')).status).toBe(401);
      expect((await second.get('/api/users/me')).status).toBe(200);
      expect((await second.refresh()).status).toBe(200);
    });

    it('treats concurrent uses of one token as reuse: at most one rotates, the family ends', async () => {
      const session = await UserSession.register(t.url);
      const headers = {
        cookie: session.cookieHeader('/api/auth/refresh'),
        'x-csrf-token': session.csrfToken!,
      };
      const results = await Promise.all(
        Array.from({ length: 4 }, () => api(t.url, 'POST', '/api/auth/refresh', { headers })),
      );
      const ok = results.filter((r) => r.status === 200);
      expect(ok.length).toBeLessThanOrEqual(1);
      const refused = results.filter((r) => r.status !== 200);
      expect(refused.map((r) => r.status)).toEqual(refused.map(() => 401));
      expect(refused.map((r) => r.body.error.code)).toContain('REFRESH_TOKEN_REUSED');
      // Whatever a winner received is revoked along with the family, and so is the session.
      for (const winner of ok) {
        const next = cookie(winner.cookies, 'refresh_token').value;
        const after = await api(t.url, 'POST', '/api/auth/refresh', {
          headers: { cookie: `refresh_token=${next}`, 'x-csrf-token': winner.body.data.csrfToken },
        });
        expect(after.status).toBe(401);
      }
      expect((await session.get('/api/users/me')).status).toBe(401);
    });

    it.each([
      ['no refresh cookie', ''],
      ['a malformed refresh cookie', 'refresh_token=not-a-token'],
      ['an unknown refresh token', `refresh_token=${'A'.repeat(43)}`],
    ])('answers 401 REFRESH_TOKEN_INVALID for %s', async (_, cookieHeader) => {
      const res = await api(t.url, 'POST', '/api/auth/refresh', {
        headers: cookieHeader ? { cookie: cookieHeader } : {},
      });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('REFRESH_TOKEN_INVALID');
    });
  });

  describe('refresh family expiry (enforced in code: no TTL index)', () => {
    const tokens = () => t.app.get<Connection>(getConnectionToken()).collection('refresh_tokens');
    const hash = (token: string) => createHash('sha256').update(token).digest('hex');

    it('refuses a token whose family has expired', async () => {
      const session = await UserSession.register(t.url);
      const refresh = session.jar.get('refresh_token')!;
      const stored = await tokens().findOne({ tokenHash: hash(refresh) });
      expect(stored).toMatchObject({
        familyId: expect.any(String),
        rotatedAt: null,
        revokedAt: null,
      });
      expect(await tokens().countDocuments({ tokenHash: refresh })).toBe(0); // only the hash is stored
      await tokens().updateOne(
        { tokenHash: hash(refresh) },
        { $set: { expiresAt: new Date(Date.now() - 1000) } },
      );

      const res = await session.refresh();
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('REFRESH_TOKEN_INVALID');
      session.jar.set('refresh_token', refresh, '/api/auth');
      session.jar.set('access_token', undefined);
      expect((await session.get('/api/auth/csrf')).status).toBe(401);
    });

    it('sweeps rows of families that expired long ago, and keeps the rest', async () => {
      const session = await UserSession.register(t.url);
      const familyId = 'expired-family-' + Date.now();
      const dayAgo = Date.now() - 25 * 60 * 60 * 1000;
      await tokens().insertOne({
        tokenHash: hash(familyId),
        familyId,
        userId: session.user.id,
        rotatedFrom: `family:${familyId}`,
        expiresAt: new Date(dayAgo),
        rotatedAt: null,
        revokedAt: null,
      });
      expect(await t.app.get(RefreshTokenService).sweepExpired()).toBeGreaterThanOrEqual(1);
      expect(await tokens().countDocuments({ familyId })).toBe(0);
      expect((await session.refresh()).status).toBe(200);
    });
  });

  describe('POST /api/auth/logout', () => {
    it('answers {} , clears both cookies, and revokes the refresh family and access token', async () => {
      const session = await UserSession.register(t.url);
      const access = session.jar.get('access_token')!;
      const refresh = session.jar.get('refresh_token')!;
      const csrf = session.csrfToken!;
      const res = await session.logout();
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ success: true, data: {} });
      const byName = Object.fromEntries(res.cookies.map((c) => [c.name, c]));
      expect(byName.access_token.value).toBe('');
      expect(byName.access_token.attributes).toMatchObject({
        'max-age': '0',
        path: '/',
        httponly: true,
      });
      expect(byName.refresh_token.value).toBe('');
      expect(byName.refresh_token.attributes).toMatchObject({ 'max-age': '0', path: '/api/auth' });

      // The old cookies no longer work, even if a copy was kept.
      const me = await api(t.url, 'GET', '/api/users/me', {
        headers: { cookie: `access_token=${access}` },
      });
      expect(me.status).toBe(401);
      expect(me.body.error.code).toBe('UNAUTHENTICATED');
      const again = await api(t.url, 'POST', '/api/auth/refresh', {
        headers: { cookie: `refresh_token=${refresh}`, 'x-csrf-token': csrf },
      });
      expect(again.status).toBe(401);
      expect(again.body.error.code).toBe('REFRESH_TOKEN_INVALID');
    });

    it('works with only the refresh cookie (access token expired)', async () => {
      const session = await UserSession.register(t.url);
      const refresh = session.jar.get('refresh_token')!;
      const csrf = session.csrfToken!;
      session.jar.set('access_token', undefined);
      expect((await session.logout()).status).toBe(200);
      const again = await api(t.url, 'POST', '/api/auth/refresh', {
        headers: { cookie: `refresh_token=${refresh}`, 'x-csrf-token': csrf },
      });
      expect(again.status).toBe(401);
    });

    it('answers 401 UNAUTHENTICATED without any session', async () => {
      const res = await api(t.url, 'POST', '/api/auth/logout');
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('GET /api/auth/csrf', () => {
    it('answers a fresh {csrfToken} that works for state-changing requests', async () => {
      const session = await UserSession.register(t.url);
      const res = await session.get('/api/auth/csrf');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ success: true, data: { csrfToken: expect.any(String) } });
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect((await session.refresh({ csrf: res.body.data.csrfToken })).status).toBe(200);
    });

    it('recovers the token with only the refresh cookie (after a reload with an expired access token)', async () => {
      const session = await UserSession.register(t.url);
      session.jar.set('access_token', undefined);
      session.csrfToken = null;
      const res = await session.get('/api/auth/csrf');
      expect(res.status).toBe(200);
      expect((await session.refresh()).status).toBe(200);
    });

    it('answers 401 UNAUTHENTICATED without a session, or with a revoked one', async () => {
      expect((await api(t.url, 'GET', '/api/auth/csrf')).status).toBe(401);
      const session = await UserSession.register(t.url);
      const cookies = session.cookieHeader('/api/auth/csrf');
      await session.logout();
      const res = await api(t.url, 'GET', '/api/auth/csrf', { headers: { cookie: cookies } });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    });
  });

  it('parses Set-Cookie attributes the way browsers do (support check)', () => {
    expect(parseSetCookie('a=b=c; Path=/x; HttpOnly; Max-Age=5')).toEqual({
      name: 'a',
      value: 'b=c',
      attributes: { path: '/x', httponly: true, 'max-age': '5' },
    });
  });
});
