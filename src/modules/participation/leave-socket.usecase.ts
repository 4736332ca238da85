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
    if (outcome !== 'LEFT') return;
    this.events.staysEnded(classId, [userId]);
    this.events.countChanged(classId);
    void this.attendance.tryDrain(classId);
  }
}
