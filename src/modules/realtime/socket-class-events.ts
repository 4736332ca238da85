import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import type { ClassEndedMessage, CommentMessage } from '@llms/contract';
import { appConfig, type AppConfig } from '../../config/app.config';
import { ClassEvents } from '../class-events';
import { LiveClasses } from '../presence';
import { CountGate } from './count-gate';
import { classRoom, userRoom } from './realtime.rooms';
import type { RealtimeServer } from './realtime.server';

/** Delay after the gate expires before reading the count, so every change under the gate is seen. */
const GATE_MARGIN_MS = 20;

/**
 * ClassEvents over Socket.IO: server-to-client messages and room moves, fanned out to every
 * instance through the Redis adapter. Domain modules publish through the ClassEvents port, so
 * rules stay out of the transport.
 */
@Injectable()
export class SocketClassEvents extends ClassEvents implements BeforeApplicationShutdown {
  private readonly logger = new Logger(SocketClassEvents.name);
  private server: RealtimeServer | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly intervalMs: number;

  constructor(
    private readonly gate: CountGate,
    private readonly live: LiveClasses,
    @Inject(appConfig.KEY) config: AppConfig,
  ) {
    super();
    this.intervalMs = config.realtime.participantCountIntervalMs;
  }

  /** Called by the gateway once the Socket.IO server exists. */
  attach(server: RealtimeServer): void {
    this.server = server;
  }

  /**
   * Coalesced PARTICIPANT_COUNT: at most one broadcast per class per interval across all
   * instances. The instance that takes the Redis gate broadcasts after it expires, reading the
   * count then, so the last broadcast always carries the true value.
   */
  countChanged(classId: string): void {
    void this.takeGate(classId).then((won) => {
      if (!won || !this.server) return;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void this.broadcastCount(classId);
      }, this.intervalMs + GATE_MARGIN_MS);
      this.timers.add(timer);
    });
  }

  /** One removal for all the users (one message on the class's channel); none for nobody. */
  staysEnded(classId: string, userIds: readonly string[]): void {
    if (userIds.length === 0) return;
    this.server?.in(userIds.map(userRoom)).socketsLeave(classRoom(classId));
  }

  commentPosted(comment: CommentMessage): void {
    this.server?.to(classRoom(comment.classId)).emit('COMMENT', comment);
  }

  classStarted(classId: string, teacherId: string): void {
    this.server?.in(userRoom(teacherId)).socketsJoin(classRoom(classId));
  }

  classEnded(message: ClassEndedMessage): void {
    if (!this.server) return;
    const room = classRoom(message.classId);
    this.server.to(room).emit('CLASS_ENDED', message);
    this.server.in(room).socketsLeave(room);
  }

  /** Stops publishing before the Socket.IO server and its Redis clients close. */
  beforeApplicationShutdown(): void {
    this.server = null;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** Takes the broadcast gate of a class for one interval; false when another instance has it. */
  private async takeGate(classId: string): Promise<boolean> {
    try {
      return await this.gate.take(classId, this.intervalMs);
    } catch (error) {
      this.logger.warn(
        `PARTICIPANT_COUNT gate for ${classId} not taken: ${(error as Error).message}`,
      );
      return false;
    }
  }

  private async broadcastCount(classId: string): Promise<void> {
    try {
      const count = await this.live.count(classId);
      this.server?.to(classRoom(classId)).emit('PARTICIPANT_COUNT', { classId, count });
    } catch (error) {
      this.logger.warn(`PARTICIPANT_COUNT for ${classId} not sent: ${(error as Error).message}`);
    }
  }
}
