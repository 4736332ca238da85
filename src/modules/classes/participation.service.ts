import { Injectable } from '@nestjs/common';
import type { JoinClassResult } from '@llms/contract';
import { AppError } from '@llms/errors';
import { AttendanceService } from '../attendance/attendance.service';
import type { AuthUser } from '../../common/auth';
import { CommentsService } from '../comments/comments.service';
import { PresenceService } from '../presence/presence.service';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { ClassesRepository } from './classes.repository';

/** Joining, leaving and staying present in a live class, one socket at a time. */
@Injectable()
export class ParticipationService {
  constructor(
    private readonly presence: PresenceService,
    private readonly classes: ClassesRepository,
    private readonly attendance: AttendanceService,
    private readonly comments: CommentsService,
    private readonly publisher: RealtimePublisher,
  ) {}

  async join(user: AuthUser, classId: string, socketId: string): Promise<JoinClassResult> {
    const result = await this.presence.join(user.id, classId, socketId);
    switch (result.outcome) {
      case 'JOINED': {
        if (result.newStay) void this.publisher.participantCountChanged(classId);
        const recentComments = await this.comments.recent(classId);
        return { classId, participantCount: result.participantCount, recentComments };
      }
      case 'ALREADY_ACTIVE':
        throw new AppError('ALREADY_ACTIVE', 'You are already active in a class; leave it first', [
          { field: 'activeClassId', message: result.activeClassId },
        ]);
      case 'FULL':
        throw new AppError('CLASS_FULL', 'The class is full');
      case 'NOT_LIVE': {
        const record = await this.classes.findById(classId);
        if (!record) throw new AppError('CLASS_NOT_FOUND', 'No such class');
        throw new AppError(
          'CLASS_NOT_LIVE',
          record.status === 'ENDED' ? 'The class has ended' : 'The class has not started',
        );
      }
    }
  }

  /**
   * LEAVE_CLASS: the user leaves, from any of their sockets or devices; every tab of theirs is
   * out (they stop following the class) and the stay ends and is written.
   */
  async leave(user: AuthUser, classId: string): Promise<void> {
    const { outcome } = await this.presence.leaveUser(user.id, classId);
    if (outcome === 'NOT_IN') throw new AppError('NOT_IN_CLASS', 'You are not in this class');
    this.publisher.unfollowClass(user.id, classId);
    this.stayEnded(classId);
  }

  /** A disconnect: that socket leaves; the stay ends only when it was the user's last socket. */
  async disconnect(user: AuthUser, classId: string, socketId: string): Promise<void> {
    const { outcome } = await this.presence.leaveSocket(user.id, classId, socketId);
    if (outcome === 'LEFT') this.stayEnded(classId);
  }

  private stayEnded(classId: string): void {
    void this.publisher.participantCountChanged(classId);
    void this.attendance.tryDrainOutbox(classId);
  }

  /**
   * Keeps a socket present: as a participant of `classId` when given, else as the teacher of
   * the class the user is active in (if any). Returns false when the participant was already
   * removed (swept or class ended), so the client should join again.
   */
  async heartbeat(user: AuthUser, classId: string | null, socketId: string): Promise<boolean> {
    if (classId) return this.presence.touchParticipant(user.id, classId, socketId);
    const active = await this.presence.getActiveClassId(user.id);
    if (active) await this.presence.touchTeacher(user.id, active);
    return true;
  }

  /** The live class a user teaches right now, if any (their sockets follow it). */
  async taughtClassId(userId: string): Promise<string | null> {
    const active = await this.presence.getActiveClassId(userId);
    if (!active) return null;
    const meta = await this.presence.getLiveMeta(active);
    return meta?.status === 'LIVE' && meta.teacherId === userId ? active : null;
  }
}
