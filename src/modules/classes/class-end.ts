import { Injectable, Logger } from '@nestjs/common';
import type { ClassView } from '@llms/contract';
import { AppError } from '@llms/errors';
import { AttendanceWriter } from '../attendance';
import { ClassEvents } from '../class-events';
import { CommentsService, TranscriptWriter } from '../comments';
import { ActiveClassClaims, LiveClasses } from '../presence';
import { notTheCreator } from './class-errors';
import { ClassesRepository, type ClassRecord } from './classes.repository';
import { ClassesService } from './classes.service';
import { type AuthUser } from '../../common/auth';

/** How long an end waits for MongoDB before answering (the write itself continues). */
const PERSIST_WAIT_MS = 2000;

/**
 * Ending a class, for the teacher's REST call and the sweeper's auto-end alike. Redis decides
 * (the end script runs once); everyone following the class is told; MongoDB follows, retried by
 * the sweeper while it is down.
 */
@Injectable()
export class ClassEnd {
  private readonly logger = new Logger(ClassEnd.name);

  constructor(
    private readonly classes: ClassesRepository,
    private readonly rules: ClassesService,
    private readonly live: LiveClasses,
    private readonly claims: ActiveClassClaims,
    private readonly attendance: AttendanceWriter,
    private readonly comments: CommentsService,
    private readonly transcript: TranscriptWriter,
    private readonly events: ClassEvents,
  ) {}

  /**
   * The teacher ends their live class: everyone leaves, their attendance is written, the
   * teacher is released. Redis holds the live state (and a snapshot of the class), so this works
   * while MongoDB is unreachable; MongoDB catches up through the sweeper.
   */
  async end(user: AuthUser, id: string): Promise<ClassView> {
    const meta = await this.live.meta(id);
    if (meta?.status === 'LIVE') {
      if (meta.teacherId !== user.id) throw notTheCreator();
      const endedAt = (await this.endLive(id)) ?? new Date();
      const record: ClassRecord = {
        id,
        title: meta.title,
        capacity: meta.capacity,
        status: 'ENDED',
        createdBy: meta.teacherId,
        joinCode: meta.joinCode,
        createdAt: new Date(meta.createdAt),
        startedAt: new Date(meta.startedAt),
        endedAt,
      };
      return this.rules.viewFor(user, record, 0);
    }
    const record = await this.rules.loadOwned(user, id);
    if (record.status !== 'LIVE' || meta) {
      throw new AppError(
        'CLASS_INVALID_STATE',
        `The class is ${meta?.status ?? record.status}, not LIVE`,
      );
    }
    // LIVE in MongoDB without live state in Redis: a start cut short before it opened.
    const endedAt = new Date();
    await this.classes.markEnded(record.id, endedAt);
    await this.claims.release(user.id, record.id);
    return this.rules.viewFor(user, { ...record, status: 'ENDED', endedAt }, 0);
  }

  /**
   * Ends the live state; null when someone else already ended it. With `persist` (the default)
   * MongoDB is updated before returning; the sweeper passes false and persists in the background.
   */
  async endLive(classId: string, { persist = true } = {}): Promise<Date | null> {
    const result = await this.live.end(classId);
    if (!result.ended) return null;
    const endedAt = new Date(result.endedAt);
    this.events.classEnded({ classId, endedAt: endedAt.toISOString() });
    await this.comments.classEnded(classId);
    if (persist) {
      // Wait for MongoDB a little (so a report read right after sees every stay), never long:
      // when it is down, the write goes on in the background and the sweeper retries.
      const written = this.persistEnd(classId, endedAt);
      await Promise.race([
        written,
        new Promise((resolve) => setTimeout(resolve, PERSIST_WAIT_MS).unref()),
      ]);
    }
    return endedAt;
  }

  /**
   * Writes the end to MongoDB: the class status, every queued stay and every queued comment.
   * False when something must be retried (the sweeper keeps the class scheduled until then).
   */
  async persistEnd(classId: string, endedAt: Date): Promise<boolean> {
    try {
      await this.classes.markEnded(classId, endedAt);
    } catch (error) {
      this.logger.warn(`End of class ${classId} waits for MongoDB: ${(error as Error).message}`);
      return false;
    }
    return this.drainOutboxes(classId);
  }

  /** Writes what waits in both outboxes of a class (stays, comments); true when both are empty. */
  async drainOutboxes(classId: string): Promise<boolean> {
    const [stays, comments] = await Promise.all([
      this.attendance.tryDrain(classId),
      this.transcript.tryDrain(classId),
    ]);
    return stays && comments;
  }
}
