import { Inject, Injectable } from '@nestjs/common';
import { LIMITS, type CommentMessage } from '@llms/contract';
import { REDIS_CLIENT, type RedisClient } from '@llms/redis';
import { presenceKeys } from '../presence';
import { COMMENTS_SCRIPTS, type CommentsScripts } from './comments.scripts';
import { commentsKeys } from './comments.keys';

/** A comment before the store has stamped its author's role. */
export type NewComment = Omit<CommentMessage, 'author'> & { author: { id: string; name: string } };

/** A stored comment and how many comments of its class wait for MongoDB now. */
export interface PushedComment {
  comment: CommentMessage;
  transcriptBacklog: number;
}

/**
 * The Redis side of live comments: the last LIMITS.RECENT_COMMENTS_KEPT of each class, kept for
 * late joiners, written only by members of the live class (checked in the same script), which
 * also queues every comment for the class's transcript in MongoDB.
 */
@Injectable()
export class CommentStore {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    @Inject(COMMENTS_SCRIPTS) private readonly scripts: CommentsScripts,
  ) {}

  /** Stores a comment of a live class; null when its author is not in the class. */
  async push(comment: NewComment): Promise<PushedComment | null> {
    const reply = await this.scripts.pushComment(
      presenceKeys.meta(comment.classId),
      presenceKeys.participants(comment.classId),
      commentsKeys.recent(comment.classId),
      commentsKeys.sequence(comment.classId),
      commentsKeys.transcriptOutbox(comment.classId),
      JSON.stringify(comment),
      LIMITS.RECENT_COMMENTS_KEPT,
      comment.author.id,
    );
    if (!reply) return null;
    const [stored, backlog] = reply;
    return { comment: JSON.parse(stored) as CommentMessage, transcriptBacklog: Number(backlog) };
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

  /**
   * After the end, the recent comments stay readable for `retentionMs`, then go, and so does the
   * sequence counter (no comment is accepted once the class ended). The transcript outbox never
   * expires: it empties as MongoDB takes it.
   */
  async expireAfterEnd(classId: string, retentionMs: number): Promise<void> {
    await Promise.all([
      this.redis.pexpire(commentsKeys.recent(classId), retentionMs),
      this.redis.pexpire(commentsKeys.sequence(classId), retentionMs),
    ]);
  }
}
