import {
  connect,
  emitAck,
  students,
  teacherWithClass,
  type TestSocket,
  joinClass,
} from '../support/live';
import { startTestApp, testEnv, type TestApp } from '../support/test-app';
import { UserSession } from '../support/user-session';

describe('classes REST (e2e)', () => {
  let t: TestApp;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    t = await startTestApp(testEnv({ PARTICIPANT_COUNT_INTERVAL_MS: '50' }));
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await t.close();
  });

  describe('POST /api/classes', () => {
    it('creates a class for a teacher with the contract shape', async () => {
      const teacher = await UserSession.register(t.url, { capabilities: ['TEACHER'] });
      const res = await teacher.post('/api/classes', { title: '  Algebra  ', capacity: 25 });
      expect(res.status).toBe(201);
      const cls = res.body.data.class;
      expect(cls).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        title: 'Algebra',
        capacity: 25,
        status: 'CREATED',
        createdBy: teacher.user.id,
        joinCode: expect.stringMatching(/^[A-Z2-9]{10}$/),
        joinUrl: `${t.url}/join/${cls.joinCode}`,
        participantCount: 0,
        createdAt: expect.any(String),
        startedAt: null,
        endedAt: null,
      });
    });

    it('refuses a user without the TEACHER capability', async () => {
      const student = await UserSession.register(t.url);
      const res = await student.post('/api/classes', { title: 'x', capacity: 5 });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('CAPABILITY_REQUIRED');
    });

    it.each([
      [{ title: '', capacity: 5 }, 'title'],
      [{ title: 'x', capacity: 0 }, 'capacity'],
      [{ title: 'x', capacity: 2.5 }, 'capacity'],
      [{ title: 'x', capacity: '5' }, 'capacity'],
      [{ title: { $gt: '' }, capacity: 5 }, 'title'],
      [{ title: 'x', capacity: 5, status: 'LIVE' }, 'status'],
    ])('rejects %j with VALIDATION_FAILED naming %s', async (body, field) => {
      const teacher = await UserSession.register(t.url, { capabilities: ['TEACHER'] });
      const res = await teacher.post('/api/classes', body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details?.map((d) => d.field)).toContain(field);
    });

    it('refuses a teacher who is active in a live class', async () => {
      const { teacher } = await teacherWithClass(t.url, { start: true });
      const res = await teacher.post('/api/classes', { title: 'second', capacity: 5 });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('ALREADY_ACTIVE');
    });

    it('requires the CSRF token', async () => {
      const teacher = await UserSession.register(t.url, { capabilities: ['TEACHER'] });
      const res = await teacher.post('/api/classes', { title: 'x', capacity: 5 }, { csrf: false });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('CSRF_TOKEN_INVALID');
    });
  });

  describe('reading classes', () => {
    it('gets a class by id and by join code; unknown ones are CLASS_NOT_FOUND', async () => {
      const { cls, teacher } = await teacherWithClass(t.url);
      const reader = await UserSession.register(t.url);
      // The join code and link only in the creator's view (and to whoever holds the code).
      const { joinCode, joinUrl, ...publicView } = cls;
      expect((await reader.get(`/api/classes/${cls.id}`)).body.data.class).toEqual(publicView);
      expect((await teacher.get(`/api/classes/${cls.id}`)).body.data.class).toEqual(cls);
      expect((await reader.get(`/api/classes/by-code/${cls.joinCode}`)).body.data.class).toEqual(
        cls,
      );
      for (const path of [
        '/api/classes/000000000000000000000000',
        '/api/classes/not-an-id',
        '/api/classes/by-code/NOPE',
      ]) {
        const res = await reader.get(path);
        expect([path, res.status, res.body.error.code]).toEqual([path, 404, 'CLASS_NOT_FOUND']);
      }
    });

    it('requires sign-in', async () => {
      const res = await fetch(`${t.url}/api/classes`);
      expect(res.status).toBe(401);
    });

    it('lists mine newest first with a cursor, filtered by status', async () => {
      const teacher = await UserSession.register(t.url, { capabilities: ['TEACHER'] });
      const ids: string[] = [];
      for (let i = 0; i < 5; i++)
        ids.push(
          (await teacher.post('/api/classes', { title: `c${i}`, capacity: 3 })).body.data.class.id,
        );
      await teacher.post(`/api/classes/${ids[1]}/start`);
      const first = await teacher.get('/api/classes?mine=true&limit=2');
      expect(first.body.data.items.map((c: { id: string }) => c.id)).toEqual([ids[4], ids[3]]);
      const second = await teacher.get(
        `/api/classes?mine=true&limit=2&cursor=${first.body.data.nextCursor}`,
      );
      expect(second.body.data.items.map((c: { id: string }) => c.id)).toEqual([ids[2], ids[1]]);
      const third = await teacher.get(
        `/api/classes?mine=true&limit=2&cursor=${second.body.data.nextCursor}`,
      );
      expect(third.body.data.items.map((c: { id: string }) => c.id)).toEqual([ids[0]]);
      expect(third.body.data.nextCursor).toBeNull();
      const live = await teacher.get('/api/classes?mine=true&status=LIVE');
      expect(live.body.data.items.map((c: { id: string }) => c.id)).toEqual([ids[1]]);
      for (const bad of ['limit=0', 'limit=101', 'status=DONE', 'cursor=xyz', 'mine=maybe']) {
        const res = await teacher.get(`/api/classes?${bad}`);
        expect([bad, res.status, res.body.error.code]).toEqual([bad, 400, 'VALIDATION_FAILED']);
      }
    });
  });

  describe('start and end', () => {
    it('starts a CREATED class once; the creator becomes active in it', async () => {
      const { teacher, cls } = await teacherWithClass(t.url);
      const started = await teacher.post(`/api/classes/${cls.id}/start`);
      expect(started.status).toBe(200);
      expect(started.body.data.class).toMatchObject({
        status: 'LIVE',
        startedAt: expect.any(String),
        endedAt: null,
      });
      expect((await teacher.get('/api/users/me')).body.data.user.activeClassId).toBe(cls.id);
      const again = await teacher.post(`/api/classes/${cls.id}/start`);
      expect([again.status, again.body.error.code]).toEqual([409, 'CLASS_INVALID_STATE']);
    });

    it('two concurrent starts of one class: one succeeds, one is CLASS_INVALID_STATE', async () => {
      const { teacher, cls } = await teacherWithClass(t.url);
      const results = await Promise.all(
        [1, 2, 3].map(() => teacher.post(`/api/classes/${cls.id}/start`)),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
      expect(results.filter((r) => r.status === 409).map((r) => r.body.error.code)).toEqual([
        'CLASS_INVALID_STATE',
        'CLASS_INVALID_STATE',
      ]);
    });

    it('only the creator may start, end or read the report', async () => {
      const { cls } = await teacherWithClass(t.url);
      const other = await UserSession.register(t.url, { capabilities: ['TEACHER'] });
      for (const [method, path] of [
        ['POST', `/api/classes/${cls.id}/start`],
        ['POST', `/api/classes/${cls.id}/end`],
        ['GET', `/api/classes/${cls.id}/attendance`],
      ]) {
        const res = await other.request(method, path);
        expect([path, res.status, res.body.error.code]).toEqual([path, 403, 'FORBIDDEN']);
      }
    });

    it('a teacher starting two classes at once gets exactly one (single active class)', async () => {
      const racer = await UserSession.register(t.url, { capabilities: ['TEACHER'] });
      const a = (await racer.post('/api/classes', { title: 'a', capacity: 3 })).body.data.class.id;
      const b = (await racer.post('/api/classes', { title: 'b', capacity: 3 })).body.data.class.id;
      const results = await Promise.all([
        racer.post(`/api/classes/${a}/start`),
        racer.post(`/api/classes/${b}/start`),
      ]);
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 409]);
      expect(results.find((r) => r.status === 409)!.body.error.code).toBe('ALREADY_ACTIVE');
    });

    it('cannot end a class that is not live', async () => {
      const { teacher, cls } = await teacherWithClass(t.url);
      const res = await teacher.post(`/api/classes/${cls.id}/end`);
      expect([res.status, res.body.error.code]).toEqual([409, 'CLASS_INVALID_STATE']);
    });

    it('ends a live class: everyone leaves, attendance is written, the teacher is released', async () => {
      const { teacher, classId } = await teacherWithClass(t.url, { start: true, capacity: 5 });
      const [s1, s2] = await students(t.url, 2);
      for (const s of [s1, s2]) {
        const socket = await connect(t.url, s);
        sockets.push(socket);
        expect((await joinClass(socket, classId)).success).toBe(true);
      }
      expect((await teacher.get(`/api/classes/${classId}`)).body.data.class.participantCount).toBe(
        2,
      );
      const ended = await teacher.post(`/api/classes/${classId}/end`);
      expect(ended.status).toBe(200);
      expect(ended.body.data.class).toMatchObject({
        status: 'ENDED',
        participantCount: 0,
        endedAt: expect.any(String),
      });
      expect((await teacher.get(`/api/classes/${classId}`)).body.data.class.status).toBe('ENDED');
      for (const user of [teacher, s1, s2]) {
        expect((await user.get('/api/users/me')).body.data.user.activeClassId).toBeNull();
      }
      const report = await teacher.get(`/api/classes/${classId}/attendance`);
      expect(report.status).toBe(200);
      expect(report.body.data.items).toHaveLength(2);
      expect(report.body.data.items.map((i: { userId: string }) => i.userId).sort()).toEqual(
        [s1.user.id, s2.user.id].sort(),
      );
      for (const item of report.body.data.items) {
        expect(item).toEqual({
          userId: expect.any(String),
          name: expect.stringMatching(/^Student/),
          joinedAt: expect.any(String),
          leftAt: expect.any(String),
          durationSeconds: expect.any(Number),
        });
      }
      expect(report.body.data.summary).toHaveLength(2);
      const again = await teacher.post(`/api/classes/${classId}/end`);
      expect([again.status, again.body.error.code]).toEqual([409, 'CLASS_INVALID_STATE']);
      // Once ended, the teacher is free to create another class.
      expect((await teacher.post('/api/classes', { title: 'next', capacity: 2 })).status).toBe(201);
    });

    it('gives the report as CSV and my own attendance newest first', async () => {
      const { teacher, classId } = await teacherWithClass(t.url, {
        start: true,
        title: 'CSV class',
      });
      const [student] = await students(t.url, 1);
      const socket = await connect(t.url, student);
      sockets.push(socket);
      await joinClass(socket, classId);
      await emitAck(socket, 'LEAVE_CLASS', { classId });
      await joinClass(socket, classId);
      await teacher.post(`/api/classes/${classId}/end`);
      const csv = await fetch(`${t.url}/api/classes/${classId}/attendance?format=csv`, {
        headers: { cookie: teacher.cookieHeader() },
      });
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      const lines = (await csv.text()).trim().split('\r\n');
      expect(lines[0]).toBe('userId,name,joinedAt,leftAt,durationSeconds');
      expect(lines).toHaveLength(3);
      expect(lines[1].startsWith(`${student.user.id},Student 1,`)).toBe(true);
      const bad = await teacher.get(`/api/classes/${classId}/attendance?format=xml`);
      expect(bad.status).toBe(400);
      const mine = await student.get('/api/users/me/attendance');
      expect(mine.status).toBe(200);
      expect(mine.body.data.items).toHaveLength(2);
      expect(mine.body.data.items[0]).toMatchObject({ classId, classTitle: 'CSV class' });
      expect(Date.parse(mine.body.data.items[0].joinedAt)).toBeGreaterThanOrEqual(
        Date.parse(mine.body.data.items[1].joinedAt),
      );
    });
  });
});
