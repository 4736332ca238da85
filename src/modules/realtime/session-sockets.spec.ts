import type { SessionEndReason } from '@llms/contract';
import type { SessionCheck } from '../auth/session-check.service';
import { SessionSockets } from './session-sockets';

/** A socket that records what the session binding does to it. */
function fakeSocket(sessionExpiresAt: number, sid = 'sid-1') {
  const socket = {
    data: { user: { id: 'u', name: 'U', capabilities: ['STUDENT'], sid, sessionExpiresAt } },
    rooms: [] as string[],
    emitted: [] as unknown[],
    closed: false,
    join: async (room: string) => void socket.rooms.push(room),
    emit: (event: string, payload: unknown) => void socket.emitted.push([event, payload]),
    disconnect: () => void (socket.closed = true),
  };
  return socket;
}

function sessionsWith(revoked: SessionEndReason | null) {
  const check = { revocationOf: async () => revoked } as unknown as SessionCheck;
  return new SessionSockets(check);
}

type Tracked = Parameters<SessionSockets['track']>[0];

describe('SessionSockets', () => {
  it('joins the session room and ends the socket once its session expires', async () => {
    const sessions = sessionsWith(null);
    const now = Date.now();
    const socket = fakeSocket(now + 2500);
    expect(await sessions.track(socket as unknown as Tracked)).toBe(true);
    expect(socket.rooms).toEqual(['session:sid-1']);
    sessions.sweep(now + 1000);
    expect(socket.closed).toBe(false);
    sessions.sweep(now + 4000);
    expect(socket.emitted).toEqual([['SESSION_ENDED', { reason: 'EXPIRED' }]]);
    expect(socket.closed).toBe(true);
  });

  it('forgets a socket that closed before its session expired', async () => {
    const sessions = sessionsWith(null);
    const socket = fakeSocket(Date.now() + 1500);
    await sessions.track(socket as unknown as Tracked);
    sessions.untrack(socket as unknown as Tracked);
    sessions.sweep(Date.now() + 5000);
    expect(socket.emitted).toEqual([]);
  });

  it('ends at once a socket whose session was revoked during its handshake, with the reason', async () => {
    const socket = fakeSocket(Date.now() + 60_000);
    expect(await sessionsWith('LOGGED_OUT').track(socket as unknown as Tracked)).toBe(false);
    expect(socket.rooms).toEqual(['session:sid-1']);
    expect(socket.emitted).toEqual([['SESSION_ENDED', { reason: 'LOGGED_OUT' }]]);
    expect(socket.closed).toBe(true);
  });

  it('ends at once a socket whose session has already expired', async () => {
    const socket = fakeSocket(Date.now() - 1);
    expect(await sessionsWith(null).track(socket as unknown as Tracked)).toBe(false);
    expect(socket.emitted).toEqual([['SESSION_ENDED', { reason: 'EXPIRED' }]]);
  });
});
