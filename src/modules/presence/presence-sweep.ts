import { Inject, Injectable } from '@nestjs/common';
import { REDIS_CLIENT, type RedisClient } from '@llms/redis';
import { ActiveClassClaims } from './active-class.claims';
import { presenceKeys, SWEEP_BUCKETS } from './presence.keys';
import { PRESENCE_SCRIPTS, type PresenceScripts } from './presence.scripts';
import { PresenceSettings } from './presence.settings';
import type { SweepResult } from './presence.types';

/**
 * Sweeping silent sockets out of live classes, exactly once: the per-class sweep script and the
 * schedule of when each class next needs a look (16 buckets of classId -> due time).
 */
@Injectable()
export class PresenceSweep {
  readonly buckets = SWEEP_BUCKETS;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    @Inject(PRESENCE_SCRIPTS) private readonly scripts: PresenceScripts,
    private readonly claims: ActiveClassClaims,
    private readonly settings: PresenceSettings,
  ) {}

  /** Runs the sweep of one class and releases the claims of users whose stays it ended. */
  async sweep(classId: string): Promise<SweepResult> {
    const reply = await this.scripts.sweepClass(
      ...presenceKeys.classScriptKeys(classId),
      this.settings.now(),
      classId,
    );
    const [status, nextDeadline, outboxLength, teacherExpired, participantCount, ...ended] = reply;
    const endedUserIds = ended.map(String);
    const ttl = this.settings.participantClaimTtlMs;
    await Promise.all(
      endedUserIds.map((userId) => this.claims.releaseAfterStay(userId, classId, ttl)),
    );
    return {
      status: status as SweepResult['status'],
      nextDeadline: Number(nextDeadline),
      outboxLength: Number(outboxLength),
      teacherExpired: Number(teacherExpired) === 1,
      participantCount: Number(participantCount),
      endedUserIds,
    };
  }

  /** Leases up to `limit` due classes of bucket `bucket` (0 ≤ bucket < buckets) until `leaseUntil`. */
  takeDue(bucket: number, limit: number, leaseUntil: number): Promise<string[]> {
    return this.scripts.claimDueClasses(
      presenceKeys.sweepBucket(bucket),
      this.settings.now(),
      leaseUntil,
      limit,
    );
  }

  /**
   * Sets when a class next needs a look, or forgets it (null) once it has nothing left to do.
   * For a live class the caller passes min(sweep's next deadline, sweep time + TTL): any socket
   * that joins after the sweep has a deadline of at least its join time + TTL, so the schedule
   * is never later than any socket's deadline and no join has to touch the shared bucket.
   */
  async reschedule(classId: string, next: number | null): Promise<void> {
    const bucket = presenceKeys.sweepBucketOf(classId);
    if (next === null) await this.redis.zrem(bucket, classId);
    else await this.redis.zadd(bucket, next, classId);
  }

  /** Brings a class's next look forward to `at` (never later than it already is). */
  async lookNoLaterThan(classId: string, at: number): Promise<void> {
    await this.redis.zadd(presenceKeys.sweepBucketOf(classId), 'LT', at, classId);
  }
}
