import { Cluster } from 'ioredis';
import { LIMITS } from '@llms/contract';
import type { RedisConnectionOptions } from '@llms/redis';
import { presenceKeys } from '../../src/modules/presence';
import { realtimeKeys } from '../../src/modules/realtime/realtime.keys';
import { commentsKeys } from '../../src/modules/comments';
import { LiveClassHarness, type LiveClassInstance } from '../support/live-class-harness';
import type { ParticipantView } from '@llms/contract';
import { canStartRedisCluster, ownRedisCluster, type OwnCluster } from '../support/redis-cluster';

/**
 * The Redis state of live classes (presence, comments, the count gate) against a real Redis and
 * a real Redis Cluster, with the same tests. Races use one connection per simulated instance,
 * so the commands really interleave at the server as they would from several app instances. On
 * the cluster every script must touch one slot (else CROSSSLOT), and the invariants must hold
 * when the user key and the class keys live on different nodes.
 */
interface Target {
  name: string;
  cluster: boolean;
  /** How many trials the race tests run (fewer on the slower cluster). */
  trials: (single: number) => number;
  connect(): Promise<{ redis: RedisConnectionOptions; stop(): Promise<void> }>;
}

const single: Target = {
  name: 'a single Redis',
  cluster: false,
  trials: (n) => n,
  connect: async () => ({
    redis: { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', clusterNodes: null },
    stop: async () => {},
  }),
};

const cluster: Target = {
  name: 'a Redis Cluster',
  cluster: true,
  trials: (n) => Math.max(10, Math.round(n * 0.3)),
  connect: () => ownRedisCluster(),
};

if (!canStartRedisCluster && !process.env.REDIS_CLUSTER_NODES) {
  console.warn('live-class-redis: Redis Cluster SKIPPED (no redis-server / redis-cli)');
}
const TARGETS =
  canStartRedisCluster || process.env.REDIS_CLUSTER_NODES ? [single, cluster] : [single];

const INSTANCES = 6;

describe.each(TARGETS)('live classes in Redis, on $name', (target) => {
  let own: { stop(): Promise<void> } | OwnCluster;
  let harness: LiveClassHarness;
  let presence: LiveClassInstance;
  /** Every rejected command; a CROSSSLOT among them means a script spans two slots. */
  const failures: Error[] = [];

  beforeAll(async () => {
    own = await target.connect();
    harness = await LiveClassHarness.connect((own as OwnCluster).redis, INSTANCES, watched);
    presence = harness.presence;
  }, 90_000);

  afterAll(async () => {
    await harness?.close();
    await own?.stop();
  });

  afterEach(() => {
    expect(failures.filter((e) => /CROSSSLOT/.test(e.message)).map((e) => e.message)).toEqual([]);
    expect(failures.map((error) => error.message)).toEqual([]);
    failures.length = 0;
  });

  /** Records every rejection of the instance's async methods (and rethrows it). */
  function watched(instance: LiveClassInstance): LiveClassInstance {
    return new Proxy(instance, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const result = value.apply(target, args);
          if (result instanceof Promise) {
            return result.catch((error: Error) => {
              failures.push(error);
              throw error;
            });
          }
          return result;
        };
      },
    });
  }

  const id = () => harness.id();
  const instance = (i: number) => harness.instance(i);
  const client = () => harness.clients[0];
  const liveClass = (capacity: number, teacherId?: string) =>
    harness.liveClass(capacity, teacherId);
  const outboxRecords = (classId: string) => harness.outboxRecords(classId);
  const everyInstance = (fn: (instance: LiveClassInstance) => void) =>
    harness.instances.forEach(fn);

  if (target.cluster) {
    /** The slot ranges of the cluster, each with the host:port of its master. */
    const slotRanges = async () =>
      (await (client() as Cluster).cluster('SLOTS')).map(([from, to, ...nodes]) => ({
        from,
        to,
        master: `${nodes[0][0]}:${nodes[0][1]}`,
      }));
    const nodeOf = async (key: string) => {
      const slot = Number(await (client() as Cluster).cluster('KEYSLOT', key));
      const range = (await slotRanges()).find(({ from, to }) => slot >= from && slot <= to);
      return range?.master ?? 'unassigned';
    };

    it('runs on a cluster of several masters, and keeps each class and each user on one slot', async () => {
      const masters = (await slotRanges()).map((range) => range.master);
      expect(new Set(masters).size).toBeGreaterThanOrEqual(3);
      const classId = id();
      const classKeys = [
        ...presenceKeys.classScriptKeys(classId),
        realtimeKeys.countGate(classId),
        commentsKeys.recent(classId),
        commentsKeys.sequence(classId),
        commentsKeys.transcriptOutbox(classId),
      ];
      const slots = await Promise.all(
        classKeys.map((key) => (client() as Cluster).cluster('KEYSLOT', key)),
      );
      expect(new Set(slots).size).toBe(1);
      // Users and classes spread over the nodes, so joins really cross nodes.
      const userNodes = await Promise.all(
        Array.from({ length: 12 }, () => nodeOf(presenceKeys.activeClass(id()))),
      );
      expect(new Set(userNodes).size).toBeGreaterThanOrEqual(2);
      const classNodes = await Promise.all(
        Array.from({ length: 12 }, () => nodeOf(presenceKeys.participants(id()))),
      );
      expect(new Set(classNodes).size).toBeGreaterThanOrEqual(2);
    });
  }

  it('admits up to capacity and counts a second socket of the same user once', async () => {
    const { classId } = await liveClass(2);
    const [a, b, c] = [id(), id(), id()];
    expect(await presence.join(a, classId, 's1')).toEqual({
      outcome: 'JOINED',
      participantCount: 1,
      newStay: true,
    });
    expect(await instance(1).join(a, classId, 's2')).toEqual({
      outcome: 'JOINED',
      participantCount: 1,
      newStay: false,
    });
    expect(await instance(2).join(b, classId, 's3')).toMatchObject({
      outcome: 'JOINED',
      participantCount: 2,
    });
    expect(await instance(3).join(c, classId, 's4')).toEqual({ outcome: 'FULL' });
    expect(await presence.getActiveClassId(c)).toBeNull();
    expect(await presence.countParticipants(classId)).toBe(2);
  });

  it('refuses a wrong join code without a trace, like a class that does not exist', async () => {
    const { classId } = await liveClass(5);
    const user = id();
    expect(await instance(1).join(user, classId, 's', 'WRONGCODE2')).toEqual({
      outcome: 'WRONG_CODE',
    });
    expect(await presence.getActiveClassId(user)).toBeNull();
    expect(await presence.countParticipants(classId)).toBe(0);
  });

  it('ends the stay only when the last socket leaves, writing one record', async () => {
    const { classId } = await liveClass(5);
    const user = id();
    await presence.join(user, classId, 'tab-1');
    await instance(1).join(user, classId, 'tab-2');
    // A socket is removed by the instance that holds it (its disconnect happens there).
    expect(await instance(2).leaveSocket(user, classId, 'tab-1')).toMatchObject({
      outcome: 'NOT_IN',
    });
    expect(await presence.leaveSocket(user, classId, 'tab-1')).toEqual({
      outcome: 'STILL_IN',
      participantCount: 1,
    });
    expect(await presence.getActiveClassId(user)).toBe(classId);
    expect(await instance(1).leaveSocket(user, classId, 'tab-2')).toEqual({
      outcome: 'LEFT',
      participantCount: 0,
    });
    expect(await instance(1).leaveSocket(user, classId, 'tab-2')).toEqual({
      outcome: 'NOT_IN',
      participantCount: 0,
    });
    expect(await presence.getActiveClassId(user)).toBeNull();
    const records = await outboxRecords(classId);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      type: 'stay',
      classId,
      userId: user,
      userName: `User ${user}`,
    });
    expect(records[0].leftAt).toBeGreaterThanOrEqual(records[0].joinedAt);
  });

  it('a deliberate leave from any device ends the stay of every tab, once', async () => {
    const { classId } = await liveClass(5);
    const user = id();
    await presence.join(user, classId, 'laptop');
    await instance(1).join(user, classId, 'phone');
    const leaves = await Promise.all([
      instance(2).leaveUser(user, classId),
      instance(3).leaveUser(user, classId),
    ]);
    expect(leaves.map((l) => l.outcome).sort()).toEqual(['LEFT', 'NOT_IN']);
    expect(await presence.leaveUser(user, classId)).toEqual({
      outcome: 'NOT_IN',
      participantCount: 0,
    });
    expect(await presence.leaveSocket(user, classId, 'laptop')).toMatchObject({
      outcome: 'NOT_IN',
    });
    expect(await instance(1).holds(user, classId, 'phone')).toBe(false);
    expect(await presence.getActiveClassId(user)).toBeNull();
    expect((await outboxRecords(classId)).filter((r) => r.userId === user)).toHaveLength(1);
  });

  it('refuses a join while active elsewhere, the teacher anywhere, and classes that are not live', async () => {
    const first = await liveClass(5);
    const second = await liveClass(5);
    const user = id();
    await presence.join(user, first.classId, 's');
    expect(await instance(1).join(user, second.classId, 's')).toEqual({
      outcome: 'ALREADY_ACTIVE',
      activeClassId: first.classId,
    });
    expect(await instance(2).join(first.teacherId, first.classId, 't')).toEqual({
      outcome: 'ALREADY_ACTIVE',
      activeClassId: first.classId,
    });
    expect(await instance(3).join(first.teacherId, second.classId, 't')).toEqual({
      outcome: 'ALREADY_ACTIVE',
      activeClassId: first.classId,
    });
    const stranger = id();
    expect(await presence.join(stranger, id(), 's')).toEqual({ outcome: 'NOT_LIVE' });
    expect(await presence.getActiveClassId(stranger)).toBeNull();
  });

  it('race: dozens of students for the last seats through six connections, never over capacity', async () => {
    const STUDENTS = 40;
    let violations = 0;
    for (let trial = 0; trial < target.trials(100); trial++) {
      const capacity = 1 + (trial % 7);
      const { classId } = await liveClass(capacity);
      const students = Array.from({ length: STUDENTS }, () => id());
      const results = await Promise.all(
        students.map((s, i) => instance(i).join(s, classId, `sock-${i}`)),
      );
      const joined = results.filter((r) => r.outcome === 'JOINED').length;
      const full = results.filter((r) => r.outcome === 'FULL').length;
      const count = await presence.countParticipants(classId);
      const claims = await Promise.all(students.map((s) => presence.getActiveClassId(s)));
      if (joined !== capacity || full !== STUDENTS - capacity || count !== capacity) violations++;
      if (
        claims.filter((c) => c === classId).length !== capacity ||
        claims.some((c) => c !== null && c !== classId)
      ) {
        violations++;
      }
    }
    expect(violations).toBe(0);
  });

  it('race: one user joining eight classes at once through different instances', async () => {
    const classes = await Promise.all(Array.from({ length: 8 }, () => liveClass(10_000)));
    let violations = 0;
    for (let trial = 0; trial < target.trials(200); trial++) {
      const user = id();
      const results = await Promise.all(
        classes.map((c, i) => instance(i).join(user, c.classId, `s-${trial}`)),
      );
      const joined = results
        .map((r, i) => (r.outcome === 'JOINED' ? classes[i].classId : null))
        .filter((c): c is string => c !== null);
      const active = await presence.getActiveClassId(user);
      const memberships = await Promise.all(
        classes.map((c) => client().sismember(presenceKeys.participants(c.classId), user)),
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

  it('race: a teacher starting two classes at once gets one claim', async () => {
    let violations = 0;
    for (let trial = 0; trial < target.trials(200); trial++) {
      const teacher = id();
      const [cx, cy] = await Promise.all([
        instance(trial).claim(teacher, id(), 600_000),
        instance(trial + 1).claim(teacher, id(), 600_000),
      ]);
      if ([cx, cy].filter((c) => c.status === 'CLAIMED').length !== 1) violations++;
    }
    expect(violations).toBe(0);
  });

  it("lease renewals keep an instance's sockets and the teacher present", async () => {
    const { classId, teacherId } = await liveClass(5);
    const user = id();
    await instance(1).join(user, classId, 's');
    await instance(1).join(user, classId, 't');
    expect(await instance(1).renew(classId)).toEqual({
      status: 'LIVE',
      sockets: 2,
      teacher: false,
    });
    expect(await instance(1).holds(user, classId, 's')).toBe(true);
    expect(await instance(1).holds(user, classId, 'other-socket')).toBe(false);
    expect(await instance(2).renew(classId)).toEqual({
      status: 'LIVE',
      sockets: 0,
      teacher: false,
    });
    const seenAt = Date.now();
    expect(await instance(3).renew(classId, { id: teacherId, seenAt })).toMatchObject({
      teacher: true,
    });
    expect(Number(await client().hget(presenceKeys.meta(classId), 'teacherDeadline'))).toBe(
      seenAt + presence.teacherGraceMs,
    );
    expect(await instance(4).renew(classId, { id: user, seenAt })).toMatchObject({
      teacher: false,
    });
    await presence.end(classId);
    expect(await instance(1).renew(classId)).toEqual({
      status: 'ENDED',
      sockets: 0,
      teacher: false,
    });
  });

  it('sweeps the sockets of an instance whose lease passed, exactly once with concurrent sweepers, then releases claims', async () => {
    const { classId } = await liveClass(50);
    const users = Array.from({ length: 20 }, () => id());
    // Half of them on an instance that keeps renewing, half on one that stopped (it died).
    const [alive, dead] = [instance(1), instance(2)];
    await Promise.all(users.map((u, i) => (i < 10 ? alive : dead).join(u, classId, `s-${i}`)));
    const later = Date.now() + presence.leaseMs + 1;
    everyInstance((i) => (i.clock = () => later));
    try {
      await alive.renew(classId);
      const sweeps = await Promise.all(harness.instances.map((i) => i.sweep(classId)));
      expect(sweeps.flatMap((s) => s.endedUserIds).sort()).toEqual(users.slice(10).sort());
    } finally {
      everyInstance((i) => (i.clock = Date.now));
    }
    expect(await presence.countParticipants(classId)).toBe(10);
    expect((await outboxRecords(classId)).map((r) => r.userId).sort()).toEqual(
      users.slice(10).sort(),
    );
    const claims = await Promise.all(users.map((u) => presence.getActiveClassId(u)));
    expect(claims.slice(0, 10)).toEqual(Array(10).fill(classId));
    expect(claims.slice(10)).toEqual(Array(10).fill(null));
    expect(await alive.renew(classId)).toMatchObject({ sockets: 10 });
    expect(await dead.renew(classId)).toMatchObject({ sockets: 0 });
  });

  it('a user with sockets on two instances stays while either instance lives', async () => {
    const { classId } = await liveClass(5);
    const user = id();
    await instance(1).join(user, classId, 'laptop');
    await instance(2).join(user, classId, 'phone');
    const later = Date.now() + presence.leaseMs + 1;
    everyInstance((i) => (i.clock = () => later));
    try {
      await instance(2).renew(classId);
      expect((await presence.sweep(classId)).endedUserIds).toEqual([]);
    } finally {
      everyInstance((i) => (i.clock = Date.now));
    }
    expect(await presence.countParticipants(classId)).toBe(1);
    expect(await instance(1).holds(user, classId, 'laptop')).toBe(false);
    expect(await instance(2).holds(user, classId, 'phone')).toBe(true);
    expect(await outboxRecords(classId)).toEqual([]);
  });

  it('reconciles an instance with the class: drops what the class lost, ends what the instance lost, once', async () => {
    const { classId } = await liveClass(10);
    const [kept, lostHere, lostThere] = [id(), id(), id()];
    const holder = instance(1);
    for (const user of [kept, lostHere, lostThere]) await holder.join(user, classId, `s-${user}`);
    // The class dropped lostThere's socket (say a sweep the instance never heard of) ...
    await instance(2).leaveUser(lostThere, classId);
    // ... and the instance no longer has lostHere's socket (its removal was lost in a failover).
    const known = [kept, lostThere].map((userId) => ({ userId, socketId: `s-${userId}` }));
    const results = await Promise.all([
      holder.leases.reconcile(classId, known),
      holder.leases.reconcile(classId, known),
    ]);
    expect([...results[0].gone]).toEqual([`s-${lostThere}`]);
    expect(results.flatMap((r) => r.endedUserIds)).toEqual([lostHere]);
    expect(await presence.countParticipants(classId)).toBe(1);
    expect(await presence.getActiveClassId(lostHere)).toBeNull();
    expect((await outboxRecords(classId)).map((r) => r.userId).sort()).toEqual(
      [lostHere, lostThere].sort(),
    );
    expect(await holder.renew(classId)).toMatchObject({ sockets: 1 });
  });

  it('reports the next deadline and an expired teacher', async () => {
    const { classId, teacherId } = await liveClass(5);
    const sweep = await presence.sweep(classId);
    expect(sweep).toMatchObject({ status: 'LIVE', teacherExpired: false, participantCount: 0 });
    expect(sweep.nextDeadline).toBeGreaterThan(Date.now() + presence.teacherGraceMs - 5000);
    presence.clock = () => Date.now() + presence.teacherGraceMs + 1;
    try {
      expect((await presence.sweep(classId)).teacherExpired).toBe(true);
    } finally {
      presence.clock = Date.now;
    }
    expect(await presence.renew(classId, { id: teacherId, seenAt: Date.now() })).toMatchObject({
      teacher: true,
    });
    expect((await presence.sweep(classId)).teacherExpired).toBe(false);
    expect(await presence.renew(classId, { id: id(), seenAt: Date.now() })).toMatchObject({
      teacher: false,
    });
  });

  it('ends a class once: every open stay recorded, every claim released', async () => {
    const { classId, teacherId } = await liveClass(10);
    const users = Array.from({ length: 5 }, () => id());
    await Promise.all(users.map((u, i) => instance(i).join(u, classId, `s-${i}`)));
    await presence.join(users[0], classId, 'second-tab');
    const results = await Promise.all(harness.instances.map((i) => i.end(classId)));
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

  it('keeps only the most recent comments of members, oldest first, with their role, and none once ended', async () => {
    const { classId, teacherId } = await liveClass(5);
    const student = id();
    await presence.join(student, classId, 's');
    const total = LIMITS.RECENT_COMMENTS_KEPT + 2;
    for (let i = 0; i < total; i++) {
      const author = i % 2 ? teacherId : student;
      const stored = await instance(i).comments.push({
        id: `c${i}`,
        classId,
        author: { id: author, name: 'A' },
        text: `comment ${i}`,
        sentAt: new Date().toISOString(),
      });
      expect(stored?.comment.author.role).toBe(i % 2 ? 'TEACHER' : 'STUDENT');
    }
    const outsider = { id: 'x', classId, author: { id: id(), name: 'O' }, text: 'hi', sentAt: '' };
    expect(await presence.comments.push(outsider)).toBeNull();
    const recent = await presence.comments.recent(classId);
    expect(recent.map((c) => c.id)).toEqual(
      Array.from({ length: LIMITS.RECENT_COMMENTS_KEPT }, (_, i) => `c${i + 2}`),
    );
    await presence.end(classId);
    expect(
      await presence.comments.push({ ...outsider, author: { id: teacherId, name: 'T' } }),
    ).toBeNull();
    await presence.comments.expireAfterEnd(classId, 60_000);
    expect(await client().pttl(commentsKeys.recent(classId))).toBeGreaterThan(0);
  });

  it('lets only one instance per interval take the count gate', async () => {
    const classId = id();
    const taken = await Promise.all(harness.instances.map((i) => i.countGate.take(classId, 1000)));
    expect(taken.filter(Boolean)).toHaveLength(1);
  });

  it('leases due classes to exactly one of several concurrent sweepers', async () => {
    const { classId } = await liveClass(5);
    const bucket = presenceKeys.sweepBucketIndexOf(classId);
    await client().zadd(presenceKeys.sweepBucket(bucket), Date.now() - 1, classId);
    const leaseUntil = Date.now() + 5000;
    const leased = await Promise.all(
      harness.instances.map((i) => i.sweeper.takeDue(bucket, 1000, leaseUntil)),
    );
    expect(leased.filter((ids) => ids.includes(classId))).toHaveLength(1);
    expect(Number(await client().zscore(presenceKeys.sweepBucket(bucket), classId))).toBe(
      leaseUntil,
    );
    await presence.sweeper.reschedule(classId, null);
    expect(await client().zscore(presenceKeys.sweepBucket(bucket), classId)).toBeNull();
  });

  it('race: a leave (or sweep) racing a join of the same user never leaves a participant without a claim', async () => {
    let violations = 0;
    for (let trial = 0; trial < target.trials(200); trial++) {
      const { classId } = await liveClass(10);
      const user = id();
      await presence.join(user, classId, 'tab-1');
      if (trial % 2) {
        await Promise.all([
          presence.leaveSocket(user, classId, 'tab-1'),
          instance(2).join(user, classId, 'tab-2'),
        ]);
      } else {
        const later = Date.now() + presence.leaseMs + 1;
        instance(3).clock = () => later;
        try {
          await Promise.all([instance(3).sweep(classId), instance(4).join(user, classId, 'tab-2')]);
        } finally {
          instance(3).clock = Date.now;
        }
      }
      const member = await client().sismember(presenceKeys.participants(classId), user);
      const claim = await presence.getActiveClassId(user);
      if (member === 1 && claim !== classId) violations++;
    }
    expect(violations).toBe(0);
  });

  it('a renewal naming a non-teacher never stretches their claim to the teacher grace', async () => {
    const { classId } = await liveClass(5);
    const user = id();
    await presence.join(user, classId, 's');
    expect(await presence.renew(classId, { id: user, seenAt: Date.now() })).toMatchObject({
      teacher: false,
    });
    expect(await client().pttl(presenceKeys.activeClass(user))).toBeLessThanOrEqual(
      presence.participantClaimTtlMs,
    );
  });
  it('queues every comment for the transcript in sequence order, from any instance, until a drain acknowledges it', async () => {
    const { classId, teacherId } = await liveClass(5);
    const student = id();
    await presence.join(student, classId, 's');
    const post = (i: number, text = `comment ${i}`) =>
      instance(i).comments.push({
        id: `${classId}-c${i}`,
        classId,
        author: { id: i % 3 ? student : teacherId, name: 'A' },
        text,
        sentAt: new Date(Date.now() + i).toISOString(),
      });
    // Sixty comments at once through six connections: none lost, none trimmed, one order.
    const pushed = await Promise.all(Array.from({ length: 60 }, (_, i) => post(i)));
    expect(pushed.every(Boolean)).toBe(true);
    const queued = await presence.transcript.peek(classId, 1000);
    expect(queued.map((q) => q.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(new Set(queued.map((q) => q.comment.id)).size).toBe(60);
    expect(queued.find((q) => q.comment.author.id === teacherId)?.comment.author.role).toBe(
      'TEACHER',
    );
    expect((await presence.comments.recent(classId)).length).toBe(LIMITS.RECENT_COMMENTS_KEPT);
    expect(Math.max(...pushed.map((p) => p!.transcriptBacklog))).toBe(60);
    const backlog = await presence.transcript.backlog(classId);
    expect(backlog.length).toBe(60);
    expect(backlog.oldestSentAt).toBe(Date.parse(queued[0].comment.sentAt));

    expect(await presence.transcript.remove(classId, 20)).toBe(20);
    // Two drains took the same batch (21..40) while new comments arrived: both acknowledge it,
    // the batch leaves once and the newer comments stay.
    const [a, b] = await Promise.all([
      instance(1).transcript.peek(classId, 20),
      instance(2).transcript.peek(classId, 20),
    ]);
    expect(a.map((q) => q.seq)).toEqual(b.map((q) => q.seq));
    await Promise.all([post(100, 'late 1'), post(101, 'late 2')]);
    const removed = await Promise.all([
      instance(1).transcript.remove(classId, a[a.length - 1].seq),
      instance(2).transcript.remove(classId, b[b.length - 1].seq),
    ]);
    expect(removed[0] + removed[1]).toBe(20);
    const rest = await presence.transcript.peek(classId, 1000);
    expect(rest.map((q) => q.seq)).toEqual(Array.from({ length: 22 }, (_, i) => i + 41));
    expect(
      rest
        .slice(-2)
        .map((q) => q.comment.text)
        .sort(),
    ).toEqual(['late 1', 'late 2']);

    // Once ended: no comment is accepted, and the queued ones never expire.
    await presence.end(classId);
    await presence.comments.expireAfterEnd(classId, 60_000);
    expect(await post(200)).toBeNull();
    expect(await client().pttl(commentsKeys.transcriptOutbox(classId))).toBe(-1);
    expect(await client().pttl(commentsKeys.sequence(classId))).toBeGreaterThan(0);
    expect(await presence.transcript.remove(classId, Number.MAX_SAFE_INTEGER)).toBe(22);
    expect(await presence.transcript.backlog(classId)).toEqual({ length: 0, oldestSentAt: null });
  });

  /** Every page of a live roster, following nextCursor; `between` runs after each page. */
  async function wholeRoster(
    classId: string,
    limit: number,
    between?: (page: number) => Promise<void>,
  ) {
    const pages: ParticipantView[][] = [];
    let cursor: string | undefined;
    let count = 0;
    for (let page = 0; page < 1000; page++) {
      const answer = await instance(page).roster.page(classId, cursor, limit);
      expect(answer.items.length).toBeLessThanOrEqual(limit);
      pages.push(answer.items);
      count = answer.count;
      if (!answer.nextCursor) return { pages, items: pages.flat(), count };
      cursor = answer.nextCursor;
      await between?.(page);
    }
    throw new Error('the roster never ended');
  }

  it('pages the live roster of a large class, each page about its own size, everyone listed with name and join time', async () => {
    const { classId } = await liveClass(400);
    const users = Array.from({ length: 300 }, () => id());
    for (let i = 0; i < users.length; i += 50) {
      await Promise.all(
        users.slice(i, i + 50).map((user, j) => instance(j).join(user, classId, `s-${user}`)),
      );
    }
    const { items, count } = await wholeRoster(classId, 50);
    expect(count).toBe(300);
    expect(new Set(items.map((p) => p.userId))).toEqual(new Set(users));
    for (const p of items) {
      expect(p.name).toBe(`User ${p.userId}`);
      expect(Number.isNaN(Date.parse(p.joinedAt))).toBe(false);
    }
    const one = await presence.roster.page(classId, undefined, 1);
    expect(one.items).toHaveLength(1);
    expect(one.nextCursor).not.toBeNull();
  });

  it('pages a small roster in join order, and lists everyone who stays while others come and go', async () => {
    const { classId } = await liveClass(50);
    const start = Date.now();
    const users = Array.from({ length: 12 }, () => id());
    try {
      for (const [i, user] of users.entries()) {
        presence.clock = () => start + i * 1000;
        await presence.join(user, classId, 's');
      }
    } finally {
      presence.clock = Date.now;
    }
    const quiet = await wholeRoster(classId, 5);
    expect(quiet.pages.map((page) => page.length)).toEqual([5, 5, 2]);
    expect(quiet.items.map((p) => p.userId)).toEqual(users);
    expect(quiet.items[3].joinedAt).toBe(new Date(start + 3000).toISOString());

    // While paging, two who were not listed yet leave, one listed leaves, one newcomer joins.
    const newcomer = id();
    const busy = await wholeRoster(classId, 5, async (page) => {
      if (page !== 0) return;
      await presence.leaveUser(users[7], classId);
      await presence.leaveUser(users[9], classId);
      await presence.leaveUser(users[1], classId);
      await presence.join(newcomer, classId, 's');
    });
    const listed = busy.items.map((p) => p.userId);
    const stayers = users.filter((_, i) => ![1, 7, 9].includes(i));
    for (const user of stayers) expect(listed.filter((u) => u === user)).toHaveLength(1);
    expect(listed).not.toContain(users[7]);
    expect(busy.count).toBe(10);
  });

  it('refuses a roster cursor it did not give, and has no one in an ended class', async () => {
    const { classId } = await liveClass(5);
    await presence.join(id(), classId, 's');
    for (const cursor of ['nope', Buffer.from('r1.x').toString('base64url'), 'a'.repeat(200)]) {
      await expect(presence.roster.page(classId, cursor, 10)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    }
    await presence.end(classId);
    expect(await presence.roster.page(classId, undefined, 10)).toEqual({
      items: [],
      count: 0,
      nextCursor: null,
    });
  });
});
