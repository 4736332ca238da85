import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { SessionEndReason } from '@llms/contract';
import { SessionCheck, SessionEvents, type EndedSession } from '../auth';
import { userRoom } from './realtime.rooms';
import type { RealtimeServer, RealtimeSocket } from './realtime.server';

/** How often expired sessions are looked for (the contract allows 5 s). */
const SWEEP_INTERVAL_MS = 1000;
/** The shared-channel message that carries a session's end to the other instances. */
const SESSION_ENDED = 'llms:session-ended';

/** The untyped side of the server, for messages between instances. */
interface ServerSideEmitter {
  serverSideEmit(event: string, ...args: unknown[]): boolean;
}

/** Sends SESSION_ENDED, then closes the socket (the client does not reconnect on its own). */
export function endSocket(socket: RealtimeSocket, reason: SessionEndReason): void {
  socket.emit('SESSION_ENDED', { reason });
  socket.disconnect(true);
}

/**
 * A socket lives no longer than its session (contract v2). The end of a session (logout,
 * refresh-token reuse: the SessionEvents port of auth) goes to every instance on the adapter's
 * shared channel (`serverSideEmit`); each finds the session's sockets among its sockets of that
 * user (the user's room, an index the instance keeps anyway), so no room or index per session is
 * kept. Expiry needs no message: once a second every instance ends its own sockets whose
 * session's `sessionExpiresAt` (from the access token) has passed.
 */
@Injectable()
export class SessionSockets extends SessionEvents implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SessionSockets.name);
  private server: RealtimeServer | null = null;
  private sweeper?: NodeJS.Timeout;

  constructor(private readonly sessions: SessionCheck) {
    super();
  }

  /** Called by the gateway once the Socket.IO server exists. */
  attach(server: RealtimeServer): void {
    this.server = server;
    server.on(SESSION_ENDED, (session: EndedSession, reason: SessionEndReason) =>
      this.endLocally(session, reason),
    );
  }

  onModuleInit(): void {
    this.sweeper = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  sessionEnded(session: EndedSession, reason: SessionEndReason): void {
    if (!this.server) return;
    this.endLocally(session, reason);
    (this.server as unknown as ServerSideEmitter).serverSideEmit(SESSION_ENDED, session, reason);
  }

  /**
   * A freshly connected socket, already in its user's room: false (and the socket is closed) when
   * its session has ended. Closes the handshake race (a revocation stored after the handshake's
   * check but broadcast before the socket was in its room) by reading the revoked-session marker
   * once more.
   */
  async admit(socket: RealtimeSocket): Promise<boolean> {
    const { sid, sessionExpiresAt } = socket.data.user;
    if (sessionExpiresAt <= Date.now()) {
      endSocket(socket, 'EXPIRED');
      return false;
    }
    const revoked = await this.sessions.revocationOf(sid).catch((error: Error) => {
      this.logger.warn(`Revocation re-check for a new socket failed: ${error.message}`);
      return null;
    });
    if (!revoked) return true;
    endSocket(socket, revoked);
    return false;
  }

  /** Ends this instance's sockets of the session. */
  private endLocally({ sid, userId }: EndedSession, reason: SessionEndReason): void {
    const namespace = this.server?.of('/');
    const ids = namespace?.adapter.rooms.get(userRoom(userId));
    for (const id of ids ? [...ids] : []) {
      const socket = namespace?.sockets.get(id) as RealtimeSocket | undefined;
      if (socket && socket.data.user.sid === sid) endSocket(socket, reason);
    }
  }

  /** Ends the sockets whose session has expired. */
  sweep(now = Date.now()): void {
    const sockets = this.server?.of('/').sockets as Map<string, RealtimeSocket> | undefined;
    for (const socket of sockets?.values() ?? []) {
      if (socket.data.user?.sessionExpiresAt <= now) endSocket(socket, 'EXPIRED');
    }
  }
}
