import type { RedisClient } from '@llms/redis';
import { presenceKeys } from './presence.keys';
import type { PresenceService } from './presence.service';
import { PresenceHarness } from './presence.testing';

/**
 * PresenceService against a real Redis. Races use one connection per simulated instance, so the
 * commands really interleave at the server as they would from several app instances.
 */
const REDIS = { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', clusterNodes: null };
const INSTANCES = 6;

describe('PresenceService (real Redis)', () => {
  let harness: PresenceHarness;
  let clients: RedisClient[];
  let services: PresenceService[];
  let presence: PresenceService;

  beforeAll(async () => {
    harness = await PresenceHarness.connect(REDIS, INSTANCES);
    ({ clients, services, presence } = harness);
  });

  afterAll(async () => {
    await harness.close();
  });

  const id = () => harness.id();
  const instance = (i: number) => harness.instance(i);
  const liveClass = (capacity: number, teacherId?: string) =>
    harness.liveClass(capacity, teacherId);
  const outboxRecords = (classId: string) => harness.outboxRecords(classId);

  it('admits up to capacity and counts a second socket of the same user once', async () => {
    const { classId } = await liveClass(2);
    const [a, b, c] = [id(), id(), id()];
    expect(await presence.join(a, classId, 's1')).toEqual({
      outcome: 'JOINED',
      participantCount: 1,
      newStay: true,
    });
    expect(await presence.join(a, classId, 's2')).toEqual({
      outcome: 'JOINED',
      participantCount: 1,
      newStay: false,
    });
    expect(await presence.join(b, classId, 's3')).toMatchObject({
      outcome: 'JOINED',
      participantCount: 2,
    });
    expect(await presence.join(c, classId, 's4')).toEqual({ outcome: 'FULL' });
    expect(await presence.getActiveClassId(c)).toBeNull();
    expect(await presence.countParticipants(classId)).toBe(2);
  });

  it('ends the stay only when the last socket leaves, writing one record', async () => {
    const { classId } = await liveClass(5);
    const user = id();
    await presence.join(user, classId, 'tab-1');
    await presence.join(user, classId, 'tab-2');
    expect(await presence.leaveSocket(user, classId, 'tab-1')).toEqual({
      outcome: 'STILL_IN',
      participantCount: 1,
    });
    expect(await presence.getActiveClassId(user)).toBe(classId);
    expect(await presence.leaveSocket(user, classId, 'tab-2')).toEqual({
      outcome: 'LEFT',
      participantCount: 0,
    });
    expect(await presence.leaveSocket(user, classId, 'tab-2')).toEqual({
      outcome: 'NOT_IN',
      participantCount: 0,
    });
    expect(await presence.getActiveClassId(user)).toBeNull();
    const records = await outboxRecords(classId);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ type: 'stay', classId, userId: user });
    expect(records[0].leftAt).toBeGreaterThanOrEqual(records[0].joinedAt);
  });

  it('refuses a join while active elsewhere, and the teacher in their own class', async () => {
    const first = await liveClass(5);
    const second = await liveClass(5);
    const user = id();
    await presence.join(user, first.classId, 's');
    expect(await presence.join(user, second.classId, 's')).toEqual({
      outcome: 'ALREADY_ACTIVE',
      activeClassId: first.classId,
    });
    expect(await presence.join(first.teacherId, first.classId, 't')).toEqual({
      outcome: 'ALREADY_ACTIVE',
      activeClassId: first.classId,
    });
    expect(await presence.join(first.teacherId, second.classId, 't')).toEqual({
      outcome: 'ALREADY_ACTIVE',
      activeClassId: first.classId,
    });
  });

  it('refuses joins to a class that is not live and leaves no claim behind', async () => {
    const user = id();
    expect(await presence.join(user, id(), 's')).toEqual({ outcome: 'NOT_LIVE' });
    expect(await presence.getActiveClassId(user)).toBeNull();
  });

  it('race: dozens of students for the last seats, never over capacity (100 trials)', async () => {
    let violations = 0;
    for (let trial = 0; trial < 100; trial++) {
      const capacity = 1 + (trial % 7);
      const { classId } = await liveClass(capacity);
      const students = Array.from({ length: 40 }, () => id());
      const results = await Promise.all(
        students.map((s, i) => instance(i).join(s, classId, `sock-${i}`)),
      );
      const joined = results.filter((r) => r.outcome === 'JOINED').length;
      const full = results.filter((r) => r.outcome === 'FULL').length;
      const count = await presence.countParticipants(classId);
      const claims = await Promise.all(students.map((s) => presence.getActiveClassId(s)));
      if (joined !== capacity || full !== 40 - capacity || count !== capacity) violations++;
      if (claims.filter((c) => c === classId).length !== capacity) violations++;
    }
    expect(violations).toBe(0);
  });

  it('race: one user joining several classes at once through different instances (200 trials)', async () => {
    const classes = await Promise.all(Array.from({ length: 8 }, () => liveClass(10_000)));
    let violations = 0;
    for (let trial = 0; trial < 200; trial++) {
      const user = id();
      const results = await Promise.all(
        classes.map((c, i) => instance(i).join(user, c.classId, `s-${trial}`)),
      );
      const joined = results
        .map((r, i) => (r.outcome === 'JOINED' ? classes[i].classId : null))
        .filter((c): c is string => c !== null);
      const active = await presence.getActiveClassId(user);
      const memberships = await Promise.all(
        classes.map((c) => clients[0].sismember(presenceKeys.participants(c.classId), user)),
      );
      if (
        joined.length !== 1 ||
        active !== joined[0] ||
        memberships.reduce((a, b) => a + b, 0) !== 1
      ) {
        violations++;
      }
    }
    expect(violations).toBe(0);
  });

  it('race: a teacher starting two classes at once gets one claim (200 trials)', async () => {
    let violations = 0;
    for (let trial = 0; trial < 200; trial++) {
      const teacher = id();
      const [x, y] = [id(), id()];
      const [cx, cy] = await Promise.all([
        instance(trial).claim(teacher, x, 600_000),
        instance(trial + 1).claim(teacher, y, 600_000),
      ]);
      const winners = [cx, cy].filter((c) => c.status === 'CLAIMED').length;
      if (winners !== 1) violations++;
    }
    expect(violations).toBe(0);
  });

  it('sweeps silent sockets exactly once even with concurrent sweepers, then releases claims', async () => {
    const { classId } = await liveClass(50);
    const users = Array.from({ length: 20 }, () => id());
    await Promise.all(users.map((u, i) => presence.join(u, classId, `s-${i}`)));
    // Half of them keep heartbeating; move every instance's clock past the presence deadline.
    const later = Date.now() + presence.ttlMs + 1;
    for (const service of services) service.clock = () => later;
    await Promise.all(
      users.slice(0, 10).map((u, i) => presence.touchParticipant(u, classId, `s-${i}`)),
    );
    const sweeps = await Promise.all(services.map((service) => service.sweep(classId)));
    for (const service of services) service.clock = Date.now;

    const ended = sweeps.flatMap((s) => s.endedUserIds).sort();
    expect(ended).toEqual(users.slice(10).sort());
    expect(await presence.countParticipants(classId)).toBe(10);
    const records = await outboxRecords(classId);
    expect(records.map((r) => r.userId).sort()).toEqual(users.slice(10).sort());
    const claims = await Promise.all(users.map((u) => presence.getActiveClassId(u)));
    expect(claims.slice(0, 10)).toEqual(Array(10).fill(classId));
    expect(claims.slice(10)).toEqual(Array(10).fill(null));
  });

  it('reports the next deadline and an expired teacher', async () => {
    const { classId, teacherId } = await liveClass(5);
    const sweep = await presence.sweep(classId);
    expect(sweep).toMatchObject({ status: 'LIVE', teacherExpired: false, participantCount: 0 });
    expect(sweep.nextDeadline).toBeGreaterThan(Date.now() + presence.teacherGraceMs - 5000);
    presence.clock = () => Date.now() + presence.teacherGraceMs + 1;
    expect((await presence.sweep(classId)).teacherExpired).toBe(true);
    presence.clock = Date.now;
    expect(await presence.touchTeacher(teacherId, classId)).toBe(true);
    expect(await presence.touchTeacher(id(), classId)).toBe(false);
  });

  it('ends a class once: every open stay recorded, every claim released', async () => {
    const { classId, teacherId } = await liveClass(10);
    const users = Array.from({ length: 5 }, () => id());
    await Promise.all(users.map((u, i) => presence.join(u, classId, `s-${i}`)));
    await presence.join(users[0], classId, 'second-tab');
    const results = await Promise.all(services.map((service) => service.end(classId)));
    expect(results.filter((r) => r.ended)).toHaveLength(1);
    expect(await presence.countParticipants(classId)).toBe(0);
    expect((await outboxRecords(classId)).map((r) => r.userId).sort()).toEqual([...users].sort());
    const claims = await Promise.all(
      [teacherId, ...users].map((u) => presence.getActiveClassId(u)),
    );
    expect(claims.every((c) => c === null)).toBe(true);
    expect(await presence.join(id(), classId, 'late')).toEqual({ outcome: 'NOT_LIVE' });
    expect((await presence.sweep(classId)).status).toBe('ENDED');
  });

  it('keeps only the most recent comments of members, oldest first, and none once ended', async () => {
    const { classId, teacherId } = await liveClass(5);
    const student = id();
    await presence.join(student, classId, 's');
    for (let i = 0; i < 7; i++) {
      expect(
        await presence.pushComment(classId, i % 2 ? teacherId : student, JSON.stringify({ i }), 5),
      ).toBe(true);
    }
    expect(await presence.pushComment(classId, id(), '{"outsider":true}', 5)).toBe(false);
    expect((await presence.recentComments(classId, 5)).map((c) => JSON.parse(c).i)).toEqual([
      2, 3, 4, 5, 6,
    ]);
    await presence.end(classId);
    expect(await presence.pushComment(classId, teacherId, '{}', 5)).toBe(false);
    expect(await clients[0].pttl(presenceKeys.comments(classId))).toBeGreaterThan(0);
  });

  it('lets only one instance per interval take the count gate', async () => {
    const classId = id();
    const taken = await Promise.all(services.map((s) => s.takeCountGate(classId, 1000)));
    expect(taken.filter(Boolean)).toHaveLength(1);
  });

  it('leases due classes to exactly one of several concurrent sweepers', async () => {
    const { classId } = await liveClass(5);
    const bucket = presenceKeys.sweepBucketOf(classId);
    await clients[0].zadd(bucket, Date.now() - 1, classId);
    const leaseUntil = Date.now() + 5000;
    const leased = await Promise.all(
      services.map((s) => s.claimDueClasses(bucket, 1000, leaseUntil)),
    );
    expect(leased.filter((ids) => ids.includes(classId))).toHaveLength(1);
    expect(Number(await clients[0].zscore(bucket, classId))).toBe(leaseUntil);
    await presence.reschedule(classId, null);
    expect(await clients[0].zscore(bucket, classId)).toBeNull();
  });

  it('a deliberate leave from any device ends the stay of every tab, once', async () => {
    const { classId } = await liveClass(5);
    const user = id();
    await presence.join(user, classId, 'laptop');
    await presence.join(user, classId, 'phone');
    expect(await presence.leaveUser(user, classId)).toEqual({
      outcome: 'LEFT',
      participantCount: 0,
    });
    expect(await presence.leaveUser(user, classId)).toEqual({
      outcome: 'NOT_IN',
      participantCount: 0,
    });
    expect(await presence.leaveSocket(user, classId, 'laptop')).toMatchObject({
      outcome: 'NOT_IN',
    });
    expect(await presence.touchParticipant(user, classId, 'phone')).toBe(false);
    expect(await presence.getActiveClassId(user)).toBeNull();
    expect((await outboxRecords(classId)).filter((r) => r.userId === user)).toHaveLength(1);
  });

  it('race: a leave (or sweep) racing a join of the same user never leaves a participant without a claim (200 trials)', async () => {
    let violations = 0;
    for (let trial = 0; trial < 200; trial++) {
      const { classId } = await liveClass(10);
      const user = id();
      await presence.join(user, classId, 'tab-1');
      if (trial % 2) {
        await Promise.all([
          instance(1).leaveSocket(user, classId, 'tab-1'),
          instance(2).join(user, classId, 'tab-2'),
        ]);
      } else {
        const later = Date.now() + presence.ttlMs + 1;
        instance(3).clock = () => later;
        await Promise.all([instance(3).sweep(classId), instance(4).join(user, classId, 'tab-2')]);
        instance(3).clock = Date.now;
      }
      const member = await clients[0].sismember(presenceKeys.participants(classId), user);
      const claim = await presence.getActiveClassId(user);
      if (member === 1 && claim !== classId) violations++;
    }
    expect(violations).toBe(0);
  });

  it('a heartbeat from a non-teacher never stretches a claim to the teacher grace', async () => {
    const { classId } = await liveClass(5);
    const user = id();
    await presence.join(user, classId, 's');
    expect(await presence.touchTeacher(user, classId)).toBe(false);
    expect(await clients[0].pttl(presenceKeys.userActiveClass(user))).toBeLessThanOrEqual(
      presence.participantClaimTtlMs,
    );
  });
});
