import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { join } from 'node:path';
import { defineLuaCommands, REDIS_CLIENT, type RedisClient } from '@llms/redis';
import { appConfig, type AppConfig } from '../../config/app.config';
import { presenceKeys } from './presence.keys';
import type {
  AdmitOutcome,
  EndResult,
  JoinResult,
  LeaveOutcome,
  LiveClassMeta,
  StayRecord,
  SweepResult,
} from './presence.types';

type Reply = Promise<(string | number)[]>;
type ClassKeys = ReturnType<typeof presenceKeys.classKeys>;

/** The commands defined from lua/*.lua (see each file's header for KEYS and ARGV). */
interface PresenceCommands {
  admitParticipant(...args: [...ClassKeys, string, string, number, number]): Reply;
  leaveSocket(...args: [...ClassKeys, string, string, number, string]): Reply;
  leaveUser(...args: [...ClassKeys, string, number, string]): Reply;
  touchSocket(...args: [...ClassKeys, string, number]): Promise<number>;
  touchTeacher(...args: [...ClassKeys, string, number]): Promise<number>;
  openClass(
    ...args: [...ClassKeys, number, string, number, string, number, string, number]
  ): Promise<number>;
  endClass(...args: [...ClassKeys, number, string, number]): Reply;
  sweepClass(...args: [...ClassKeys, number, string]): Reply;
  pushComment(...args: [...ClassKeys, string, number, string]): Promise<number>;
  claimUser(key: string, classId: string, ttlMs: number): Promise<[string, string]>;
  touchUser(key: string, classId: string, ttlMs: number): Promise<number>;
  releaseUser(key: string, classId: string): Promise<number>;
  claimDueClasses(key: string, now: number, leaseUntil: number, limit: number): Promise<string[]>;
}

/** How long an ended class's meta and comments stay readable (late "class ended" lookups). */
const ENDED_RETENTION_MS = 60 * 60 * 1000;

/**
 * Presence in Redis: the single-active-class claim per user, capacity-checked admission,
 * heartbeats, sweeping of silent sockets and the per-class attendance outbox. Every multi-key
 * operation is one Lua script on one hash tag; see docs/presence.md for the protocol.
 */
@Injectable()
export class PresenceService implements OnModuleInit {
  private readonly commands: PresenceCommands;
  readonly ttlMs: number;
  readonly sweepIntervalMs: number;
  /** Participant claims outlive the presence deadline by two sweeps, so the sweeper releases them. */
  readonly participantClaimTtlMs: number;
  readonly teacherGraceMs: number;
  /** Time source (ms); tests move it forward instead of sleeping. */
  clock: () => number = Date.now;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    @Inject(appConfig.KEY) config: AppConfig,
  ) {
    this.commands = redis as unknown as PresenceCommands;
    this.ttlMs = config.presence.ttlSeconds * 1000;
    this.sweepIntervalMs = Math.min(1000, Math.floor(this.ttlMs / 4));
    this.participantClaimTtlMs = this.ttlMs + 2 * this.sweepIntervalMs;
    this.teacherGraceMs = config.presence.teacherGraceSeconds * 1000;
  }

  onModuleInit(): void {
    defineLuaCommands(this.redis, join(__dirname, 'lua'));
  }

  /** The class the user is active in right now (as teacher or participant), or null. */
  getActiveClassId(userId: string): Promise<string | null> {
    return this.redis.get(presenceKeys.userActiveClass(userId));
  }

  /** Live participant count: one SCARD, O(1). */
  countParticipants(classId: string): Promise<number> {
    return this.redis.scard(presenceKeys.participants(classId));
  }

  async getLiveMeta(classId: string): Promise<LiveClassMeta | null> {
    const meta = await this.redis.hgetall(presenceKeys.meta(classId));
    if (!meta.status) return null;
    return {
      status: meta.status as LiveClassMeta['status'],
      capacity: Number(meta.capacity),
      teacherId: meta.teacherId,
      title: meta.title,
      joinCode: meta.joinCode,
      createdAt: Number(meta.createdAt),
      startedAt: Number(meta.startedAt),
      endedAt: meta.endedAt ? Number(meta.endedAt) : null,
    };
  }

  /** Claims the user's single active class; `CLAIMED` only when this call created the claim. */
  async claim(
    userId: string,
    classId: string,
    ttlMs: number,
  ): Promise<{ status: 'CLAIMED' | 'SAME' | 'OTHER'; classId: string }> {
    const [status, current] = await this.commands.claimUser(
      presenceKeys.userActiveClass(userId),
      classId,
      ttlMs,
    );
    return { status: status as 'CLAIMED' | 'SAME' | 'OTHER', classId: current };
  }

  /** Compare-and-delete: frees the claim only while it is still for this class. */
  async release(userId: string, classId: string): Promise<boolean> {
    return (await this.commands.releaseUser(presenceKeys.userActiveClass(userId), classId)) === 1;
  }

  /**
   * Releases the claim of a user whose stay just ended, then looks again: if a concurrent join
   * of the same user (another tab) made them a participant meanwhile, the claim is restored.
   */
  private async releaseAfterStay(userId: string, classId: string): Promise<void> {
    await this.release(userId, classId);
    if (await this.redis.sismember(presenceKeys.participants(classId), userId)) {
      await this.claim(userId, classId, this.participantClaimTtlMs);
    }
  }

  /**
   * Joins a socket of a user to a live class: claim the user (user slot), then admit into the
   * class (class slot, capacity-checked); when admission fails, release the claim if it is ours.
   */
  async join(userId: string, classId: string, socketId: string): Promise<JoinResult> {
    const claim = await this.claim(userId, classId, this.participantClaimTtlMs);
    if (claim.status === 'OTHER')
      return { outcome: 'ALREADY_ACTIVE', activeClassId: claim.classId };
    const now = this.clock();
    const [outcome, count] = await this.commands.admitParticipant(
      ...presenceKeys.classKeys(classId),
      userId,
      socketId,
      now,
      now + this.ttlMs,
    );
    switch (outcome as AdmitOutcome) {
      case 'ADMITTED':
      case 'ALREADY_IN': {
        // With a claim we did not make, a concurrent leave of the same user may have released
        // it between our two steps: assert it again (see docs/presence.md, "leave racing a join").
        const again =
          claim.status === 'SAME'
            ? await this.claim(userId, classId, this.participantClaimTtlMs)
            : claim;
        if (again.status === 'OTHER') {
          await this.leaveSocket(userId, classId, socketId);
          return { outcome: 'ALREADY_ACTIVE', activeClassId: again.classId };
        }
        return {
          outcome: 'JOINED',
          participantCount: Number(count),
          newStay: outcome === 'ADMITTED',
        };
      }
      case 'IS_TEACHER':
        return { outcome: 'ALREADY_ACTIVE', activeClassId: classId };
      default:
        if (claim.status === 'CLAIMED') await this.release(userId, classId);
        return { outcome: outcome as 'FULL' | 'NOT_LIVE' };
    }
  }

  /**
   * Removes one socket of a user from a class (a disconnect). When it was their last socket the
   * stay ends (its attendance record queued atomically) and the user's claim is released.
   */
  async leaveSocket(
    userId: string,
    classId: string,
    socketId: string,
  ): Promise<{ outcome: LeaveOutcome; participantCount: number }> {
    const [outcome, count] = await this.commands.leaveSocket(
      ...presenceKeys.classKeys(classId),
      userId,
      socketId,
      this.clock(),
      classId,
    );
    if (outcome === 'LEFT') await this.releaseAfterStay(userId, classId);
    return { outcome: outcome as LeaveOutcome, participantCount: Number(count) };
  }

  /**
   * The user leaves the class on purpose, from whichever socket or device: all their sockets
   * are removed, the stay ends (record queued) and their claim is released.
   */
  async leaveUser(
    userId: string,
    classId: string,
  ): Promise<{ outcome: LeaveOutcome; participantCount: number }> {
    const [outcome, count] = await this.commands.leaveUser(
      ...presenceKeys.classKeys(classId),
      userId,
      this.clock(),
      classId,
    );
    if (outcome === 'LEFT') await this.releaseAfterStay(userId, classId);
    return { outcome: outcome as LeaveOutcome, participantCount: Number(count) };
  }

  /**
   * Heartbeat of a participant socket: the socket's deadline (class slot) and the user's claim
   * (user slot) are refreshed by two commands sent together (one round trip with pipelining).
   * Returns false when the socket is no longer in the class (swept or ended).
   */
  async touchParticipant(userId: string, classId: string, socketId: string): Promise<boolean> {
    const now = this.clock();
    const [inClass] = await Promise.all([
      this.commands.touchSocket(
        ...presenceKeys.classKeys(classId),
        `${userId}|${socketId}`,
        now + this.ttlMs,
      ),
      this.commands.touchUser(
        presenceKeys.userActiveClass(userId),
        classId,
        this.participantClaimTtlMs,
      ),
    ]);
    return inClass === 1;
  }

  /** Heartbeat of a teacher's socket: their grace deadline, then their claim, move forward. */
  async touchTeacher(teacherId: string, classId: string): Promise<boolean> {
    const live = await this.commands.touchTeacher(
      ...presenceKeys.classKeys(classId),
      teacherId,
      this.clock() + this.teacherGraceMs,
    );
    // Only the teacher's claim gets the long grace; anyone else's stays as it is.
    if (live === 1)
      await this.commands.touchUser(
        presenceKeys.userActiveClass(teacherId),
        classId,
        this.teacherGraceMs,
      );
    return live === 1;
  }

  /** Opens the live state of a started class and schedules its first sweep. */
  async open(
    classId: string,
    input: {
      capacity: number;
      teacherId: string;
      title: string;
      startedAt: number;
      joinCode: string;
      createdAt: number;
    },
  ): Promise<boolean> {
    const deadline = input.startedAt + this.teacherGraceMs;
    const opened = await this.commands.openClass(
      ...presenceKeys.classKeys(classId),
      input.capacity,
      input.teacherId,
      deadline,
      input.title,
      input.startedAt,
      input.joinCode,
      input.createdAt,
    );
    // First look within one TTL: no socket can join with an earlier deadline than that.
    await this.redis.zadd(
      presenceKeys.sweepBucketOf(classId),
      'LT',
      input.startedAt + this.ttlMs,
      classId,
    );
    return opened === 1;
  }

  /**
   * Ends the live state: every open stay is closed (records queued) and the teacher's and
   * participants' claims are released. Idempotent: only the first caller gets `ended: true`.
   */
  async end(classId: string): Promise<EndResult> {
    const reply = await this.commands.endClass(
      ...presenceKeys.classKeys(classId),
      this.clock(),
      classId,
      ENDED_RETENTION_MS,
    );
    if (reply[0] !== 'ENDED') return { ended: false };
    const [, teacherId, endedAt, ...participantIds] = reply.map(String);
    await Promise.all(
      [teacherId, ...participantIds].map((userId) => this.release(userId, classId)),
    );
    await this.redis.zadd(presenceKeys.sweepBucketOf(classId), 'LT', this.clock(), classId);
    return { ended: true, teacherId, endedAt: Number(endedAt), participantIds };
  }

  /** Runs the sweep of one class and releases the claims of users whose stays it ended. */
  async sweep(classId: string): Promise<SweepResult> {
    const reply = await this.commands.sweepClass(
      ...presenceKeys.classKeys(classId),
      this.clock(),
      classId,
    );
    const [status, nextDeadline, outboxLength, teacherExpired, participantCount, ...ended] = reply;
    const endedUserIds = ended.map(String);
    await Promise.all(endedUserIds.map((userId) => this.releaseAfterStay(userId, classId)));
    return {
      status: status as SweepResult['status'],
      nextDeadline: Number(nextDeadline),
      outboxLength: Number(outboxLength),
      teacherExpired: Number(teacherExpired) === 1,
      participantCount: Number(participantCount),
      endedUserIds,
    };
  }

  /** Leases the due classes of one sweep bucket until `leaseUntil`. */
  claimDueClasses(bucket: string, limit: number, leaseUntil: number): Promise<string[]> {
    return this.commands.claimDueClasses(bucket, this.clock(), leaseUntil, limit);
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

  /** The oldest queued attendance records of a class (up to `limit`), raw and parsed. */
  async peekOutbox(classId: string, limit: number): Promise<{ raw: string; record: StayRecord }[]> {
    const raw = await this.redis.lrange(presenceKeys.outbox(classId), 0, limit - 1);
    return raw.map((entry) => ({ raw: entry, record: JSON.parse(entry) as StayRecord }));
  }

  /** Drops a record from the outbox once MongoDB has it (exact value, so concurrent drains are safe). */
  async ackOutbox(classId: string, raw: string): Promise<void> {
    await this.redis.lrem(presenceKeys.outbox(classId), 1, raw);
  }

  /** Stores a comment among the last `keep` of a live class; false when the author is not in it. */
  async pushComment(
    classId: string,
    authorId: string,
    json: string,
    keep: number,
  ): Promise<boolean> {
    return (
      (await this.commands.pushComment(
        ...presenceKeys.classKeys(classId),
        json,
        keep,
        authorId,
      )) === 1
    );
  }

  /** Whether the user follows the class now: its teacher, or a participant. */
  async isMember(classId: string, userId: string): Promise<boolean> {
    const [teacherId, participant] = await Promise.all([
      this.redis.hget(presenceKeys.meta(classId), 'teacherId'),
      this.redis.sismember(presenceKeys.participants(classId), userId),
    ]);
    return teacherId === userId || participant === 1;
  }

  /** The class's recent comments, oldest first. */
  async recentComments(classId: string, keep: number): Promise<string[]> {
    const newestFirst = await this.redis.lrange(presenceKeys.comments(classId), 0, keep - 1);
    return newestFirst.reverse();
  }

  /**
   * Takes the broadcast gate of a class for `intervalMs`. The winner broadcasts once the gate
   * has expired, so any change made while it was held is included in what it reads.
   */
  async takeCountGate(classId: string, intervalMs: number): Promise<boolean> {
    return (
      (await this.redis.set(presenceKeys.countGate(classId), '1', 'PX', intervalMs, 'NX')) === 'OK'
    );
  }
}
