import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  closeRedis,
  connectRedis,
  loadLuaScripts,
  type RedisClient,
  type RedisConnectionOptions,
} from '@llms/redis';
import { parseConfig } from '../../src/config/app.config';
import { StayOutbox } from '../../src/modules/attendance/stay-outbox';
import type { StayRecord } from '../../src/modules/attendance';
import { CommentStore } from '../../src/modules/comments/comment-store';
import type { CommentsScripts } from '../../src/modules/comments/comments.scripts';
import { TranscriptOutbox } from '../../src/modules/comments/transcript-outbox';
import { ClassRoster } from '../../src/modules/classes/class-roster';
import { ActiveClassClaims } from '../../src/modules/presence/active-class.claims';
import { Admission } from '../../src/modules/presence/admission';
import { InstanceLeases } from '../../src/modules/presence/instance-leases';
import { LiveClasses } from '../../src/modules/presence/live-classes';
import { PresenceSweep } from '../../src/modules/presence/presence-sweep';
import { presenceKeys, socketMember } from '../../src/modules/presence/presence.keys';
import type { PresenceScripts } from '../../src/modules/presence/presence.scripts';
import { PresenceSettings } from '../../src/modules/presence/presence.settings';
import { CountGate } from '../../src/modules/realtime/count-gate';

const SRC = join(__dirname, '..', '..', 'src', 'modules');

/** The join code every class of the harness gets. */
export const HARNESS_JOIN_CODE = 'ABCDEFGHJK';

/**
 * One simulated app instance: the live-class Redis services of the presence, comments,
 * attendance and realtime modules, wired by hand on a connection of its own (as several app
 * instances would be), with its own clock.
 */
export class LiveClassInstance {
  readonly settings: PresenceSettings;
  readonly claims: ActiveClassClaims;
  readonly admission: Admission;
  readonly leases: InstanceLeases;
  readonly live: LiveClasses;
  readonly sweeper: PresenceSweep;
  readonly comments: CommentStore;
  readonly transcript: TranscriptOutbox;
  readonly roster: ClassRoster;
  readonly countGate: CountGate;
  readonly outbox: StayOutbox;

  constructor(readonly client: RedisClient) {
    const config = parseConfig({ PRESENCE_TTL_SECONDS: '30', TEACHER_GRACE_SECONDS: '600' });
    const scripts = loadLuaScripts<PresenceScripts>(client, join(SRC, 'presence', 'lua'));
    this.settings = new PresenceSettings(config);
    this.claims = new ActiveClassClaims(client, scripts);
    this.sweeper = new PresenceSweep(client, scripts, this.claims, this.settings);
    this.admission = new Admission(scripts, this.claims, this.settings);
    this.leases = new InstanceLeases(client, scripts, this.claims, this.settings);
    this.live = new LiveClasses(client, scripts, this.claims, this.sweeper, this.settings);
    const commentsScripts = loadLuaScripts<CommentsScripts>(client, join(SRC, 'comments', 'lua'));
    this.comments = new CommentStore(client, commentsScripts);
    this.transcript = new TranscriptOutbox(client, commentsScripts);
    this.roster = new ClassRoster(this.live);
    this.countGate = new CountGate(client);
    this.outbox = new StayOutbox(client);
  }

  /** The clock this instance's presence decisions read; tests move it instead of sleeping. */
  set clock(now: () => number) {
    this.settings.now = now;
  }

  get ttlMs() {
    return this.settings.ttlMs;
  }
  get leaseMs() {
    return this.settings.leaseMs;
  }
  get teacherGraceMs() {
    return this.settings.teacherGraceMs;
  }
  get participantClaimTtlMs() {
    return this.settings.participantClaimTtlMs;
  }

  /** A join as JOIN_CLASS makes it, with the harness's join code and a name from the id. */
  join(userId: string, classId: string, socketId: string, joinCode = HARNESS_JOIN_CODE) {
    return this.admission.join({ id: userId, name: `User ${userId}` }, classId, joinCode, socketId);
  }
  leaveSocket(userId: string, classId: string, socketId: string) {
    return this.admission.leaveSocket(userId, classId, socketId);
  }
  leaveUser(userId: string, classId: string) {
    return this.admission.leaveUser(userId, classId);
  }
  /** This instance renews its lease on a class (as LocalPresence does every interval). */
  renew(classId: string, teacher?: { id: string; seenAt: number }) {
    return this.leases.renew(classId, teacher);
  }
  /** Whether the class still holds this instance's socket `socketId` of `userId`. */
  async holds(userId: string, classId: string, socketId: string) {
    const member = socketMember(userId, this.settings.instance, socketId);
    return (await this.client.zscore(presenceKeys.sockets(classId), member)) !== null;
  }
  claim(userId: string, classId: string, ttlMs: number) {
    return this.claims.claim(userId, classId, ttlMs);
  }
  getActiveClassId(userId: string) {
    return this.claims.activeClassOf(userId);
  }
  countParticipants(classId: string) {
    return this.live.count(classId);
  }
  sweep(classId: string) {
    return this.sweeper.sweep(classId);
  }
  end(classId: string) {
    return this.live.end(classId);
  }
}

/** Several instances on their own connections to one Redis (or Redis Cluster). */
export class LiveClassHarness {
  private constructor(readonly instances: LiveClassInstance[]) {}

  /** Connects `count` instances; `wrap` may decorate each (e.g. to watch its errors). */
  static async connect(
    redis: RedisConnectionOptions,
    count: number,
    wrap: (instance: LiveClassInstance) => LiveClassInstance = (instance) => instance,
  ): Promise<LiveClassHarness> {
    const clients = await Promise.all(
      Array.from({ length: count }, (_, i) => connectRedis(redis, `live-class-spec-${i}`)),
    );
    return new LiveClassHarness(clients.map((client) => wrap(new LiveClassInstance(client))));
  }

  /** The first instance. */
  get presence(): LiveClassInstance {
    return this.instances[0];
  }

  get clients(): RedisClient[] {
    return this.instances.map((instance) => instance.client);
  }

  /** Instance `i`, round robin. */
  instance(i: number): LiveClassInstance {
    return this.instances[i % this.instances.length];
  }

  /** A fresh 24-hex id, like a MongoDB ObjectId. */
  id(): string {
    return randomUUID().replace(/-/g, '').slice(0, 24);
  }

  /** A live class (its teacher claimed and its live state opened), as ClassesService.start does. */
  async liveClass(
    capacity: number,
    teacherId = this.id(),
  ): Promise<{ classId: string; teacherId: string }> {
    const classId = this.id();
    await this.presence.claim(teacherId, classId, this.presence.teacherGraceMs);
    await this.presence.live.open(classId, {
      capacity,
      teacherId,
      title: `Class ${classId}`,
      startedAt: Date.now(),
      joinCode: HARNESS_JOIN_CODE,
      createdAt: Date.now(),
    });
    return { classId, teacherId };
  }

  /** The attendance records waiting in a class's outbox. */
  async outboxRecords(classId: string): Promise<StayRecord[]> {
    return (await this.presence.outbox.peek(classId, 10_000)).map((stay) => stay.record);
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map(closeRedis));
  }
}
