import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { AttendanceWriter } from '../attendance';
import { ClassEvents } from '../class-events';
import { ClassEnd } from '../classes';
import { TranscriptWriter } from '../comments';
import { LiveClasses, PresenceSettings, PresenceSweep } from '../presence';

/** Classes taken from one bucket per pass; the rest wait for the next pass. */
const BATCH = 200;
/** While a sweeper works on a class, others skip it for this long (then it is due again). */
const LEASE_MS = 10_000;
/** How soon to retry a class whose MongoDB writes failed. */
const RETRY_MS = 2_000;

/**
 * Runs on every instance: takes the classes that are due and sweeps them (silent sockets out,
 * attendance queued), auto-ends classes whose teacher is gone past the grace, and writes queued
 * attendance and comment transcripts to MongoDB (comments in batches while live), retrying while
 * it is down. Safe to run on any number of instances at
 * once; each removal happens exactly once in a Lua script.
 */
@Injectable()
export class SweeperService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SweeperService.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly background = new Set<Promise<unknown>>();

  constructor(
    private readonly sweep: PresenceSweep,
    private readonly live: LiveClasses,
    private readonly settings: PresenceSettings,
    private readonly attendance: AttendanceWriter,
    private readonly transcript: TranscriptWriter,
    private readonly classEnd: ClassEnd,
    private readonly events: ClassEvents,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.sweepOnce().finally(() => (this.running = null));
    }, this.settings.sweepIntervalMs);
    this.timer.unref();
  }

  /** Finishes the pass in progress before Redis and the Socket.IO server close. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await Promise.all(this.background);
  }

  /** One pass over every bucket. */
  async sweepOnce(): Promise<void> {
    for (let bucket = 0; bucket < this.sweep.buckets; bucket++) {
      try {
        const due = await this.sweep.takeDue(bucket, BATCH, Date.now() + LEASE_MS);
        await Promise.all(due.map((classId) => this.sweepClass(classId)));
      } catch (error) {
        this.logger.warn(`Sweep of bucket ${bucket} failed: ${(error as Error).message}`);
      }
    }
  }

  /**
   * Sweeps one class and schedules its next look. Only Redis work is awaited here; MongoDB
   * writes run in the background (their lease keeps other sweepers off), so a slow or absent
   * MongoDB never delays the removal of silent participants.
   */
  async sweepClass(classId: string): Promise<void> {
    const sweptAt = Date.now();
    // The transcript's backlog is read alongside the sweep (same slot, one round trip).
    const [result, comments] = await Promise.all([
      this.sweep.sweep(classId),
      this.transcript.liveFlush(classId, sweptAt),
    ]);
    if (result.status !== 'LIVE') return this.inBackground(this.finishEnded(classId));
    if (result.endedUserIds.length) {
      this.events.staysEnded(classId, result.endedUserIds);
      this.events.countChanged(classId);
    }
    if (result.teacherExpired) {
      this.logger.log(
        `Class ${classId} auto-ends: its teacher has been gone past the grace period`,
      );
      await this.classEnd.endLive(classId, { persist: false });
      return this.inBackground(this.finishEnded(classId));
    }
    if (result.outboxLength > 0) this.inBackground(this.attendance.tryDrain(classId));
    if (comments.drainNow) this.inBackground(this.transcript.tryDrain(classId));
    const retry = result.outboxLength > 0 || comments.drainNow ? sweptAt + RETRY_MS : Infinity;
    await this.sweep.reschedule(
      classId,
      Math.min(
        result.nextDeadline,
        sweptAt + this.settings.ttlMs,
        retry,
        comments.nextLookAt ?? Infinity,
      ),
    );
  }

  private inBackground(work: Promise<unknown>): void {
    const tracked = work
      .catch((error: Error) => this.logger.warn(`Background sweep work failed: ${error.message}`))
      .finally(() => this.background.delete(tracked));
    this.background.add(tracked);
  }

  /**
   * An ended (or expired) class stays scheduled until MongoDB has its end, every stay and every
   * comment (both outboxes empty).
   */
  private async finishEnded(classId: string): Promise<void> {
    const meta = await this.live.meta(classId);
    const persisted = meta?.endedAt
      ? await this.classEnd.persistEnd(classId, new Date(meta.endedAt))
      : await this.classEnd.drainOutboxes(classId);
    await this.sweep.reschedule(classId, persisted ? null : Date.now() + RETRY_MS);
  }
}
