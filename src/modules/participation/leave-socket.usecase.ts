import { Injectable } from '@nestjs/common';
import { AttendanceWriter } from '../attendance';
import { ClassEvents } from '../class-events';
import { Admission } from '../presence';

/**
 * A socket in a class is gone (disconnect): that socket leaves; the user's stay ends only when
 * it was their last socket in the class, and then its attendance is written.
 */
@Injectable()
export class LeaveSocket {
  constructor(
    private readonly admission: Admission,
    private readonly attendance: AttendanceWriter,
    private readonly events: ClassEvents,
  ) {}

  async execute(userId: string, classId: string, socketId: string): Promise<void> {
    const { outcome } = await this.admission.leaveSocket(userId, classId, socketId);
    if (outcome === 'LEFT') this.staysEnded(classId, [userId]);
  }

  /** Stays of the class ended here: their sockets stop following it, count and attendance follow. */
  staysEnded(classId: string, userIds: string[]): void {
    if (userIds.length === 0) return;
    this.events.staysEnded(classId, userIds);
    this.events.countChanged(classId);
    void this.attendance.tryDrain(classId);
  }
}
