import { Injectable } from '@nestjs/common';
import { isCanonicalId, type JoinClassResult } from '@llms/contract';
import { AppError } from '@llms/errors';
import { ClassEvents } from '../class-events';
import { alreadyActive, classNotFound, ClassesService } from '../classes';
import { CommentsService } from '../comments';
import { Admission } from '../presence';
import { type Actor } from '../../common/auth';

/**
 * JOIN_CLASS: a socket of a user joins a live class with its join code. Where a join is
 * decided: the presence Admission (one active class per user; live, right code, capacity), then
 * the answers the client sees.
 */
@Injectable()
export class JoinClass {
  constructor(
    private readonly admission: Admission,
    private readonly classes: ClassesService,
    private readonly comments: CommentsService,
    private readonly events: ClassEvents,
  ) {}

  async execute(
    user: Actor,
    classId: string,
    joinCode: string,
    socketId: string,
  ): Promise<JoinClassResult> {
    if (!isCanonicalId(classId)) throw classNotFound();
    // Issued together: the recent comments' read goes out in the same pipelined write as the
    // join's first call (the claim on the user's slot; ioredis auto-pipelining), so it costs no
    // round trip of its own. The comments read for a join that fails are dropped.
    const [result, recentComments] = await Promise.all([
      this.admission.join(user, classId, joinCode, socketId),
      this.comments.recent(classId),
    ]);
    switch (result.outcome) {
      case 'JOINED': {
        if (result.newStay) this.events.countChanged(classId);
        return { classId, participantCount: result.participantCount, recentComments };
      }
      case 'ALREADY_ACTIVE':
        throw alreadyActive(result.activeClassId);
      case 'FULL':
        throw new AppError('CLASS_FULL', 'The class is full');
      case 'WRONG_CODE':
        throw classNotFound();
      case 'NOT_LIVE': {
        // Not live in Redis: unknown (or the code is not its code), not started yet, or ended.
        const record = await this.classes.load(classId);
        if (record.joinCode !== joinCode) throw classNotFound();
        throw new AppError(
          'CLASS_NOT_LIVE',
          record.status === 'ENDED' ? 'The class has ended' : 'The class has not started',
        );
      }
    }
  }
}
