import { Injectable, Logger } from '@nestjs/common';
import { AttendanceService } from '../attendance/attendance.service';
import { PresenceService } from '../presence/presence.service';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { ClassesRepository } from './classes.repository';

/** How long an end waits for MongoDB before answering (the write itself continues). */
const PERSIST_WAIT_MS = 2000;

/**
 * Ending a live class, shared by the teacher's REST call and the sweeper's auto-end. Redis
 * decides (the end script runs once); MongoDB follows, retried by the sweeper if it is down.
 */
@Injectable()
export class ClassLifecycleService {
  private readonly logger = new Logger(ClassLifecycleService.name);

  constructor(
    private readonly classes: ClassesRepository,
    private readonly presence: PresenceService,
    private readonly attendance: AttendanceService,
    private readonly publisher: RealtimePublisher,
  ) {}

  /**
   * Ends the live state; null when someone else already ended it. With `persist` (the default)
   * MongoDB is updated before returning; the sweeper passes false and persists in the background.
   */
  async end(classId: string, { persist = true } = {}): Promise<Date | null> {
    const result = await this.presence.end(classId);
    if (!result.ended) return null;
    const endedAt = new Date(result.endedAt);
    this.publisher.classEnded({ classId, endedAt: endedAt.toISOString() });
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

  /** Writes the end to MongoDB: the class status and every queued stay. False when it must be retried. */
  async persistEnd(classId: string, endedAt: Date): Promise<boolean> {
    try {
      await this.classes.markEnded(classId, endedAt);
    } catch (error) {
      this.logger.warn(`End of class ${classId} waits for MongoDB: ${(error as Error).message}`);
      return false;
    }
    return this.attendance.tryDrainOutbox(classId);
  }
}
