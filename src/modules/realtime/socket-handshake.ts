import { Inject, Injectable } from '@nestjs/common';
import type { ConnectErrorData } from '@llms/contract';
import { AppError } from '@llms/errors';
import { isOriginAllowed } from '../../common/http/origin-policy';
import { appConfig, type AppConfig } from '../../config/app.config';
import { SessionCheck } from '../auth';
import { PresenceSettings } from '../presence';
import type { RealtimeSocket } from './realtime.server';
import { newEventBudget } from './socket-rate-limit';
import { SocketSlots } from './socket-slots';

/** A refused handshake: the client gets `connect_error` whose `data` is `{code}`. */
function refusal(code: ConnectErrorData['code'], message: string): Error {
  return Object.assign(new Error(message), { data: { code } });
}

/**
 * The Socket.IO handshake (Nest guards do not run on connection): the Origin must be one of
 * CORS_ORIGINS (Socket.IO's cors option does not stop cross-origin WebSockets), the
 * `access_token` cookie must verify (SessionCheck, the same check as HTTP), and the user must have a
 * socket slot left (MAX_SOCKETS_PER_USER). Then the socket keeps only what it needs: the HTTP
 * request and its headers are let go.
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
    const now = this.settings.now();
    Object.assign(socket.data, {
      user,
      socketId: socket.id,
      userId: user.id,
      classId: null,
      teaching: null,
      lostClassId: null,
      lastHeartbeatAt: now,
      ...newEventBudget(now),
    });
    // The socket no longer needs its HTTP request (a few KB each): Socket.IO's memory guide.
    (socket.conn as unknown as { request: unknown }).request = null;
    socket.handshake.headers = {};
  }
}
