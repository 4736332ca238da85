import { Injectable } from '@nestjs/common';
import { isCanonicalId } from '@llms/contract';
import { AppError } from '@llms/errors';
import { classNotFound } from '../classes';
import { Admission } from '../presence';
import { type Actor } from '../../common/auth';
import { LeaveSocket } from './leave-socket.usecase';

/**
 * LEAVE_CLASS: the user leaves a class on purpose, from any of their sockets or devices. Every
 * socket of theirs stops following the class, the stay ends and its attendance is written.
 */
@Injectable()
export class LeaveClass {
  constructor(
    private readonly admission: Admission,
    private readonly leaveSocket: LeaveSocket,
  ) {}

  async execute(user: Actor, classId: string): Promise<void> {
    if (!isCanonicalId(classId)) throw classNotFound();
    const { outcome } = await this.admission.leaveUser(user.id, classId);
    if (outcome === 'NOT_IN') throw new AppError('NOT_IN_CLASS', 'You are not in this class');
    this.leaveSocket.staysEnded(classId, [user.id]);
  }
}
