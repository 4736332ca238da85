import type { SessionEndReason } from '@llms/contract';
import { connect, emitAck, eventually, sleep, type TestSocket } from '../support/live';
import { startInstances, type TestApp } from '../support/test-app';
import { api, UserSession } from '../support/user-session';

/** Two instances on one Redis and one database, with their own env (e.g. short token lifetimes). */
const startPair = async (overrides: Record<string, string>) =>
  (await startInstances(2, overrides)) as [TestApp, TestApp];

/** What one socket saw of its end: the SESSION_ENDED reasons, then when it was closed and why. */
function watchEnd(socket: TestSocket) {
  const seen = {
    reasons: [] as SessionEndReason[],
    disconnectedAt: null as number | null,
    disconnectReason: '',
    endedBeforeDisconnect: false,
  };
  socket.on('SESSION_ENDED', ({ reason }) => seen.reasons.push(reason));
  socket.on('disconnect', (reason) => {
    seen.endedBeforeDisconnect = seen.reasons.length > 0;
    seen.disconnectedAt = Date.now();
    seen.disconnectReason = reason;
  });
  return seen;
}

/**
 * A socket lives no longer than its session (contract v2): logout, refresh-token reuse and the
 * session's expiry send SESSION_ENDED {reason} and close every socket of the session, on every
 * instance, within 5 s. An access token that expires while its session lives closes nothing.
 */
describe('sessions end their sockets (e2e, two instances)', () => {
  const sockets: TestSocket[] = [];
  const open = async (app: TestApp, session: UserSession) => {
    const socket = await connect(app.url, session);
    sockets.push(socket);
    return socket;
  };
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });

  describe('revocation (logout, refresh-token reuse)', () => {
    let a: TestApp;
    let b: TestApp;
    beforeAll(async () => {
      [a, b] = await startPair({});
    });
    afterAll(async () => {
      await Promise.all([a?.close(), b?.close()]);
    });

    it('logout on A sends SESSION_ENDED LOGGED_OUT to the sockets on B, then closes them within 5 s', async () => {
      const user = await UserSession.register(a.url);
      const tabs = [await open(b, user), await open(b, user)];
      const seen = tabs.map(watchEnd);
      const otherDevice = await UserSession.login(a.url, user.email, user.password);
      const survivor = await open(b, otherDevice);
      const survivorSeen = watchEnd(survivor);

      const started = Date.now();
      expect((await user.logout()).status).toBe(200);
      await eventually(
        () => seen.every((s) => s.disconnectedAt !== null),
        5000,
        'both tabs closed',
      );
      for (const s of seen) {
        expect(s.reasons).toEqual(['LOGGED_OUT']);
        expect(s.endedBeforeDisconnect).toBe(true);
        expect(s.disconnectReason).toBe('io server disconnect');
        expect(s.disconnectedAt! - started).toBeLessThan(5000);
      }
      // Another session of the same user keeps its socket.
      await sleep(300);
      expect(survivor.connected).toBe(true);
      expect(survivorSeen.reasons).toEqual([]);
    });

    it('refresh-token reuse on A sends SESSION_ENDED REVOKED to the sockets on B, then closes them', async () => {
      const victim = await UserSession.register(a.url);
      const socket = await open(b, victim);
      const seen = watchEnd(socket);
      const stolen = victim.jar.get('refresh_token')!;
      const csrf = victim.csrfToken!;
      expect((await victim.refresh()).status).toBe(200);
      // The rotation alone ends nothing.
      await sleep(300);
      expect(socket.connected).toBe(true);

      const started = Date.now();
      const replay = await api(a.url, 'POST', '/api/auth/refresh', {
        headers: { cookie: `refresh_token=${stolen}`, 'x-csrf-token': csrf },
      });
      expect(replay.body.error.code).toBe('REFRESH_TOKEN_REUSED');
      await eventually(() => seen.disconnectedAt !== null, 5000, 'socket closed');
      expect(seen.reasons).toEqual(['REVOKED']);
      expect(seen.endedBeforeDisconnect).toBe(true);
      expect(seen.disconnectedAt! - started).toBeLessThan(5000);
    });

    it('a revoked session cannot open a new socket', async () => {
      const user = await UserSession.register(a.url);
      const cookie = user.cookieHeader();
      await user.logout();
      await expect(
        connect(b.url, null, { headers: { cookie }, origin: a.url }),
      ).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
    });
  });

  describe('expiry', () => {
    const SESSION_SECONDS = 4;
    let a: TestApp;
    let b: TestApp;
    beforeAll(async () => {
      [a, b] = await startPair({ REFRESH_TOKEN_TTL_SECONDS: String(SESSION_SECONDS) });
    });
    afterAll(async () => {
      await Promise.all([a?.close(), b?.close()]);
    });

    it('the end of the session sends SESSION_ENDED EXPIRED and closes its socket within 5 s', async () => {
      const user = await UserSession.register(a.url);
      const expiresAt = Date.now() + SESSION_SECONDS * 1000;
      const socket = await open(b, user);
      const seen = watchEnd(socket);
      await eventually(() => seen.disconnectedAt !== null, SESSION_SECONDS * 1000 + 5000, 'close');
      expect(seen.reasons).toEqual(['EXPIRED']);
      expect(seen.endedBeforeDisconnect).toBe(true);
      expect(seen.disconnectedAt! - expiresAt).toBeLessThan(5000);
      expect(seen.disconnectedAt! - expiresAt).toBeGreaterThan(-1500);
    });
  });

  describe('access token expiry alone', () => {
    const ACCESS_SECONDS = 2;
    let a: TestApp;
    let b: TestApp;
    beforeAll(async () => {
      [a, b] = await startPair({ ACCESS_TOKEN_TTL_SECONDS: String(ACCESS_SECONDS) });
    });
    afterAll(async () => {
      await Promise.all([a?.close(), b?.close()]);
    });

    it('does not close the socket: it lives as long as its session', async () => {
      const user = await UserSession.register(a.url);
      const socket = await open(b, user);
      const seen = watchEnd(socket);
      await sleep(ACCESS_SECONDS * 1000 + 2500);
      // The access token has expired (REST says so) but the socket still answers.
      expect((await user.get('/api/users/me')).status).toBe(401);
      expect(socket.connected).toBe(true);
      expect(seen.reasons).toEqual([]);
      expect((await emitAck(socket, 'HEARTBEAT', {})).success).toBe(true);
    });
  });
});
