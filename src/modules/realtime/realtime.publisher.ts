import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import type {
  ClassEndedMessage,
  ClientToServerEvents,
  CommentMessage,
  ServerToClientEvents,
  SessionEndReason,
} from '@llms/contract';
import type { Server } from 'socket.io';
import { appConfig, type AppConfig } from '../../config/app.config';
import { SessionEvents } from '../auth/session-events';
import { PresenceService } from '../presence/presence.service';
import { classRoom, sessionRoom, userRoom } from './realtime.rooms';

/** Delay after the gate expires before reading the count, so every change under the gate is seen. */
const GATE_MARGIN_MS = 20;

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents>;

/**
 * Server-to-client messages, fanned out to every instance through the Redis adapter. Services
 * use this instead of the gateway, so rules stay out of the transport.
 */
@Injectable()
export class RealtimePublisher implements SessionEvents, BeforeApplicationShutdown {
  private readonly logger = new Logger(RealtimePublisher.name);
  private server: RealtimeServer | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly intervalMs: number;

  constructor(
    private readonly presence: PresenceService,
    @Inject(appConfig.KEY) config: AppConfig,
  ) {
    this.intervalMs = config.realtime.participantCountIntervalMs;
  }

  /** Called by the gateway once the Socket.IO server exists. */
  attach(server: RealtimeServer): void {
    this.server = server;
  }

  /**
   * Coalesced PARTICIPANT_COUNT: at most one broadcast per class per interval across all
   * instances. The instance that takes the Redis gate broadcasts after it expires, reading the
   * count then, so the last broadcast always carries the true value. Never rejects.
   */
  async participantCountChanged(classId: string): Promise<void> {
    const won = await this.presence
      .takeCountGate(classId, this.intervalMs)
      .catch((error: Error) => {
        this.logger.warn(`PARTICIPANT_COUNT gate for ${classId} not taken: ${error.message}`);
        return false;
      });
    if (!won) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.broadcastCount(classId);
    }, this.intervalMs + GATE_MARGIN_MS);
    this.timers.add(timer);
  }

  private async broadcastCount(classId: string): Promise<void> {
    try {
      const count = await this.presence.countParticipants(classId);
      this.server?.to(classRoom(classId)).emit('PARTICIPANT_COUNT', { classId, count });
    } catch (error) {
      this.logger.warn(`PARTICIPANT_COUNT for ${classId} not sent: ${(error as Error).message}`);
    }
  }

  comment(message: CommentMessage): void {
    this.server?.to(classRoom(message.classId)).emit('COMMENT', message);
  }

  /** Puts every socket of a user (on any instance) into a class room, e.g. the teacher on start. */
  followClass(userId: string, classId: string): void {
    this.server?.in(userRoom(userId)).socketsJoin(classRoom(classId));
  }

  /** Takes every socket of a user (on any instance) out of a class room. */
  unfollowClass(userId: string, classId: string): void {
    this.server?.in(userRoom(userId)).socketsLeave(classRoom(classId));
  }

  /** CLASS_ENDED to everyone in the class, then empties the room on every instance. */
  classEnded(message: ClassEndedMessage): void {
    if (!this.server) return;
    const room = classRoom(message.classId);
    this.server.to(room).emit('CLASS_ENDED', message);
    this.server.in(room).socketsLeave(room);
  }

  /**
   * SESSION_ENDED to every socket of the session, then closes them, on every instance (both go
   * through the Redis adapter, in this order).
   */
  sessionEnded(sid: string, reason: SessionEndReason): void {
    if (!this.server) return;
    const room = sessionRoom(sid);
    this.server.to(room).emit('SESSION_ENDED', { reason });
    this.server.in(room).disconnectSockets(true);
  }

  /** Stops publishing before the Socket.IO server and its Redis clients close. */
  beforeApplicationShutdown(): void {
    this.server = null;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
