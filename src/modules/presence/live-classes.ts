import { Inject, Injectable } from '@nestjs/common';
import { REDIS_CLIENT, type RedisClient } from '@llms/redis';
import { ActiveClassClaims } from './active-class.claims';
import { PresenceSweep } from './presence-sweep';
import { presenceKeys } from './presence.keys';
import { PRESENCE_SCRIPTS, type PresenceScripts } from './presence.scripts';
import { PresenceSettings } from './presence.settings';
import type {
  ClassRole,
  EndResult,
  LiveClassMeta,
  LiveClassSnapshot,
  RosterBatch,
} from './presence.types';

/**
 * The live state of classes in Redis: opened at start with a snapshot of the class, ended once
 * (every open stay closed into the attendance outbox), and read for counts, membership and the
 * class a teacher is teaching.
 */
@Injectable()
export class LiveClasses {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    @Inject(PRESENCE_SCRIPTS) private readonly scripts: PresenceScripts,
    private readonly claims: ActiveClassClaims,
    private readonly sweep: PresenceSweep,
    private readonly settings: PresenceSettings,
  ) {}

  /** Opens the live state of a started class and schedules its first sweep. */
  async open(classId: string, snapshot: LiveClassSnapshot): Promise<boolean> {
    const opened = await this.scripts.openClass(
      ...presenceKeys.classScriptKeys(classId),
      snapshot.capacity,
      snapshot.teacherId,
      snapshot.startedAt + this.settings.teacherGraceMs,
      snapshot.title,
      snapshot.startedAt,
      snapshot.joinCode,
      snapshot.createdAt,
    );
    // First look within one TTL: no socket can join with an earlier deadline than that.
    await this.sweep.lookNoLaterThan(classId, snapshot.startedAt + this.settings.ttlMs);
    return opened === 1;
  }

  /**
   * Ends the live state: every open stay is closed (records queued) and the teacher's and
   * participants' claims are released. Idempotent: only the first caller gets `ended: true`.
   */
  async end(classId: string): Promise<EndResult> {
    const reply = await this.scripts.endClass(
      ...presenceKeys.classScriptKeys(classId),
      this.settings.now(),
      classId,
      this.settings.endedRetentionMs,
    );
    if (reply[0] !== 'ENDED') return { ended: false };
    const [, teacherId, endedAt, ...participantIds] = reply.map(String);
    await Promise.all(
      [teacherId, ...participantIds].map((userId) => this.claims.release(userId, classId)),
    );
    // The sweeper finishes the end: MongoDB's status and the outbox (see ClassEnd).
    await this.sweep.lookNoLaterThan(classId, this.settings.now());
    return { ended: true, teacherId, endedAt: Number(endedAt), participantIds };
  }

  /** The live (or recently ended) state of a class, or null when Redis has none. */
  async meta(classId: string): Promise<LiveClassMeta | null> {
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

  /** Live participant count: one SCARD, O(1). */
  count(classId: string): Promise<number> {
    return this.redis.scard(presenceKeys.participants(classId));
  }

  /**
   * One step of the roster: a batch of the open stays (HSCAN of the `stays` hash, with the names
   * and the count, in one read-only script), so a page of a class of 10,000 costs its batch, not
   * the class. Start with scanCursor '0'; the scan is complete when `next` is '0'. Like any
   * HSCAN, a batch may hold more or fewer than `count` entries, and a participant present for
   * the whole scan is returned at least once.
   */
  async rosterBatch(classId: string, scanCursor: string, count: number): Promise<RosterBatch> {
    const [next, total, ...flat] = await this.scripts.readRoster(
      presenceKeys.participants(classId),
      presenceKeys.stays(classId),
      presenceKeys.names(classId),
      scanCursor,
      count,
    );
    const entries: RosterBatch['entries'] = [];
    for (let i = 0; i + 2 < flat.length; i += 3) {
      entries.push({
        userId: String(flat[i]),
        joinedAt: Number(flat[i + 1]),
        name: String(flat[i + 2]),
      });
    }
    return { next: String(next), count: Number(total), entries };
  }

  /** How the user takes part in the class now: its teacher, a participant, or not at all. */
  async roleOf(classId: string, userId: string): Promise<ClassRole | null> {
    const [teacherId, participant] = await Promise.all([
      this.redis.hget(presenceKeys.meta(classId), 'teacherId'),
      this.redis.sismember(presenceKeys.participants(classId), userId),
    ]);
    if (teacherId === userId) return 'TEACHER';
    return participant === 1 ? 'STUDENT' : null;
  }

  /** The live class a user teaches right now, if any (their sockets follow it). */
  async taughtBy(userId: string): Promise<string | null> {
    const active = await this.claims.activeClassOf(userId);
    if (!active) return null;
    const meta = await this.meta(active);
    return meta?.status === 'LIVE' && meta.teacherId === userId ? active : null;
  }
}
