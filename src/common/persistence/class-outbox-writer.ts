import { Logger } from '@nestjs/common';

/**
 * What the writers of a class's Redis outbox into MongoDB share (attendance stays, comment
 * transcripts): one drain per class at a time on this instance (a caller during a run shares
 * it; other instances may drain concurrently, which is safe because every write is idempotent),
 * and a `tryDrain` that logs instead of throwing, since the sweeper retries whatever is left.
 */
export abstract class ClassOutboxWriter {
  private readonly draining = new Map<string, Promise<number>>();

  protected constructor(
    private readonly logger: Logger,
    /** What the outbox holds, for the log line: "stays", "comments". */
    private readonly contents: string,
  ) {}

  /** Writes everything queued for a class; returns how many it wrote. Throws when MongoDB fails. */
  drain(classId: string): Promise<number> {
    const running = this.draining.get(classId);
    if (running) return running;
    const run = this.drainAll(classId).finally(() => this.draining.delete(classId));
    this.draining.set(classId, run);
    return run;
  }

  /** Like drain, but logs instead of throwing: the sweeper retries what is left. */
  async tryDrain(classId: string): Promise<boolean> {
    try {
      await this.drain(classId);
      return true;
    } catch (error) {
      this.logger.warn(
        `Queued ${this.contents} of class ${classId} kept in Redis: ${(error as Error).message}`,
      );
      return false;
    }
  }

  /** Moves batches from the outbox into MongoDB until it is empty; returns how many it wrote. */
  protected abstract drainAll(classId: string): Promise<number>;
}
