import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { isCanonicalId, type CommentMessage } from '@llms/contract';
import { AppError } from '@llms/errors';
import { appConfig, type AppConfig } from '../../config/app.config';
import { ClassEvents } from '../class-events';
import { PresenceSettings } from '../presence';
import { RateLimitService } from '../rate-limit';
import { CommentStore } from './comment-store';
import { TRANSCRIPT_BATCH, TranscriptWriter } from './transcript-writer';
import { type Actor } from '../../common/auth';

/**
 * Live comments: who may post (the class's teacher and participants, within the per-user rate),
 * their broadcast, and the recent comments late joiners and the teacher's new tabs receive.
 * Every accepted comment is also queued for the class's transcript (see TranscriptWriter).
 */
@Injectable()
export class CommentsService {
  private readonly perMinute: number;

  constructor(
    private readonly store: CommentStore,
    private readonly transcript: TranscriptWriter,
    private readonly settings: PresenceSettings,
    private readonly rateLimits: RateLimitService,
    private readonly events: ClassEvents,
    @Inject(appConfig.KEY) config: AppConfig,
  ) {
    this.perMinute = config.realtime.commentRateLimitPerMinute;
  }

  async post(author: Actor, classId: string, text: string): Promise<CommentMessage> {
    if (!isCanonicalId(classId)) throw new AppError('CLASS_NOT_FOUND', 'No such class');
    const limit = await this.rateLimits.consume(`comment:{u:${author.id}}`, this.perMinute, 60);
    if (!limit.allowed) {
      throw new AppError(
        'RATE_LIMITED',
        `Too many comments; try again in ${limit.retryAfterSeconds} s`,
      );
    }
    const pushed = await this.store.push({
      id: randomUUID(),
      classId,
      author: { id: author.id, name: author.name },
      text,
      sentAt: new Date().toISOString(),
    });
    if (!pushed) throw new AppError('NOT_IN_CLASS', 'Join the class to comment');
    this.events.commentPosted(pushed.comment);
    // A busy class fills a batch before the sweeper's next look: the one post that completes
    // it (exactly one per batch, across instances) starts the write.
    if (pushed.transcriptBacklog % TRANSCRIPT_BATCH === 0) void this.transcript.tryDrain(classId);
    return pushed.comment;
  }

  /** The recent comments of a class, oldest first (the JOIN_CLASS ack carries them). */
  recent(classId: string): Promise<CommentMessage[]> {
    return this.store.recent(classId);
  }

  /** The class has ended: its recent comments stay readable for a while, then expire. */
  async classEnded(classId: string): Promise<void> {
    await this.store.expireAfterEnd(classId, this.settings.endedRetentionMs);
  }
}
