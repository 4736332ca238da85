import { randomBytes } from 'node:crypto';
import { presenceKeys } from '../../src/modules/presence';
import { classRoom, userRoom } from '../../src/modules/realtime/realtime.rooms';
import { freePort, killNode, primaryForKey, restartNode, waitForFailover } from '../../tools/lib';
import {
  connect,
  emitAck,
  eventually,
  joinClass,
  record,
  rememberJoinCode,
  sleep,
  students,
  type TestSocket,
} from '../support/live';
import { metricValue } from '../support/metrics';
import { spawnApp, spawnInstances, type ChildServer } from '../support/processes';
import { shardSubscribers } from '../support/pubsub-probe';
import { ownRedisCluster, type OwnCluster } from '../support/redis-cluster';
import { testEnv } from '../support/test-app';
import { UserSession } from '../support/user-session';

/**
 * Longer than a failover takes here (about 4 s with a 3 s cluster-node-timeout), so renewals
 * resume before any lease passes; a dead instance's users still leave within it plus a sweep.
 */
const TTL_SECONDS = 10;

/**
 * Scale-out on a real Redis Cluster (3 primaries, 3 replicas) with three app instances (the built
 * app, as separate processes): fan-out reaches only the instances holding a class's sockets,
 * subscriptions follow class rooms and not users, presence and attendance hold across instances
 * and slots, a dead instance's users leave within the TTL plus a sweep even with heartbeats it
 * never renewed, and the loss of a primary is survived without restarting anything.
 */
describe('scale-out on a Redis Cluster (e2e, three instances)', () => {
  let cluster: OwnCluster;
  let apps: ChildServer[];
  let prefix: string;
  const sockets: TestSocket[] = [];
  const stops: (() => void)[] = [];
  const open = async (app: ChildServer, session: UserSession) => {
    const socket = await connect(app.url, session);
    sockets.push(socket);
    return socket;
  };
  const keepAlive = (socket: TestSocket) => {
    const timer = setInterval(() => socket.emit('HEARTBEAT', {}, () => undefined), 1000);
    stops.push(() => clearInterval(timer));
  };

  beforeAll(async () => {
    cluster = await ownRedisCluster({ primaries: 3, replicasPerPrimary: 1 });
    prefix = `cluster-${randomBytes(3).toString('hex')}:`;
    apps = await spawnInstances(3, {
      REDIS_CLUSTER_NODES: cluster.redis.clusterNodes!.map((n) => `${n.host}:${n.port}`).join(','),
      REDIS_KEY_PREFIX: prefix,
      PRESENCE_TTL_SECONDS: String(TTL_SECONDS),
      PARTICIPANT_COUNT_INTERVAL_MS: '50',
    });
  }, 120_000);

  afterEach(() => {
    for (const stop of stops.splice(0)) stop();
    for (const socket of sockets.splice(0)) socket.close();
  });

  afterAll(async () => {
    await Promise.all((apps ?? []).map((app) => app.stop()));
    await cluster?.stop();
  });

  /** A live class on the first instance; its teacher keeps a socket (on `teacherOn`) alive. */
  async function liveClass(capacity = 50, teacherOn = 0) {
    const teacher = await UserSession.register(apps[0].url, {
      capabilities: ['TEACHER'],
      name: 'Teacher',
    });
    const created = (await teacher.post('/api/classes', { title: 'Spread out', capacity })).body;
    const classId = created.data.class.id as string;
    rememberJoinCode((await teacher.post(`/api/classes/${classId}/start`)).body.data.class);
    const teacherSocket = await open(apps[teacherOn], teacher);
    keepAlive(teacherSocket);
    return { teacher, classId, teacherSocket };
  }

  const classMessages = (app: ChildServer) =>
    metricValue(app.url, 'llms_fanout_messages_received_total', { channel: 'class' });
  const classChannel = (classId: string) => `${prefix}socket.io#/#${classRoom(classId)}#`;

  it("sends a class's messages only to the instances holding its sockets", async () => {
    const [a, b, c] = apps;
    const x = await liveClass(50, 0);
    const y = await liveClass(50, 2);
    const [onA, onB] = await Promise.all(
      (await students(a.url, 2)).map((s, i) => open(i ? b : a, s)),
    );
    for (const socket of [onA, onB])
      expect((await joinClass(socket, x.classId)).success).toBe(true);
    const onC = await open(c, (await students(a.url, 1))[0]);
    expect((await joinClass(onC, y.classId)).success).toBe(true);
    await eventually(
      async () => (await shardSubscribers(cluster.redis, classChannel(x.classId))) === 2,
    );
    expect(await shardSubscribers(cluster.redis, classChannel(y.classId))).toBe(1);

    await sleep(500); // the join's coalesced PARTICIPANT_COUNT frames go out first
    const before = await Promise.all(apps.map(classMessages));
    const heardOnB = record(onB, 'COMMENT');
    for (let i = 0; i < 15; i++) {
      expect((await emitAck(onA, 'COMMENT', { classId: x.classId, text: `x ${i}` })).success).toBe(
        true,
      );
    }
    await eventually(() => heardOnB.length === 15, 5000, 'B hears all of them');
    await sleep(300);
    const after = await Promise.all(apps.map(classMessages));
    const received = after.map((value, i) => value - before[i]);
    // B received the comments (and the count frames); C, with no socket in X, received nothing.
    expect(received[1]).toBeGreaterThanOrEqual(15);
    expect(received[2]).toBe(0);
    expect(
      await metricValue(c.url, 'llms_fanout_messages_received_total', {
        channel: 'class',
        local: 'false',
      }),
    ).toBe(0);
  });

  it('subscribes to class rooms, never to user rooms: 30 connected users add no subscription', async () => {
    const [a] = apps;
    const crowd = await students(a.url, 30);
    await Promise.all(crowd.map((s) => open(a, s)));
    const userChannels = await Promise.all(
      crowd
        .slice(0, 10)
        .map((s) =>
          shardSubscribers(cluster.redis, `${prefix}socket.io#/#${userRoom(s.user.id)}#`),
        ),
    );
    expect(userChannels).toEqual(Array(10).fill(0));
  });

  it('admits up to capacity from all three instances at once, and counts each user once', async () => {
    const { classId, teacher } = await liveClass(10);
    const crowd = await students(apps[0].url, 24);
    const crowdSockets = await Promise.all(crowd.map((s, i) => open(apps[i % 3], s)));
    const acks = await Promise.all(crowdSockets.map((s) => joinClass(s, classId)));
    expect(acks.filter((ack) => ack.success)).toHaveLength(10);
    expect(acks.filter((ack) => ack.error?.code === 'CLASS_FULL')).toHaveLength(14);
    // A second tab of an admitted user on another instance is not counted twice.
    const admitted = crowd[acks.findIndex((ack) => ack.success)];
    const secondTab = await open(apps[(acks.findIndex((ack) => ack.success) + 1) % 3], admitted);
    expect((await joinClass(secondTab, classId)).data.participantCount).toBe(10);
    expect((await teacher.get(`/api/classes/${classId}`)).body.data.class.participantCount).toBe(
      10,
    );
  });

  it('a SIGKILLed instance holding heartbeats it never renewed: its users leave within the TTL plus a sweep, each written once', async () => {
    const port = await freePort();
    const doomed = await spawnApp({
      ...testEnv({
        REDIS_CLUSTER_NODES: cluster.redis
          .clusterNodes!.map((n) => `${n.host}:${n.port}`)
          .join(','),
        REDIS_KEY_PREFIX: prefix,
        PRESENCE_TTL_SECONDS: String(TTL_SECONDS),
        CORS_ORIGINS: `${apps[0].url},http://127.0.0.1:${port}`,
        PUBLIC_URL: apps[0].url,
      }),
      PORT: String(port),
    });
    const { classId, teacher } = await liveClass(20);
    const crowd = await students(apps[0].url, 6);
    for (const student of crowd) {
      const socket = await open(doomed, student);
      expect((await joinClass(socket, classId)).success).toBe(true);
      keepAlive(socket);
    }
    const [stayer] = await students(apps[0].url, 1, 'Stayer');
    const survivor = await open(apps[1], stayer);
    expect((await joinClass(survivor, classId)).success).toBe(true);
    keepAlive(survivor);
    // Heartbeats keep arriving and are recorded by the doomed instance between its renewals.
    await sleep(1500);
    const killedAt = Date.now();
    await doomed.stop('SIGKILL');
    await eventually(
      async () =>
        (await teacher.get(`/api/classes/${classId}`)).body.data.class.participantCount === 1,
      15_000,
      "the dead instance's users released",
    );
    const releasedAfterMs = Date.now() - killedAt;
    expect(releasedAfterMs).toBeLessThan((TTL_SECONDS + 2) * 1000);
    await teacher.post(`/api/classes/${classId}/end`);
    const report = (await teacher.get(`/api/classes/${classId}/attendance`)).body.data;
    const stays = report.items.map((item: { userId: string }) => item.userId).sort();
    expect(stays).toEqual([...crowd, stayer].map((student) => student.user.id).sort());
    console.log(
      `cluster: a SIGKILLed instance's users were released ${releasedAfterMs} ms after the kill (TTL ${TTL_SECONDS} s)`,
    );
  });

  it('survives the loss of the primary holding a live class, without an app restart', async () => {
    const { classId, teacher, teacherSocket } = await liveClass(30, 2);
    const crowd = await students(apps[0].url, 6);
    const crowdSockets: TestSocket[] = [];
    for (const [i, student] of crowd.entries()) {
      const socket = await open(apps[i % 3], student);
      expect((await joinClass(socket, classId)).success).toBe(true);
      keepAlive(socket);
      crowdSockets.push(socket);
    }
    const heardByTeacher = record<{ text: string }>(teacherSocket, 'COMMENT');
    // Churners leave and join again all through the outage: every acknowledged LEAVE_CLASS is a
    // stay that must be recorded; what the failover loses shows in the report.
    const churners = await students(apps[0].url, 3, 'Churner');
    const churn = { stop: false, leaves: 0, joined: new Set<string>() };
    const churning = churners.map(async (student, i) => {
      const socket = await open(apps[i], student);
      keepAlive(socket);
      if ((await joinClass(socket, classId)).success) churn.joined.add(student.user.id);
      while (!churn.stop) {
        const left = await emitAck(socket, 'LEAVE_CLASS', { classId }, 20_000).catch(() => null);
        if (left?.success) {
          churn.leaves++;
          churn.joined.delete(student.user.id);
        }
        const joined = await joinClass(socket, classId).catch(() => null);
        if (joined?.success) churn.joined.add(student.user.id);
        await sleep(150);
      }
    });
    await sleep(300);
    const { primary } = await primaryForKey(
      cluster.local!,
      `${prefix}${presenceKeys.meta(classId)}`,
    );
    const killed = await killNode(cluster.local!, primary);
    // Students keep talking through the outage: the first comment that makes the round trip (A
    // or B accepts it, C's teacher socket hears it) marks the recovery.
    let recoveredAt = 0;
    for (let attempt = 0; attempt < 300 && !recoveredAt; attempt++) {
      const text = `during failover ${attempt}`;
      const ack = await emitAck(
        crowdSockets[attempt % 2],
        'COMMENT',
        { classId, text },
        2000,
      ).catch(() => null);
      if (ack?.success) {
        await eventually(
          () => heardByTeacher.some((c) => c.text === text),
          5000,
          'the teacher hears it',
        ).then(
          () => (recoveredAt = Date.now()),
          () => undefined,
        );
      }
      if (!recoveredAt) await sleep(100);
    }
    const failover = await waitForFailover(cluster.local!, killed, { timeoutMs: 30_000 });
    await sleep(1000);
    churn.stop = true;
    await Promise.all(churning);
    expect(recoveredAt).toBeGreaterThan(0);
    const recoveryMs = recoveredAt - killed.killedAt;
    // Joins work again (a new student on every instance), heartbeats answer, the invariants hold.
    const late = await students(apps[0].url, 3, 'Late');
    for (const [i, student] of late.entries()) {
      const socket = await open(apps[i], student);
      expect((await joinClass(socket, classId)).success).toBe(true);
      expect((await emitAck(socket, 'HEARTBEAT', {})).success).toBe(true);
    }
    const count = (await teacher.get(`/api/classes/${classId}`)).body.data.class.participantCount;
    const expected = crowd.length + late.length + churn.joined.size;
    expect(count).toBeLessThanOrEqual(30);
    for (const student of [...crowd, ...late]) {
      expect((await student.get('/api/users/me')).body.data.user.activeClassId).toBe(classId);
    }
    await teacher.post(`/api/classes/${classId}/end`);
    const report = (await teacher.get(`/api/classes/${classId}/attendance`)).body.data;
    for (const student of [...crowd, ...late, ...churners]) {
      expect((await student.get('/api/users/me')).body.data.user.activeClassId).toBeNull();
    }
    // Every acknowledged leave and every stay open at the end has its record; an operation whose
    // ack was lost with its connection may have happened too, so more is possible, never fewer.
    const lost = Math.max(0, expected + churn.leaves - report.items.length);
    console.log(
      `cluster failover: promotion after ${failover.tookMs} ms, comments round-trip again ` +
        `${recoveryMs} ms after the kill; participants ${count} (expected ${expected}); ` +
        `stays recorded ${report.items.length} for ${expected + churn.leaves} acknowledged ` +
        `(${churn.leaves} leaves during and after the outage): ${lost} lost`,
    );
    expect(count).toBe(expected);
    expect(lost).toBe(0);
    await restartNode(cluster.local!, killed, { timeoutMs: 30_000 });
  }, 90_000);
});
