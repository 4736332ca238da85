import type { Json } from '../support/json';
import {
  connect,
  emitAck,
  eventually,
  students,
  type TestSocket,
  joinClass,
  rememberJoinCode,
} from '../support/live';
import { spawnInstances, startOwnMongo } from '../support/processes';
import { startTestApp, testEnv, type TestApp } from '../support/test-app';
import { UserSession } from '../support/user-session';

const TTL_SECONDS = 3;

describe('failures (e2e)', () => {
  const sockets: TestSocket[] = [];
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });

  it('SIGKILL of the instance holding the sockets: everyone released, attendance written once', async () => {
    const [survivor, doomed] = await spawnInstances(2, {
      PRESENCE_TTL_SECONDS: String(TTL_SECONDS),
    });
    try {
      const teacher = await UserSession.register(survivor.url, {
        capabilities: ['TEACHER'],
        name: 'Teacher',
      });
      const cls = (await teacher.post('/api/classes', { title: 'Crash', capacity: 20 })).body.data
        .class;
      rememberJoinCode(cls);
      const classId = cls.id;
      await teacher.post(`/api/classes/${classId}/start`);
      const crowd = await students(survivor.url, 6);
      for (const student of crowd) {
        const socket = await connect(doomed.url, student);
        sockets.push(socket);
        expect((await joinClass(socket, classId)).success).toBe(true);
      }
      expect((await teacher.get(`/api/classes/${classId}`)).body.data.class.participantCount).toBe(
        6,
      );

      const killedAt = Date.now();
      await doomed.stop('SIGKILL');
      await eventually(
        async () =>
          (await teacher.get(`/api/classes/${classId}`)).body.data.class.participantCount === 0,
        15_000,
        'release after SIGKILL',
      );
      const releasedAfterMs = Date.now() - killedAt;
      console.log(
        `release after SIGKILL: ${releasedAfterMs} ms (PRESENCE_TTL_SECONDS=${TTL_SECONDS}, ratio ${(releasedAfterMs / (TTL_SECONDS * 1000)).toFixed(2)} of the TTL)`,
      );
      expect(releasedAfterMs).toBeLessThan((TTL_SECONDS + 3) * 1000);
      for (const student of crowd) {
        expect((await student.get('/api/users/me')).body.data.user.activeClassId).toBeNull();
      }
      await eventually(
        async () =>
          (await teacher.get(`/api/classes/${classId}/attendance`)).body.data.items.length >= 6,
        10_000,
      );
      await teacher.post(`/api/classes/${classId}/end`);
      const report = (await teacher.get(`/api/classes/${classId}/attendance`)).body.data;
      expect(report.items).toHaveLength(6);
      expect(new Set(report.items.map((i: { userId: string }) => i.userId)).size).toBe(6);
      expect(report.summary).toHaveLength(6);
    } finally {
      await doomed.stop('SIGKILL');
      await survivor.stop();
    }
  });

  it('MongoDB down while a class ends: the end succeeds and every record arrives once it is back', async () => {
    let mongo = await startOwnMongo();
    let app: TestApp | null = null;
    try {
      app = await startTestApp(
        testEnv({ MONGODB_URI: mongo.uri, PRESENCE_TTL_SECONDS: String(TTL_SECONDS) }),
      );
      const teacher = await UserSession.register(app.url, { capabilities: ['TEACHER'] });
      const cls = (await teacher.post('/api/classes', { title: 'Outage', capacity: 20 })).body.data
        .class;
      rememberJoinCode(cls);
      const classId = cls.id;
      await teacher.post(`/api/classes/${classId}/start`);
      const crowd = await students(app.url, 5);
      const crowdSockets = await Promise.all(crowd.map((s) => connect(app!.url, s)));
      sockets.push(...crowdSockets);
      for (const socket of crowdSockets)
        expect((await joinClass(socket, classId)).success).toBe(true);
      // One stay ends before the outage, one during it (a leave), the rest when the class ends.
      await emitAck(crowdSockets[0], 'LEAVE_CLASS', { classId });
      await eventually(
        async () =>
          (await teacher.get(`/api/classes/${classId}/attendance`)).body.data.items.length === 1,
      );

      await mongo.stop('SIGKILL');
      expect((await emitAck(crowdSockets[1], 'LEAVE_CLASS', { classId })).success).toBe(true);
      const ended = await teacher.post(`/api/classes/${classId}/end`);
      expect(ended.status).toBe(200);
      expect(ended.body.data.class.status).toBe('ENDED');
      // MongoDB is reported down but does not take the instance out of rotation (see
      // HealthController): live classes still run on Redis.
      const readiness = await fetch(`${app.url}/health/ready`);
      expect(readiness.status).toBe(200);
      expect(((await readiness.json()) as Json).data.checks.mongodb.status).toBe('down');

      mongo = await startOwnMongo(mongo.dataDir, mongo.port);
      await eventually(
        async () => {
          const res = await teacher.get(`/api/classes/${classId}/attendance`);
          return res.status === 200 && res.body.data.items.length === 5;
        },
        30_000,
        'every attendance record after MongoDB is back',
      );
      const report = (await teacher.get(`/api/classes/${classId}/attendance`)).body.data;
      expect(new Set(report.items.map((i: { userId: string }) => i.userId)).size).toBe(5);
      await eventually(
        async () =>
          (await teacher.get(`/api/classes/${classId}`)).body.data.class.status === 'ENDED',
      );
    } finally {
      await app?.close();
      await mongo.stop();
    }
  });
});
