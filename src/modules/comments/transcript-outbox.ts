import { Inject, Injectable } from '@nestjs/common';
import type { CommentMessage } from '@llms/contract';
import { REDIS_CLIENT, type RedisClient } from '@llms/redis';
import { COMMENTS_SCRIPTS, type CommentsScripts } from './comments.scripts';
import { commentsKeys } from './comments.keys';

/** A comment waiting in a class's transcript outbox, with its place in the transcript. */
export interface QueuedComment {
  seq: number;
  comment: CommentMessage;
}

/** What the sweeper needs to know about a class's transcript outbox. */
export interface TranscriptBacklog {
  length: number;
  /** When the oldest queued comment was sent (ms), or null when nothing is queued. */
  oldestSentAt: number | null;
}

/**
 * The Redis side of the comment transcript of a class: a LIST in the class's slot that the push
 * script appends to in the same step that accepts a comment, drained into MongoDB in batches.
 * Entries are in sequence order and leave only from the head, once MongoDB holds them.
 */
@Injectable()
export class TranscriptOutbox {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    @Inject(COMMENTS_SCRIPTS) private readonly scripts: CommentsScripts,
  ) {}

  /** The oldest queued comments of a class, up to `limit`, in transcript order. */
  async peek(classId: string, limit: number): Promise<QueuedComment[]> {
    const entries = await this.redis.lrange(commentsKeys.transcriptOutbox(classId), 0, limit - 1);
    return entries.map((entry) => JSON.parse(entry) as QueuedComment);
  }

  /** Removes the queued comments up to sequence `upToSeq` (MongoDB has them); returns how many. */
  remove(classId: string, upToSeq: number): Promise<number> {
    return this.scripts.ackTranscript(commentsKeys.transcriptOutbox(classId), upToSeq);
  }

  /** How much waits, and since when (one round trip). */
  async backlog(classId: string): Promise<TranscriptBacklog> {
    const key = commentsKeys.transcriptOutbox(classId);
    const [length, head] = await Promise.all([this.redis.llen(key), this.redis.lindex(key, 0)]);
    if (!head) return { length, oldestSentAt: null };
    const { comment } = JSON.parse(head) as QueuedComment;
    return { length, oldestSentAt: Date.parse(comment.sentAt) };
  }
}
