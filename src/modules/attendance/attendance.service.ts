import { Injectable } from '@nestjs/common';
import type { AttendanceReport, MyAttendanceItem } from '@llms/contract';
import { buildAttendanceReport } from './attendance-report';
import { AttendanceRepository } from './attendance.repository';

/** Reading attendance: a class's report (for its teacher) and a user's own history. */
@Injectable()
export class AttendanceService {
  constructor(private readonly attendance: AttendanceRepository) {}

  /** The report of a class; `commentCount` comes from its transcript. */
  async report(classId: string, commentCount = 0): Promise<AttendanceReport> {
    return buildAttendanceReport(await this.attendance.findByClass(classId), commentCount);
  }

  /** Whether the user has attended the class (at least one finished stay). */
  attended(classId: string, userId: string): Promise<boolean> {
    return this.attendance.attended(classId, userId);
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
