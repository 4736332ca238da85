import jwt from 'jsonwebtoken';
import { api, UserSession } from '../support/user-session';
import { startTestApp, TEST_SECRETS, type TestApp } from '../support/test-app';

/** The attacks the contract's auth must withstand: CSRF, token forgery, Bearer headers. */
describe('auth attacks (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  describe('CSRF on state-changing requests', () => {
    it.each([
      ['missing', () => false as const],
      ['malformed', () => 'not-a-csrf-token'],
      [
        'forged (right shape, wrong signature)',
        (s: UserSession) => `${s.csrfToken!.split('.')[0]}.${'A'.repeat(43)}`,
      ],
    ])(
      'refuses a %s X-CSRF-Token with 403 CSRF_TOKEN_INVALID and changes nothing',
      async (_, token) => {
        const session = await UserSession.register(t.url);
        for (const path of ['/api/auth/refresh', '/api/auth/logout']) {
          const res = await session.post(path, undefined, { csrf: token(session) });
          expect(res.status).toBe(403);
          expect(res.body).toEqual({
            success: false,
            error: expect.objectContaining({ code: 'CSRF_TOKEN_INVALID' }),
          });
          expect(res.cookies).toEqual([]);
        }
        // Neither the refresh nor the logout happened: the session still works as it was.
        expect((await session.get('/api/users/me')).status).toBe(200);
        expect((await session.refresh()).status).toBe(200);
      },
    );

    it("refuses another session's token, even of the same user", async () => {
      const mine = await UserSession.register(t.url);
      const other = await UserSession.register(t.url);
      const sameUserOtherDevice = await UserSession.login(t.url, mine.email, mine.password);
      for (const foreign of [other.csrfToken!, sameUserOtherDevice.csrfToken!]) {
        for (const path of ['/api/auth/refresh', '/api/auth/logout']) {
          const res = await mine.post(path, undefined, { csrf: foreign });
          expect(res.status).toBe(403);
          expect(res.body.error.code).toBe('CSRF_TOKEN_INVALID');
        }
      }
      expect((await mine.get('/api/users/me')).status).toBe(200);
    });

    it('binds refresh to the family of the presented refresh cookie, not to the access cookie', async () => {
      const a = await UserSession.register(t.url);
      const b = await UserSession.register(t.url);
      // A's access cookie with B's refresh cookie: only B's session token may refresh it.
      const headers = {
        cookie: `access_token=${a.jar.get('access_token')}; refresh_token=${b.jar.get('refresh_token')}`,
      };
      const withA = await api(t.url, 'POST', '/api/auth/refresh', {
        headers: { ...headers, 'x-csrf-token': a.csrfToken! },
      });
      expect(withA.status).toBe(403);
      const withB = await api(t.url, 'POST', '/api/auth/refresh', {
        headers: { ...headers, 'x-csrf-token': b.csrfToken! },
      });
      expect(withB.status).toBe(200);
      expect(withB.body.data.user.id).toBe(b.user.id);
    });

    it('keeps a CSRF token valid for its session across refreshes, and not after logout', async () => {
      const session = await UserSession.register(t.url);
      const first = session.csrfToken!;
      await session.refresh();
      expect(session.csrfToken).not.toBe(first);
      expect((await session.refresh({ csrf: first })).status).toBe(200);
      await session.logout();
      const again = await UserSession.login(t.url, session.email, session.password);
      expect((await again.refresh({ csrf: first })).status).toBe(403);
    });

    it('does not require the token for register and login, nor for GET', async () => {
      const session = await UserSession.register(t.url); // sent without a token
      const login = await api(t.url, 'POST', '/api/auth/login', {
        body: { email: session.email, password: session.password },
      });
      expect(login.status).toBe(200);
      expect((await session.get('/api/users/me', { csrf: false })).status).toBe(200);
    });
  });

  describe('access token checks', () => {
    const { issuer, audience } = { issuer: 'llms', audience: 'llms-api' };
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const me = (token: string, header = 'cookie') =>
      api(t.url, 'GET', '/api/users/me', {
        headers:
          header === 'cookie'
            ? { cookie: `access_token=${token}` }
            : { authorization: `Bearer ${token}` },
      });
    const expect401 = async (promise: ReturnType<typeof me>) => {
      const res = await promise;
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        success: false,
        error: expect.objectContaining({ code: 'UNAUTHENTICATED' }),
      });
    };

    let session: UserSession;
    let claims: { name: string; capabilities: string[]; sid: string };
    beforeAll(async () => {
      session = await UserSession.register(t.url, { name: 'Target' });
      const decoded = jwt.decode(session.jar.get('access_token')!) as jwt.JwtPayload;
      claims = { name: decoded.name, capabilities: decoded.capabilities, sid: decoded.sid };
    });
    /** A token signed like ours; `exp: null` leaves exp out, a number sets it. */
    const forge = (
      options: jwt.SignOptions = {},
      secret = TEST_SECRETS.JWT_ACCESS_SECRET,
      extra: Record<string, unknown> = {},
    ) => {
      const now = Math.floor(Date.now() / 1000);
      const payload: Record<string, unknown> = { ...claims, iat: now, exp: now + 60, ...extra };
      if (payload.exp === null) delete payload.exp;
      return jwt.sign(payload, secret, {
        algorithm: 'HS256',
        issuer,
        audience,
        subject: session.user.id,
        ...options,
      });
    };

    it('issues an HS256 JWT with exp, iss, aud, sub, name, capabilities and sid', () => {
      const token = session.jar.get('access_token')!;
      const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString());
      expect(header.alg).toBe('HS256');
      const payload = jwt.verify(token, TEST_SECRETS.JWT_ACCESS_SECRET, {
        algorithms: ['HS256'],
      }) as jwt.JwtPayload;
      expect(payload).toMatchObject({
        iss: issuer,
        aud: audience,
        sub: session.user.id,
        name: 'Target',
      });
      expect(payload.capabilities).toEqual(['STUDENT']);
      expect(payload.exp! - payload.iat!).toBe(900);
      expect(payload.sid).toEqual(expect.any(String));
    });

    it("carries the session's expiry (sexp, the refresh family's) and never outlives it", () => {
      const payload = jwt.decode(session.jar.get('access_token')!) as jwt.JwtPayload;
      const refreshMaxAge = 2_592_000;
      expect(payload.sexp).toBeGreaterThan(payload.iat! + refreshMaxAge - 60);
      expect(payload.sexp).toBeLessThanOrEqual(payload.iat! + refreshMaxAge);
      expect(payload.exp).toBeLessThanOrEqual(payload.sexp);
    });

    it('refuses a token whose session has expired, even before its own exp', async () => {
      const now = Math.floor(Date.now() / 1000);
      await expect401(me(forge({}, undefined, { sexp: now - 1 })));
      expect((await me(forge({}, undefined, { sexp: now + 60 }))).status).toBe(200);
      await expect401(me(forge({}, undefined, { sexp: 'later' })));
    });

    it('accepts a correctly signed token (the control for the forgeries below)', async () => {
      expect((await me(forge())).status).toBe(200);
    });

    it('ignores an Authorization: Bearer header', async () => {
      await expect401(me(session.jar.get('access_token')!, 'bearer'));
    });

    it('refuses a tampered payload', async () => {
      const [header, , signature] = session.jar.get('access_token')!.split('.');
      const payload = jwt.decode(session.jar.get('access_token')!) as jwt.JwtPayload;
      await expect401(
        me(`${header}.${b64({ ...payload, capabilities: ['TEACHER', 'STUDENT'] })}.${signature}`),
      );
    });

    it('refuses alg=none', async () => {
      const now = Math.floor(Date.now() / 1000);
      const payload = {
        ...claims,
        sub: session.user.id,
        iss: issuer,
        aud: audience,
        iat: now,
        exp: now + 60,
      };
      await expect401(me(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`));
    });

    it('refuses another algorithm even with the right secret (the algorithm is pinned)', async () => {
      await expect401(me(forge({ algorithm: 'HS512' })));
    });

    it('refuses a token signed with another secret', async () => {
      await expect401(me(forge({}, 'another-secret-of-sufficient-length-0000')));
    });

    it('refuses an expired token', async () => {
      const now = Math.floor(Date.now() / 1000);
      await expect401(me(forge({}, undefined, { iat: now - 120, exp: now - 60 })));
    });

    it('refuses a token without exp', async () => {
      await expect401(me(forge({}, undefined, { exp: null })));
    });

    it('refuses a wrong audience or issuer', async () => {
      await expect401(me(forge({ audience: 'another-api' })));
      await expect401(me(forge({ issuer: 'someone-else' })));
    });

    it('refuses tokens with malformed claims', async () => {
      await expect401(me(forge({}, undefined, { capabilities: ['ROOT'] })));
      await expect401(me(forge({}, undefined, { sid: 42 })));
    });

    it('refuses garbage in the cookie', async () => {
      await expect401(me('not.a.jwt'));
      await expect401(me(''));
    });
  });
});
