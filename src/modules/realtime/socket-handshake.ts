import type { IncomingMessage } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import type { ConnectErrorData } from '@llms/contract';
import { AppError } from '@llms/errors';
import { isOriginAllowed } from '../../common/http/origin-policy';
import { appConfig, type AppConfig } from '../../config/app.config';
import { SessionCheck } from '../auth';
import { PresenceSettings } from '../presence';
import type { RealtimeSocket } from './realtime.server';
import { SocketState } from './socket-state';
import { SocketSlots } from './socket-slots';

/** A refused handshake: the client gets `connect_error` whose `data` is `{code}`. */
function refusal(code: ConnectErrorData['code'], message: string): Error {
  return Object.assign(new Error(message), { data: { code } });
}

/**
 * The Socket.IO handshake (Nest guards do not run on connection): the Origin must be one of
 * CORS_ORIGINS (Socket.IO's cors option does not stop cross-origin WebSockets), the
 * `access_token` cookie must verify (SessionCheck, the same check as HTTP), and the user must have a
 * socket slot left (MAX_SOCKETS_PER_USER). Then the socket keeps only what it needs (its
 * SocketState): the HTTP request and the handshake's copy of it are let go.
 */
@Injectable()
export class SocketHandshake {
  constructor(
    @Inject(appConfig.KEY) private readonly config: AppConfig,
    private readonly sessions: SessionCheck,
    private readonly slots: SocketSlots,
    private readonly settings: PresenceSettings,
  ) {}

  async admit(socket: RealtimeSocket): Promise<void> {
    const { headers } = socket.handshake;
    if (!isOriginAllowed(this.config.corsOrigins, headers.origin)) {
      throw refusal('ORIGIN_NOT_ALLOWED', 'This origin may not open the real-time channel');
    }
    let user;
    try {
      user = await this.sessions.verifyCookieHeader(headers.cookie);
    } catch (error) {
      if (error instanceof AppError) throw refusal('UNAUTHENTICATED', 'Sign in first');
      throw error;
    }
    if (!(await this.slots.take(user.id, socket.id))) {
      throw refusal(
        'TOO_MANY_CONNECTIONS',
        `At most ${this.config.realtime.maxSocketsPerUser} open connections per user`,
      );
    }
    const { id, name, sid, sessionExpiresAt } = user;
    socket.data = new SocketState(
      socket.id,
      { id, name, sid, sessionExpiresAt },
      this.settings.now(),
    );
    forgetTheRequest(socket);
  }
}

/** Nothing of the handshake is read after it; one shared, empty stand-in for every socket. */
const FORGOTTEN_HANDSHAKE = Object.freeze({
  headers: {},
  time: '',
  address: '',
  xdomain: false,
  secure: false,
  issued: 0,
  url: '',
  query: {},
  auth: {},
}) as unknown as RealtimeSocket['handshake'];

/**
 * Lets go of the upgrade request (Socket.IO's memory-usage guide): a few KB per socket, most of
 * it the headers (the cookie with its token among them). Engine.IO's upgrade shim still holds the
 * request object itself, so its headers are emptied too.
 */
function forgetTheRequest(socket: RealtimeSocket): void {
  const conn = socket.conn as unknown as { request: IncomingMessage | null };
  if (conn.request) {
    conn.request.headers = {};
    conn.request.rawHeaders = [];
    conn.request = null;
  }
  (socket as unknown as { handshake: RealtimeSocket['handshake'] }).handshake = FORGOTTEN_HANDSHAKE;
}
