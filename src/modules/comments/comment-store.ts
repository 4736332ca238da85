import { Inject, Injectable } from '@nestjs/common';
import { LIMITS, type CommentMessage } from '@llms/contract';
import { REDIS_CLIENT, type RedisClient } from '@llms/redis';
import { presenceKeys } from '../presence';
import { COMMENTS_SCRIPTS, type CommentsScripts } from './comments.scripts';
import { commentsKeys } from './comments.keys';

/** A comment before the store has stamped its author's role. */
export type NewComment = Omit<CommentMessage, 'author'> & { author: { id: string; name: string } };

/**
 * The Redis side of live comments: the last LIMITS.RECENT_COMMENTS_KEPT of each class, kept for
 * late joiners, written only by members of the live class (checked in the same script).
 */
@Injectable()
export class CommentStore {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    @Inject(COMMENTS_SCRIPTS) private readonly scripts: CommentsScripts,
  ) {}

  /** Stores a comment of a live class; null when its author is not in the class. */
  async push(comment: NewComment): Promise<CommentMessage | null> {
    const stored = await this.scripts.pushComment(
      presenceKeys.meta(comment.classId),
      presenceKeys.participants(comment.classId),
      commentsKeys.recent(comment.classId),
      JSON.stringify(comment),
      LIMITS.RECENT_COMMENTS_KEPT,
      comment.author.id,
    );
    return stored ? (JSON.parse(stored) as CommentMessage) : null;
  }

  /** The class's recent comments, oldest first. */
  async recent(classId: string): Promise<CommentMessage[]> {
    const newestFirst = await this.redis.lrange(
      commentsKeys.recent(classId),
      0,
      LIMITS.RECENT_COMMENTS_KEPT - 1,
    );
    return newestFirst.reverse().map((entry) => JSON.parse(entry) as CommentMessage);
  }

  /** After the end, the recent comments stay readable for `retentionMs`, then go. */
  async expireAfterEnd(classId: string, retentionMs: number): Promise<void> {
    await this.redis.pexpire(commentsKeys.recent(classId), retentionMs);
  }
}
