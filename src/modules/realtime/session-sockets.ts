import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { SessionEndReason } from '@llms/contract';
import type { Socket } from 'socket.io';
import type { AuthUser } from '../../common/auth';
import { SessionCheck } from '../auth';
import { SessionEvents } from '../auth';
import { sessionRoom } from './realtime.rooms';
import type { RealtimeServer } from './realtime.server';

/** How often due session expiries are looked at (the contract allows 5 s). */
const SWEEP_INTERVAL_MS = 1000;

type SessionSocket = Socket & { data: { user: AuthUser } };

/** Sends SESSION_ENDED, then closes the socket (the client does not reconnect on its own). */
export function endSocket(socket: Socket, reason: SessionEndReason): void {
  socket.emit('SESSION_ENDED', { reason });
  socket.disconnect(true);
}

/**
 * A socket lives no longer than its session. Each socket joins its session's room
 * (`session:<sid>`), where `sessionEnded` (the SessionEvents port of auth) reaches it on every
 * instance (logout, refresh-token reuse). Expiry needs no message: every instance ends its own sockets
 * when their session's `sessionExpiresAt` (from the access token) passes, in one local sweep per
 * second over buckets of due seconds (no timer per socket; setTimeout cannot wait 30 days).
 */
@Injectable()
export class SessionSockets extends SessionEvents implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SessionSockets.name);
  /** Sockets by the second (epoch) in which their session expires. */
  private readonly due = new Map<number, Set<SessionSocket>>();
  private readonly bucketOf = new WeakMap<SessionSocket, number>();
  private sweptUpTo = Math.floor(Date.now() / 1000);
  private sweeper?: NodeJS.Timeout;

  private server: RealtimeServer | null = null;

  constructor(private readonly sessions: SessionCheck) {
    super();
  }

  /** Called by the gateway once the Socket.IO server exists. */
  attach(server: RealtimeServer): void {
    this.server = server;
  }

  /**
   * SESSION_ENDED to every socket of the session, then closes them, on every instance: both
   * travel on the adapter's shared channel (session rooms have no channel of their own), in
   * this order.
   */
  sessionEnded(sid: string, reason: SessionEndReason): void {
    if (!this.server) return;
    const room = sessionRoom(sid);
    this.server.to(room).emit('SESSION_ENDED', { reason });
    this.server.in(room).disconnectSockets(true);
  }

  onModuleInit(): void {
    this.sweeper = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
    this.due.clear();
  }

  /**
   * Binds a freshly connected socket to its session. Resolves false when the session has already
   * ended (the socket is then closed). Closes the handshake race: a revocation stored after the
   * handshake's check but broadcast before this join would be missed, so once the socket is in
   * its room the revoked-session marker is read once more.
   */
  async track(socket: SessionSocket): Promise<boolean> {
    const { sid, sessionExpiresAt } = socket.data.user;
    await socket.join(sessionRoom(sid));
    if (sessionExpiresAt <= Date.now()) {
      endSocket(socket, 'EXPIRED');
      return false;
    }
    const bucket = Math.ceil(sessionExpiresAt / 1000);
    this.bucketOf.set(socket, bucket);
    let sockets = this.due.get(bucket);
    if (!sockets) this.due.set(bucket, (sockets = new Set()));
    sockets.add(socket);

    const revoked = await this.sessions.revocationOf(sid).catch((error: Error) => {
      this.logger.warn(`Revocation re-check for a new socket failed: ${error.message}`);
      return null;
    });
    if (!revoked) return true;
    endSocket(socket, revoked);
    return false;
  }

  /** Forgets a closed socket. */
  untrack(socket: SessionSocket): void {
    const bucket = this.bucketOf.get(socket);
    if (bucket === undefined) return;
    this.bucketOf.delete(socket);
    const sockets = this.due.get(bucket);
    sockets?.delete(socket);
    if (sockets?.size === 0) this.due.delete(bucket);
  }

  /** Ends the sockets whose session expired since the last sweep. */
  sweep(now = Date.now()): void {
    const second = Math.floor(now / 1000);
    for (let bucket = this.sweptUpTo + 1; bucket <= second; bucket++) {
      const sockets = this.due.get(bucket);
      if (!sockets) continue;
      this.due.delete(bucket);
      for (const socket of sockets) {
        this.bucketOf.delete(socket);
        endSocket(socket, 'EXPIRED');
      }
    }
    this.sweptUpTo = Math.max(this.sweptUpTo, second);
  }
}
