import { Injectable } from '@nestjs/common';
import type { AttendanceReport, MyAttendanceItem } from '@llms/contract';
import { buildAttendanceReport } from './attendance-report';
import { AttendanceRepository } from './attendance.repository';
import { AttendanceWriter } from './attendance-writer';

/**
 * Reading attendance: a class's report (for its teacher), whether someone attended a class, and a
 * user's own history. Reads about one class first write what still waits in its outbox (usually
 * nothing: one Redis read), so a stay that has just ended is already there.
 */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly attendance: AttendanceRepository,
    private readonly writer: AttendanceWriter,
  ) {}

  /** The report of a class; `commentCount` comes from its transcript. */
  async report(classId: string, commentCount = 0): Promise<AttendanceReport> {
    await this.writer.drain(classId);
    return buildAttendanceReport(await this.attendance.findByClass(classId), commentCount);
  }

  /** Whether the user has a finished stay in the class (one indexed lookup). */
  async attended(classId: string, userId: string): Promise<boolean> {
    if (await this.attendance.attended(classId, userId)) return true;
    // A stay that just ended may still wait in the outbox: write it, then look again.
    await this.writer.drain(classId);
    return this.attendance.attended(classId, userId);
  }

  /** The user's stays, newest first (without the class lengths: see ClassReports.myAttendance). */
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
