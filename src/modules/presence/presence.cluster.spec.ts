import { execFile, spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Cluster } from 'ioredis';
import type { RedisClient } from '@llms/redis';
import { presenceKeys } from './presence.keys';
import type { PresenceService } from './presence.service';
import { PresenceHarness } from './presence.testing';

/**
 * PresenceService on a real Redis Cluster: every script must touch one slot (else CROSSSLOT),
 * and the invariants of presence.service.spec.ts must hold when the user key and the class keys
 * live on different nodes. Uses REDIS_CLUSTER_NODES when set, else starts a 3-node cluster of its
 * own with tools/redis-cluster.mjs on free ports (so parallel runs never share or stop each
 * other's cluster), and stops it afterwards.
 */
const ROOT = join(__dirname, '..', '..', '..');
const INSTANCES = 6;

const hasRedisTools = ['redis-server', 'redis-cli'].every(
  (tool) => !spawnSync(tool, ['--version']).error,
);
const given = process.env.REDIS_CLUSTER_NODES;
const runnable = Boolean(given) || hasRedisTools;
if (!runnable) {
  console.warn(
    'presence.cluster.spec: SKIPPED, redis-server / redis-cli not installed and REDIS_CLUSTER_NODES not set',
  );
}

function parseNodes(value: string) {
  return value.split(',').map((pair) => {
    const [host, port] = pair.trim().split(':');
    return { host, port: Number(port) };
  });
}

const CLUSTER_SIZE = 3;

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A first port whose CLUSTER_SIZE ports and their cluster-bus ports (+10000) are all free. */
async function freeClusterPorts(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = 7200 + CLUSTER_SIZE * randomInt(0, 250);
    const ports = Array.from({ length: CLUSTER_SIZE }, (_, i) => first + i);
    const free = await Promise.all([...ports, ...ports.map((p) => p + 10_000)].map(portFree));
    if (free.every(Boolean)) return first;
  }
  throw new Error('no free ports for a Redis Cluster between 7200 and 7950');
}

/** Runs tools/redis-cluster.mjs for the cluster whose first port is `first`. */
async function clusterTool(first: number, command: 'start' | 'stop'): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(ROOT, 'tools', 'redis-cluster.mjs'), command],
    {
      cwd: ROOT,
      timeout: 60_000,
      env: {
        ...process.env,
        REDIS_CLUSTER_PORT: String(first),
        REDIS_CLUSTER_SIZE: String(CLUSTER_SIZE),
      },
    },
  );
  return stdout;
}

(runnable ? describe : describe.skip)('PresenceService (real Redis Cluster)', () => {
  let harness: PresenceHarness;
  let clients: RedisClient[];
  let services: PresenceService[];
  let presence: PresenceService;
  /** First port of the cluster this spec started, if it did. */
  let startedAt: number | null = null;
  /** Every rejected command; a CROSSSLOT among them means a script spans two slots. */
  const failures: Error[] = [];

  beforeAll(async () => {
    let nodes = given;
    if (!nodes) {
      startedAt = await freeClusterPorts();
      const stdout = await clusterTool(startedAt, 'start');
      nodes = /^REDIS_CLUSTER_NODES=(\S+)$/m.exec(stdout)?.[1];
      if (!nodes)
        throw new Error(`tools/redis-cluster.mjs printed no REDIS_CLUSTER_NODES:\n${stdout}`);
    }
    harness = await PresenceHarness.connect(
      { url: '', clusterNodes: parseNodes(nodes) },
      INSTANCES,
      watched,
    );
    ({ clients, services, presence } = harness);
  }, 90_000);

  afterAll(async () => {
    await harness?.close();
    if (startedAt !== null) {
      const first = startedAt;
      await clusterTool(first, 'stop');
      for (let i = 0; i < CLUSTER_SIZE; i++) {
        rmSync(join(ROOT, '.data', 'redis-cluster', String(first + i)), {
          recursive: true,
          force: true,
        });
      }
    }
  });

  afterEach(() => {
    expect(
      failures.filter((error) => /CROSSSLOT/.test(error.message)).map((error) => error.message),
    ).toEqual([]);
    expect(failures.map((error) => error.message)).toEqual([]);
    failures.length = 0;
  });

  /** Records every rejection of the service's async methods (and rethrows it). */
  function watched(service: PresenceService): PresenceService {
    return new Proxy(service, {
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
  const cluster = () => clients[0] as Cluster;

  /** The slot ranges of the cluster, each with the host:port of its master. */
  async function slotRanges() {
    const ranges = await cluster().cluster('SLOTS');
    return ranges.map(([from, to, ...nodes]) => ({
      from,
      to,
      master: `${nodes[0][0]}:${nodes[0][1]}`,
    }));
  }

  /** host:port of the master serving a key. */
  async function nodeOf(key: string): Promise<string> {
    const slot = Number(await cluster().cluster('KEYSLOT', key));
    const range = (await slotRanges()).find(({ from, to }) => slot >= from && slot <= to);
    return range?.master ?? 'unassigned';
  }

  const liveClass = (capacity: number, teacherId?: string) =>
    harness.liveClass(capacity, teacherId);
  const outboxRecords = (classId: string) => harness.outboxRecords(classId);

  it('runs on a cluster of several masters, and keeps each class and each user on one slot', async () => {
    const masters = (await slotRanges()).map((range) => range.master);
    expect(new Set(masters).size).toBeGreaterThanOrEqual(3);

    const classId = id();
    const classKeys = [...presenceKeys.classKeys(classId), presenceKeys.countGate(classId)];
    const slots = await Promise.all(classKeys.map((key) => cluster().cluster('KEYSLOT', key)));
    expect(new Set(slots).size).toBe(1);

    // Users and classes spread over the nodes, so joins really cross nodes.
    const userNodes = await Promise.all(
      Array.from({ length: 12 }, () => nodeOf(presenceKeys.userActiveClass(id()))),
    );
    expect(new Set(userNodes).size).toBeGreaterThanOrEqual(2);
  });

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

  it('ends the stay only when the last socket disconnects, writing one record', async () => {
    const { classId } = await liveClass(5);
    const user = id();
    await presence.join(user, classId, 'tab-1');
    await instance(1).join(user, classId, 'tab-2');
    expect(await instance(2).leaveSocket(user, classId, 'tab-1')).toEqual({
      outcome: 'STILL_IN',
      participantCount: 1,
    });
    expect(await presence.getActiveClassId(user)).toBe(classId);
    expect(await instance(3).leaveSocket(user, classId, 'tab-2')).toEqual({
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
    expect(await instance(4).touchParticipant(user, classId, 'phone')).toBe(false);
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

  it('race: 30 students for the last seats through six connections, never over capacity (25 trials)', async () => {
    const STUDENTS = 30;
    let violations = 0;
    for (let trial = 0; trial < 25; trial++) {
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

  it('race: one user joining eight classes (on different nodes) at once (60 trials)', async () => {
    const classes = await Promise.all(Array.from({ length: 8 }, () => liveClass(10_000)));
    const nodes = await Promise.all(
      classes.map((c) => nodeOf(presenceKeys.participants(c.classId))),
    );
    expect(new Set(nodes).size).toBeGreaterThanOrEqual(2);
    let violations = 0;
    for (let trial = 0; trial < 60; trial++) {
      const user = id();
      const results = await Promise.all(
        classes.map((c, i) => instance(i).join(user, c.classId, `s-${trial}`)),
      );
      const joined = results
        .map((r, i) => (r.outcome === 'JOINED' ? classes[i].classId : null))
        .filter((c): c is string => c !== null);
      const active = await presence.getActiveClassId(user);
      const memberships = await Promise.all(
        classes.map((c) => cluster().sismember(presenceKeys.participants(c.classId), user)),
      );
      if (
        joined.length !== 1 ||
        active !== joined[0] ||
        memberships.reduce((a, b) => a + b, 0) !== 1
      )
        violations++;
    }
    expect(violations).toBe(0);
  });

  it('race: a teacher starting two classes at once gets one claim (60 trials)', async () => {
    let violations = 0;
    for (let trial = 0; trial < 60; trial++) {
      const teacher = id();
      const [cx, cy] = await Promise.all([
        instance(trial).claim(teacher, id(), 600_000),
        instance(trial + 1).claim(teacher, id(), 600_000),
      ]);
      if ([cx, cy].filter((c) => c.status === 'CLAIMED').length !== 1) violations++;
    }
    expect(violations).toBe(0);
  });

  it('heartbeats keep participants and the teacher present', async () => {
    const { classId, teacherId } = await liveClass(5);
    const user = id();
    await presence.join(user, classId, 's');
    expect(await instance(1).touchParticipant(user, classId, 's')).toBe(true);
    expect(await instance(2).touchParticipant(user, classId, 'other-socket')).toBe(false);
    expect(await instance(3).touchTeacher(teacherId, classId)).toBe(true);
    expect(await instance(4).touchTeacher(user, classId)).toBe(false);
  });

  it('sweeps silent sockets exactly once with concurrent sweepers, then releases claims', async () => {
    const { classId } = await liveClass(50);
    const users = Array.from({ length: 20 }, () => id());
    await Promise.all(users.map((u, i) => instance(i).join(u, classId, `s-${i}`)));
    const later = Date.now() + presence.ttlMs + 1;
    for (const service of services) service.clock = () => later;
    try {
      await Promise.all(
        users.slice(0, 10).map((u, i) => instance(i).touchParticipant(u, classId, `s-${i}`)),
      );
      const sweeps = await Promise.all(services.map((service) => service.sweep(classId)));
      expect(sweeps.flatMap((s) => s.endedUserIds).sort()).toEqual(users.slice(10).sort());
    } finally {
      for (const service of services) service.clock = Date.now;
    }
    expect(await presence.countParticipants(classId)).toBe(10);
    expect((await outboxRecords(classId)).map((r) => r.userId).sort()).toEqual(
      users.slice(10).sort(),
    );
    const claims = await Promise.all(users.map((u) => presence.getActiveClassId(u)));
    expect(claims.slice(0, 10)).toEqual(Array(10).fill(classId));
    expect(claims.slice(10)).toEqual(Array(10).fill(null));
  });

  it('ends a class once: every open stay recorded, every claim released', async () => {
    const { classId, teacherId } = await liveClass(10);
    const users = Array.from({ length: 5 }, () => id());
    await Promise.all(users.map((u, i) => instance(i).join(u, classId, `s-${i}`)));
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

  it('keeps comments, the count gate and the sweep buckets working on the cluster', async () => {
    const { classId, teacherId } = await liveClass(5);
    const student = id();
    await presence.join(student, classId, 's');
    for (let i = 0; i < 7; i++) {
      expect(
        await instance(i).pushComment(
          classId,
          i % 2 ? teacherId : student,
          JSON.stringify({ i }),
          5,
        ),
      ).toBe(true);
    }
    expect(await presence.pushComment(classId, id(), '{}', 5)).toBe(false);
    expect((await presence.recentComments(classId, 5)).map((c) => JSON.parse(c).i)).toEqual([
      2, 3, 4, 5, 6,
    ]);

    const gates = await Promise.all(services.map((s) => s.takeCountGate(classId, 1000)));
    expect(gates.filter(Boolean)).toHaveLength(1);

    const bucket = presenceKeys.sweepBucketOf(classId);
    await cluster().zadd(bucket, Date.now() - 1, classId);
    const leased = await Promise.all(
      services.map((s) => s.claimDueClasses(bucket, 1000, Date.now() + 5000)),
    );
    expect(leased.filter((ids) => ids.includes(classId))).toHaveLength(1);
    await presence.reschedule(classId, null);
    expect(await cluster().zscore(bucket, classId)).toBeNull();
  });
});
