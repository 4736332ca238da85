import { Injectable, Logger } from '@nestjs/common';
import type { AttendanceReport, MyAttendanceItem } from '@llms/contract';
import { PresenceService } from '../presence/presence.service';
import type { StayRecord } from '../presence/presence.types';
import { UsersService } from '../users/users.service';
import { buildAttendanceReport } from './attendance-report';
import { AttendanceRepository } from './attendance.repository';

const DRAIN_BATCH = 200;

/** Stable idempotency key of a stay: a user cannot begin two stays of a class in the same ms. */
export const stayKey = (s: Pick<StayRecord, 'classId' | 'userId' | 'joinedAt'>) =>
  `${s.classId}:${s.userId}:${s.joinedAt}`;

/**
 * Attendance: moves finished stays from the Redis outbox of a class into MongoDB exactly once,
 * and reads reports. A record leaves the outbox only after MongoDB has it, so when MongoDB is
 * down records wait in Redis and the sweeper retries.
 */
@Injectable()
export class AttendanceService {
  private readonly logger = new Logger(AttendanceService.name);
  /** One drain per class at a time on this instance (others may drain concurrently: still safe). */
  private readonly draining = new Map<string, Promise<number>>();

  constructor(
    private readonly attendance: AttendanceRepository,
    private readonly presence: PresenceService,
    private readonly users: UsersService,
  ) {}

  /** Writes every queued stay of a class; returns how many it wrote. Throws when MongoDB fails. */
  drainOutbox(classId: string): Promise<number> {
    const running = this.draining.get(classId);
    if (running) return running;
    const run = this.drain(classId).finally(() => this.draining.delete(classId));
    this.draining.set(classId, run);
    return run;
  }

  /** Like drainOutbox, but logs instead of throwing: the sweeper retries what is left. */
  async tryDrainOutbox(classId: string): Promise<boolean> {
    try {
      await this.drainOutbox(classId);
      return true;
    } catch (error) {
      this.logger.warn(
        `Attendance of class ${classId} waits in Redis: ${(error as Error).message}`,
      );
      return false;
    }
  }

  private async drain(classId: string): Promise<number> {
    let written = 0;
    for (;;) {
      const batch = await this.presence.peekOutbox(classId, DRAIN_BATCH);
      if (batch.length === 0) return written;
      written += await this.attendance.insertOnce(
        batch.map(({ record }) => ({
          _id: stayKey(record),
          userId: record.userId,
          classId: record.classId,
          classTitle: record.classTitle,
          joinedAt: new Date(record.joinedAt),
          leftAt: new Date(record.leftAt),
          durationSeconds: Math.max(0, Math.round((record.leftAt - record.joinedAt) / 1000)),
        })),
      );
      // Only once MongoDB has the whole batch do its entries leave the outbox (pipelined).
      await Promise.all(batch.map(({ raw }) => this.presence.ackOutbox(classId, raw)));
    }
  }

  async report(classId: string): Promise<AttendanceReport> {
    const records = await this.attendance.findByClass(classId);
    const users = await this.users.findByIds([...new Set(records.map((r) => r.userId))]);
    return buildAttendanceReport(records, new Map(users.map((u) => [u.id, u.name])));
  }

  async mine(userId: string, limit = 200): Promise<MyAttendanceItem[]> {
    const records = await this.attendance.findByUser(userId, limit);
    return records.map((r) => ({
      classId: r.classId,
      classTitle: r.classTitle,
      joinedAt: r.joinedAt.toISOString(),
      leftAt: r.leftAt.toISOString(),
      durationSeconds: r.durationSeconds,
    }));
  }
}
