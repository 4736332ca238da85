import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { RECENT_COMMENTS_KEPT, type CommentMessage } from '@llms/contract';
import { AppError } from '@llms/errors';
import { appConfig, type AppConfig } from '../../config/app.config';
import type { AuthUser } from '../../common/auth';
import { PresenceService } from '../presence/presence.service';
import { RateLimitService } from '../rate-limit/rate-limit.service';
import { RealtimePublisher } from '../realtime/realtime.publisher';

/**
 * Live comments: ephemeral, never written to MongoDB. The last 50 of a class stay in Redis for
 * late joiners and expire after the class ends.
 */
@Injectable()
export class CommentsService {
  private readonly perMinute: number;

  constructor(
    private readonly presence: PresenceService,
    private readonly rateLimits: RateLimitService,
    private readonly publisher: RealtimePublisher,
    @Inject(appConfig.KEY) config: AppConfig,
  ) {
    this.perMinute = config.realtime.commentRateLimitPerMinute;
  }

  async send(author: AuthUser, classId: string, text: string): Promise<CommentMessage> {
    const limit = await this.rateLimits.consume(`comment:{u:${author.id}}`, this.perMinute, 60);
    if (!limit.allowed) {
      throw new AppError(
        'RATE_LIMITED',
        `Too many comments; try again in ${limit.retryAfterSeconds} s`,
      );
    }
    const meta = await this.presence.getLiveMeta(classId);
    const role = meta?.teacherId === author.id ? 'TEACHER' : 'STUDENT';
    const comment: CommentMessage = {
      id: randomUUID(),
      classId,
      author: { id: author.id, name: author.name, role },
      text,
      sentAt: new Date().toISOString(),
    };
    if (
      !(await this.presence.pushComment(
        classId,
        author.id,
        JSON.stringify(comment),
        RECENT_COMMENTS_KEPT,
      ))
    ) {
      throw new AppError('NOT_IN_CLASS', 'Join the class to comment');
    }
    this.publisher.comment(comment);
    return comment;
  }

  /** The recent comments, for the class's teacher or a participant (e.g. a teacher's new tab). */
  async recentFor(user: AuthUser, classId: string): Promise<CommentMessage[]> {
    if (!(await this.presence.isMember(classId, user.id))) {
      throw new AppError(
        'NOT_IN_CLASS',
        'Only the teacher and participants of a class read its comments',
      );
    }
    return this.recent(classId);
  }

  async recent(classId: string): Promise<CommentMessage[]> {
    const raw = await this.presence.recentComments(classId, RECENT_COMMENTS_KEPT);
    return raw.map((entry) => JSON.parse(entry) as CommentMessage);
  }
}
