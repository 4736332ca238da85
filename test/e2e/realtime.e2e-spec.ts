import {
  emitAck,
  eventually,
  record,
  refusal,
  sleep,
  students,
  teacherWithClass,
  joinClass,
} from '../support/live';
import { useInstances } from '../support/instances';
import type { TestApp } from '../support/test-app';
import { UserSession } from '../support/user-session';

const INTERVAL_MS = 100;

describe('real-time channel (e2e)', () => {
  const { apps, open: openOn } = useInstances(1, {
    PARTICIPANT_COUNT_INTERVAL_MS: String(INTERVAL_MS),
    COMMENT_RATE_LIMIT_PER_MINUTE: '5',
    PRESENCE_TTL_SECONDS: '3',
  });
  let t: TestApp;
  beforeAll(() => ([t] = apps));
  const open = (session: UserSession | null) => openOn(t, session);

  describe('handshake', () => {
    it('refuses a connection without the access cookie: UNAUTHENTICATED', async () => {
      expect((await refusal(t.url, null)).data).toEqual({ code: 'UNAUTHENTICATED' });
    });

    it('refuses a foreign or missing Origin: ORIGIN_NOT_ALLOWED', async () => {
      const user = await UserSession.register(t.url);
      expect((await refusal(t.url, user, { origin: 'https://evil.example' })).data).toEqual({
        code: 'ORIGIN_NOT_ALLOWED',
      });
      expect((await refusal(t.url, user, { origin: null })).data).toEqual({
        code: 'ORIGIN_NOT_ALLOWED',
      });
    });

    it('refuses a token sent any other way than the cookie', async () => {
      const user = await UserSession.register(t.url);
      const token = user.jar.get('access_token')!;
      const error = await refusal(t.url, null, {
        query: { token },
        auth: { token },
        headers: { authorization: `Bearer ${token}` },
      });
      expect(error.data).toEqual({ code: 'UNAUTHENTICATED' });
    });

    it('refuses a logged-out session', async () => {
      const user = await UserSession.register(t.url);
      const cookie = user.cookieHeader();
      await user.logout();
      expect((await refusal(t.url, null, { headers: { cookie } })).data).toEqual({
        code: 'UNAUTHENTICATED',
      });
    });
  });

  describe('JOIN_CLASS', () => {
    it('joins a live class and answers with the count and recent comments', async () => {
      const { classId } = await teacherWithClass(t.url, { start: true });
      const [s] = await students(t.url, 1);
      const ack = await joinClass(await open(s), classId);
      expect(ack).toEqual({
        success: true,
        data: { classId, participantCount: 1, recentComments: [] },
      });
      expect((await s.get('/api/users/me')).body.data.user.activeClassId).toBe(classId);
    });

    it('answers CLASS_NOT_FOUND, CLASS_NOT_LIVE and VALIDATION_FAILED', async () => {
      const { classId } = await teacherWithClass(t.url);
      const [s] = await students(t.url, 1);
      const socket = await open(s);
      expect((await joinClass(socket, '000000000000000000000000')).error.code).toBe(
        'CLASS_NOT_FOUND',
      );
      expect((await joinClass(socket, classId)).error.code).toBe('CLASS_NOT_LIVE');
      for (const bad of [
        {},
        { classId: 'nope' },
        { classId: { $ne: null } },
        'string',
        [1],
        null,
        { classId, extra: 1 },
      ]) {
        const ack = await emitAck(socket, 'JOIN_CLASS', bad);
        expect([bad, ack.success, ack.error.code]).toEqual([bad, false, 'VALIDATION_FAILED']);
      }
      expect((await s.get('/api/users/me')).body.data.user.activeClassId).toBeNull();
    });

    it('refuses a full class with CLASS_FULL', async () => {
      const { classId } = await teacherWithClass(t.url, { start: true, capacity: 2 });
      const [a, b, c] = await students(t.url, 3);
      expect((await joinClass(await open(a), classId)).success).toBe(true);
      expect((await joinClass(await open(b), classId)).success).toBe(true);
      expect((await joinClass(await open(c), classId)).error.code).toBe('CLASS_FULL');
      expect((await c.get('/api/users/me')).body.data.user.activeClassId).toBeNull();
    });

    it('refuses ALREADY_ACTIVE elsewhere, and the teacher in their own class', async () => {
      const first = await teacherWithClass(t.url, { start: true });
      const second = await teacherWithClass(t.url, { start: true });
      const [s] = await students(t.url, 1);
      const socket = await open(s);
      await joinClass(socket, first.classId);
      const ack = await joinClass(socket, second.classId);
      expect(ack.error.code).toBe('ALREADY_ACTIVE');
      const teacherSocket = await open(first.teacher);
      expect((await joinClass(teacherSocket, first.classId)).error.code).toBe('ALREADY_ACTIVE');
    });

    it('a second tab succeeds and is not counted twice; the stay ends with the last socket', async () => {
      const { classId, teacher } = await teacherWithClass(t.url, { start: true });
      const [s] = await students(t.url, 1);
      const tab1 = await open(s);
      const tab2 = await open(s);
      expect((await joinClass(tab1, classId)).data.participantCount).toBe(1);
      expect((await joinClass(tab2, classId)).data.participantCount).toBe(1);
      tab1.close();
      await sleep(200);
      expect((await teacher.get(`/api/classes/${classId}`)).body.data.class.participantCount).toBe(
        1,
      );
      expect((await s.get('/api/users/me')).body.data.user.activeClassId).toBe(classId);
      tab2.close();
      await eventually(
        async () =>
          (await teacher.get(`/api/classes/${classId}`)).body.data.class.participantCount === 0,
      );
      await eventually(
        async () => (await s.get('/api/users/me')).body.data.user.activeClassId === null,
      );
      await teacher.post(`/api/classes/${classId}/end`);
      const report = await teacher.get(`/api/classes/${classId}/attendance`);
      expect(report.body.data.items).toHaveLength(1);
    });
  });

  describe('LEAVE_CLASS and disconnect', () => {
    it('leaves, then answers NOT_IN_CLASS; a disconnect is a leave', async () => {
      const { classId, teacher } = await teacherWithClass(t.url, { start: true });
      const [a, b] = await students(t.url, 2);
      const sa = await open(a);
      await joinClass(sa, classId);
      expect(await emitAck(sa, 'LEAVE_CLASS', { classId })).toEqual({
        success: true,
        data: { classId },
      });
      expect((await emitAck(sa, 'LEAVE_CLASS', { classId })).error.code).toBe('NOT_IN_CLASS');
      const sb = await open(b);
      await joinClass(sb, classId);
      sb.disconnect();
      await eventually(
        async () => (await b.get('/api/users/me')).body.data.user.activeClassId === null,
      );
      await eventually(
        async () =>
          (await teacher.get(`/api/classes/${classId}/attendance`)).body.data.items.length === 2,
      );
    });

    it('LEAVE_CLASS from another device ends the stay of every tab (the way out of ALREADY_ACTIVE)', async () => {
      const { classId, teacher } = await teacherWithClass(t.url, { start: true });
      const other = await teacherWithClass(t.url, { start: true });
      const [s] = await students(t.url, 1);
      const laptop = await open(s);
      await joinClass(laptop, classId);
      const phone = await open(await UserSession.login(t.url, s.email, s.password));
      expect((await joinClass(phone, other.classId)).error.code).toBe('ALREADY_ACTIVE');
      expect(await emitAck(phone, 'LEAVE_CLASS', { classId })).toEqual({
        success: true,
        data: { classId },
      });
      expect((await joinClass(phone, other.classId)).success).toBe(true);
      expect((await emitAck(laptop, 'HEARTBEAT', {})).error.code).toBe('NOT_IN_CLASS');
      await eventually(
        async () =>
          (await teacher.get(`/api/classes/${classId}/attendance`)).body.data.items.length === 1,
      );
    });
  });

  describe('PARTICIPANT_COUNT', () => {
    it('coalesces a burst of joins into a few frames that end on the true value', async () => {
      const { classId, teacher } = await teacherWithClass(t.url, { start: true, capacity: 100 });
      const teacherSocket = await open(teacher);
      const counts = record<{ classId: string; count: number }>(teacherSocket, 'PARTICIPANT_COUNT');
      const crowd = await students(t.url, 30);
      const crowdSockets = await Promise.all(crowd.map(open));
      await Promise.all(crowdSockets.map((s) => joinClass(s, classId)));
      await eventually(
        () => counts.length > 0 && counts[counts.length - 1].count === 30,
        5000,
        'final count 30',
      );
      await sleep(INTERVAL_MS * 3);
      expect(counts.length).toBeLessThanOrEqual(5);
      expect(counts[counts.length - 1]).toEqual({ classId, count: 30 });
      await Promise.all(
        crowdSockets.slice(0, 10).map((s) => emitAck(s, 'LEAVE_CLASS', { classId })),
      );
      await eventually(() => counts[counts.length - 1].count === 20, 5000, 'final count 20');
    });
  });

  describe('COMMENT', () => {
    it('crosses between participants and the teacher, trimmed, and late joiners get recentComments', async () => {
      const { classId, teacher } = await teacherWithClass(t.url, { start: true });
      const [a, late] = await students(t.url, 2);
      const teacherSocket = await open(teacher);
      const sa = await open(a);
      await joinClass(sa, classId);
      const teacherSees = record(teacherSocket, 'COMMENT');
      const studentSees = record(sa, 'COMMENT');
      const sent = await emitAck(sa, 'COMMENT', { classId, text: '  hello class  ' });
      expect(sent.data.comment).toEqual({
        id: expect.any(String),
        classId,
        author: { id: a.user.id, name: 'Student 1', role: 'STUDENT' },
        text: 'hello class',
        sentAt: expect.any(String),
      });
      const reply = await emitAck(teacherSocket, 'COMMENT', { classId, text: 'welcome' });
      expect(reply.success).toBe(true);
      await eventually(
        () => teacherSees.length === 2 && studentSees.length === 2,
        5000,
        'comments to cross',
      );
      expect(studentSees.map((c) => c.text)).toEqual(['hello class', 'welcome']);
      const forTeacher = await teacher.get(`/api/classes/${classId}/comments`);
      expect(forTeacher.body.data.items.map((c: { text: string }) => c.text)).toEqual([
        'hello class',
        'welcome',
      ]);
      const forOutsider = await late.get(`/api/classes/${classId}/comments`);
      expect([forOutsider.status, forOutsider.body.error.code]).toEqual([409, 'NOT_IN_CLASS']);
      const joined = await joinClass(await open(late), classId);
      expect(joined.data.recentComments.map((c: { text: string }) => c.text)).toEqual([
        'hello class',
        'welcome',
      ]);
    });

    it('validates text and membership, and rate-limits per user', async () => {
      const { classId } = await teacherWithClass(t.url, { start: true });
      const [a, outsider] = await students(t.url, 2);
      const sa = await open(a);
      await joinClass(sa, classId);
      for (const text of ['', '   ', 'x'.repeat(501), 42]) {
        expect((await emitAck(sa, 'COMMENT', { classId, text })).error.code).toBe(
          'VALIDATION_FAILED',
        );
      }
      expect((await emitAck(sa, 'COMMENT', { classId, text: 'x'.repeat(500) })).success).toBe(true);
      expect(
        (await emitAck(await open(outsider), 'COMMENT', { classId, text: 'hi' })).error.code,
      ).toBe('NOT_IN_CLASS');
      const results = [];
      for (let i = 0; i < 6; i++)
        results.push(
          (await emitAck(sa, 'COMMENT', { classId, text: `m${i}` })).error?.code ?? 'OK',
        );
      expect(results).toContain('RATE_LIMITED');
    });
  });

  describe('HEARTBEAT, unknown events, class end', () => {
    it('answers HEARTBEAT with ttlSeconds and unknown events with VALIDATION_FAILED', async () => {
      const [a] = await students(t.url, 1);
      const socket = await open(a);
      expect(await emitAck(socket, 'HEARTBEAT', {})).toEqual({
        success: true,
        data: { ttlSeconds: 3 },
      });
      expect((await emitAck(socket, 'HEARTBEAT', 'nope')).error.code).toBe('VALIDATION_FAILED');
      expect((await emitAck(socket, 'DROP_TABLES', {})).error.code).toBe('VALIDATION_FAILED');
      // The socket survives bad input.
      expect((await emitAck(socket, 'HEARTBEAT', {})).success).toBe(true);
    });

    it('removes a participant whose heartbeats stop, within the TTL plus a sweep', async () => {
      const { classId, teacher } = await teacherWithClass(t.url, { start: true });
      const [quiet, chatty] = await students(t.url, 2);
      const sq = await open(quiet);
      const sc = await open(chatty);
      await joinClass(sq, classId);
      await joinClass(sc, classId);
      const started = Date.now();
      const beat = setInterval(
        () => void emitAck(sc, 'HEARTBEAT', {}).catch(() => undefined),
        1000,
      );
      try {
        // The quiet socket stays connected but sends no heartbeat (a frozen tab).
        await eventually(
          async () =>
            (await teacher.get(`/api/classes/${classId}`)).body.data.class.participantCount === 1,
          8000,
        );
        const elapsed = Date.now() - started;
        expect(elapsed).toBeGreaterThanOrEqual(2500);
        expect(elapsed).toBeLessThan(3000 + 1000 + 1500);
        expect((await quiet.get('/api/users/me')).body.data.user.activeClassId).toBeNull();
        expect((await chatty.get('/api/users/me')).body.data.user.activeClassId).toBe(classId);
        expect((await emitAck(sq, 'HEARTBEAT', {})).error.code).toBe('NOT_IN_CLASS');
      } finally {
        clearInterval(beat);
      }
    });

    it('sends CLASS_ENDED to everyone and releases them', async () => {
      const { classId, teacher } = await teacherWithClass(t.url, { start: true });
      const [a] = await students(t.url, 1);
      const teacherSocket = await open(teacher);
      const sa = await open(a);
      await joinClass(sa, classId);
      const studentEnded = record(sa, 'CLASS_ENDED');
      const teacherEnded = record(teacherSocket, 'CLASS_ENDED');
      const res = await teacher.post(`/api/classes/${classId}/end`);
      await eventually(
        () => studentEnded.length === 1 && teacherEnded.length === 1,
        5000,
        'CLASS_ENDED',
      );
      expect(studentEnded[0]).toEqual({ classId, endedAt: res.body.data.class.endedAt });
      expect((await emitAck(sa, 'COMMENT', { classId, text: 'still here?' })).error.code).toBe(
        'NOT_IN_CLASS',
      );
      expect((await joinClass(sa, classId)).error.code).toBe('CLASS_NOT_LIVE');
    });
  });
});
