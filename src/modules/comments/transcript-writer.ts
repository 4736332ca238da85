import { Injectable, Logger } from '@nestjs/common';
import { ClassOutboxWriter } from '../../common/persistence/class-outbox-writer';
import { CommentsRepository } from './comments.repository';
import { TranscriptOutbox } from './transcript-outbox';

/** Comments written to MongoDB per insertMany. */
export const TRANSCRIPT_BATCH = 200;
/** While a class is live, a queued comment waits at most about this long for its batch. */
export const TRANSCRIPT_FLUSH_MS = 5_000;

/** What the sweeper should do about a live class's transcript now. */
export interface LiveFlush {
  /** Write now (a full batch waits, or the oldest comment waited long enough). */
  drainNow: boolean;
  /** When the class should be looked at again for its transcript (ms), or null: nothing queued. */
  nextLookAt: number | null;
}

/**
 * Where comment transcripts are written: moves a class's queued comments from its Redis outbox
 * into MongoDB in batches (insertMany, unordered, `_id` = the comment's id, so a batch written
 * twice is stored once), removing them from Redis only once MongoDB has them. Never a write per
 * comment while live: the sweeper flushes a batch when it is full or its oldest comment has
 * waited TRANSCRIPT_FLUSH_MS; when MongoDB is down the comments wait in Redis and it retries.
 */
@Injectable()
export class TranscriptWriter extends ClassOutboxWriter {
  constructor(
    private readonly outbox: TranscriptOutbox,
    private readonly comments: CommentsRepository,
  ) {
    super(new Logger(TranscriptWriter.name), 'comments');
  }

  /** The flush policy of a live class, from its backlog (one Redis round trip). */
  async liveFlush(classId: string, now: number): Promise<LiveFlush> {
    const { length, oldestSentAt } = await this.outbox.backlog(classId);
    if (length === 0 || oldestSentAt === null) return { drainNow: false, nextLookAt: null };
    const dueAt = oldestSentAt + TRANSCRIPT_FLUSH_MS;
    if (length >= TRANSCRIPT_BATCH || dueAt <= now) return { drainNow: true, nextLookAt: null };
    return { drainNow: false, nextLookAt: dueAt };
  }

  protected async drainAll(classId: string): Promise<number> {
    let written = 0;
    for (;;) {
      const batch = await this.outbox.peek(classId, TRANSCRIPT_BATCH);
      if (batch.length === 0) return written;
      written += await this.comments.insertOnce(batch);
      // Only once MongoDB has the whole batch do its entries leave the outbox.
      await this.outbox.remove(classId, batch[batch.length - 1].seq);
    }
  }
}
