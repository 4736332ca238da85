import type { SessionEndReason } from '@llms/contract';
import type { SessionCheck } from '../auth';
import type { RealtimeServer, RealtimeSocket } from './realtime.server';
import { SessionSockets } from './session-sockets';

/** A socket that records what ending its session does to it. */
function fakeSocket(id: string, userId: string, sid: string, sessionExpiresAt: number) {
  const socket = {
    id,
    data: { user: { id: userId, name: 'U', sid, sessionExpiresAt } },
    emitted: [] as unknown[],
    closed: false,
    emit: (event: string, payload: unknown) => void socket.emitted.push([event, payload]),
    disconnect: () => void (socket.closed = true),
  };
  return socket;
}

/** A Socket.IO server with one namespace of `sockets`, each in its user's room. */
function fakeServer(sockets: ReturnType<typeof fakeSocket>[]) {
  const rooms = new Map<string, Set<string>>();
  for (const socket of sockets) {
    const room = `user:${socket.data.user.id}`;
    rooms.set(room, (rooms.get(room) ?? new Set()).add(socket.id));
  }
  const listeners = new Map<string, (...args: unknown[]) => void>();
  const server = {
    sentToOthers: [] as unknown[],
    of: () => ({ adapter: { rooms }, sockets: new Map(sockets.map((s) => [s.id, s])) }),
    on: (event: string, listener: (...args: unknown[]) => void) => listeners.set(event, listener),
    serverSideEmit: (...args: unknown[]) => void server.sentToOthers.push(args),
    fromOtherInstance: (event: string, ...args: unknown[]) => listeners.get(event)?.(...args),
  };
  return server;
}

function sessionSockets(revoked: SessionEndReason | null = null) {
  const check = { revocationOf: async () => revoked } as unknown as SessionCheck;
  return new SessionSockets(check);
}

const later = Date.now() + 60_000;

describe('SessionSockets', () => {
  it('ends the sockets of an ended session here, and tells the other instances', () => {
    const [a1, a2, other] = [
      fakeSocket('s1', 'u1', 'sid-1', later),
      fakeSocket('s2', 'u1', 'sid-2', later),
      fakeSocket('s3', 'u2', 'sid-3', later),
    ];
    const server = fakeServer([a1, a2, other]);
    const sessions = sessionSockets();
    sessions.attach(server as unknown as RealtimeServer);
    sessions.sessionEnded({ sid: 'sid-1', userId: 'u1' }, 'LOGGED_OUT');
    expect(a1.emitted).toEqual([['SESSION_ENDED', { reason: 'LOGGED_OUT' }]]);
    expect(a1.closed).toBe(true);
    expect([a2.closed, other.closed]).toEqual([false, false]);
    expect(server.sentToOthers).toEqual([
      ['llms:session-ended', { sid: 'sid-1', userId: 'u1' }, 'LOGGED_OUT'],
    ]);
  });

  it('ends its sockets when another instance announces the end', () => {
    const socket = fakeSocket('s1', 'u1', 'sid-1', later);
    const server = fakeServer([socket]);
    sessionSockets().attach(server as unknown as RealtimeServer);
    server.fromOtherInstance('llms:session-ended', { sid: 'sid-1', userId: 'u1' }, 'REVOKED');
    expect(socket.emitted).toEqual([['SESSION_ENDED', { reason: 'REVOKED' }]]);
  });

  it('ends the sockets whose session expired, once a second, and no others', () => {
    const now = Date.now();
    const [expiring, lasting] = [
      fakeSocket('s1', 'u1', 'sid-1', now + 500),
      fakeSocket('s2', 'u2', 'sid-2', now + 5000),
    ];
    const sessions = sessionSockets();
    sessions.attach(fakeServer([expiring, lasting]) as unknown as RealtimeServer);
    sessions.sweep(now);
    expect(expiring.closed).toBe(false);
    sessions.sweep(now + 1000);
    expect(expiring.emitted).toEqual([['SESSION_ENDED', { reason: 'EXPIRED' }]]);
    expect(lasting.closed).toBe(false);
  });

  it('refuses a new socket whose session ended during its handshake, with the reason', async () => {
    const revokedSocket = fakeSocket('s1', 'u1', 'sid-1', later);
    const expired = fakeSocket('s2', 'u1', 'sid-2', Date.now() - 1);
    const fine = fakeSocket('s3', 'u1', 'sid-3', later);
    expect(
      await sessionSockets('LOGGED_OUT').admit(revokedSocket as unknown as RealtimeSocket),
    ).toBe(false);
    expect(revokedSocket.emitted).toEqual([['SESSION_ENDED', { reason: 'LOGGED_OUT' }]]);
    expect(await sessionSockets().admit(expired as unknown as RealtimeSocket)).toBe(false);
    expect(expired.emitted).toEqual([['SESSION_ENDED', { reason: 'EXPIRED' }]]);
    expect(await sessionSockets().admit(fine as unknown as RealtimeSocket)).toBe(true);
    expect(fine.closed).toBe(false);
  });
});
