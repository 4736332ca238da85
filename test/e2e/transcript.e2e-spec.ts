import {
  emitAck,
  eventually,
  students,
  teacherWithClass,
  type TestSocket,
  joinClass,
} from '../support/live';
import { useInstances } from '../support/instances';
import type { TestApp } from '../support/test-app';
import { UserSession } from '../support/user-session';

interface Comment {
  id: string;
  text: string;
  sentAt: string;
  author: { id: string; name: string; role: string };
}

/**
 * GET /api/classes/:id/comments: the recent comments while live (teacher, participants, and
 * students who left), the whole transcript after the end (teacher and attendees), paged and as
 * CSV; the analytics' commentCount; the history's class lengths.
 */
describe('comments and transcript (e2e)', () => {
  const { apps, open: openOn } = useInstances(1, { COMMENT_RATE_LIMIT_PER_MINUTE: '1000' });
  let t: TestApp;
  beforeAll(() => ([t] = apps));
  const open = (session: UserSession) => openOn(t, session);

  const say = async (socket: TestSocket, classId: string, text: string) => {
    const ack = await emitAck(socket, 'COMMENT', { classId, text });
    expect(ack.success).toBe(true);
    return ack.data.comment as Comment;
  };

  /** Every page of the comments, following nextCursor. */
  async function allComments(who: UserSession, classId: string, limit = 100) {
    const items: Comment[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query = new URLSearchParams({ limit: String(limit) });
      if (cursor) query.set('cursor', cursor);
      const res = await who.get(`/api/classes/${classId}/comments?${query}`);
      expect(res.status).toBe(200);
      expect(res.body.data.items.length).toBeLessThanOrEqual(limit);
      items.push(...res.body.data.items);
      cursor = res.body.data.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    return { items, pages };
  }

  it('while live: the teacher, participants and students who left read the recent comments; outsiders cannot', async () => {
    const { teacher, classId } = await teacherWithClass(t.url, { start: true });
    const [stayer, leaver, outsider] = await students(t.url, 3);
    const [ss, sl] = [await open(stayer), await open(leaver)];
    await joinClass(ss, classId);
    await joinClass(sl, classId);
    await say(sl, classId, 'before I go');
    await emitAck(sl, 'LEAVE_CLASS', { classId });
    await say(ss, classId, 'after she left');
    for (const who of [teacher, stayer, leaver]) {
      const res = await who.get(`/api/classes/${classId}/comments`);
      expect(res.status).toBe(200);
      expect(res.body.data.nextCursor).toBeNull();
      expect(res.body.data.items.map((c: Comment) => c.text)).toEqual([
        'before I go',
        'after she left',
      ]);
    }
    const limited = await teacher.get(`/api/classes/${classId}/comments?limit=1`);
    expect(limited.body.data.items.map((c: Comment) => c.text)).toEqual(['after she left']);
    const denied = await outsider.get(`/api/classes/${classId}/comments`);
    expect([denied.status, denied.body.error.code]).toEqual([409, 'NOT_IN_CLASS']);
    const csv = await teacher.get(`/api/classes/${classId}/comments?format=csv`);
    expect([csv.status, csv.body.error.code]).toEqual([409, 'CLASS_INVALID_STATE']);
    for (const path of [
      `/api/classes/${'0'.repeat(24)}/comments`,
      `/api/classes/${classId.toUpperCase()}/comments`,
    ]) {
      const res = await teacher.get(path);
      expect([res.status, res.body.error.code]).toEqual([404, 'CLASS_NOT_FOUND']);
    }
    const notStarted = await teacherWithClass(t.url);
    const empty = await notStarted.teacher.get(`/api/classes/${notStarted.classId}/comments`);
    expect(empty.body.data).toEqual({ items: [], nextCursor: null });
  });

  it('after the end: the whole transcript, oldest first, paged, as CSV, for the teacher and attendees only', async () => {
    const { teacher, classId } = await teacherWithClass(t.url, { start: true, title: 'Talkative' });
    const [a, b, outsider] = await students(t.url, 3, 'Speaker');
    const teacherSocket = await open(teacher);
    // Two tabs each, so no socket goes past its event budget (bursts of 40).
    const tabs = [await open(a), await open(a), await open(b), await open(b)];
    for (const tab of tabs) await joinClass(tab, classId);
    const sb = tabs[2];
    const sent: Comment[] = [];
    for (let i = 0; i < 130; i++) {
      // Odd messages from a, even ones from b, as before (alternating between their two tabs).
      const socket = i % 10 === 0 ? teacherSocket : tabs[(i % 2 ? 0 : 2) + (Math.floor(i / 2) % 2)];
      sent.push(await say(socket, classId, i === 7 ? '=1+1, "quoted"' : `message ${i}`));
    }
    // b leaves before the end: still an attendee.
    await emitAck(sb, 'LEAVE_CLASS', { classId });
    expect((await teacher.post(`/api/classes/${classId}/end`)).status).toBe(200);

    for (const who of [teacher, a, b]) {
      const { items, pages } = await allComments(who, classId, 50);
      expect(pages).toBe(3);
      expect(items.map((c) => c.id)).toEqual(sent.map((c) => c.id));
    }
    const first = (await teacher.get(`/api/classes/${classId}/comments?limit=1`)).body.data;
    expect(first.items[0]).toEqual(sent[0]);
    expect(first.items[0].author.role).toBe('TEACHER');
    expect(sent[1].author.role).toBe('STUDENT');
    const denied = await outsider.get(`/api/classes/${classId}/comments`);
    expect([denied.status, denied.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const deniedCsv = await outsider.get(`/api/classes/${classId}/comments?format=csv`);
    expect([deniedCsv.status, deniedCsv.body.error.code]).toEqual([403, 'FORBIDDEN']);
    for (const query of ['cursor=%21', 'cursor=bm9wZQ', 'limit=0', 'limit=501', 'format=xml']) {
      const bad = await teacher.get(`/api/classes/${classId}/comments?${query}`);
      expect([query, bad.status, bad.body.error.code]).toEqual([query, 400, 'VALIDATION_FAILED']);
    }

    for (const who of [teacher, b]) {
      const csv = await fetch(`${t.url}/api/classes/${classId}/comments?format=csv`, {
        headers: { cookie: who.cookieHeader() },
      });
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(csv.headers.get('content-disposition')).toBe(
        `attachment; filename="comments-${classId}.csv"`,
      );
      const lines = (await csv.text()).split('\r\n');
      expect(lines[0]).toBe('id,sentAt,authorId,authorName,authorRole,text');
      expect(lines).toHaveLength(132);
      expect(lines[1]).toBe(
        `${sent[0].id},${sent[0].sentAt},${teacher.user.id},Teacher,TEACHER,message 0`,
      );
      expect(lines[8]).toBe(
        `${sent[7].id},${sent[7].sentAt},${a.user.id},Speaker 1,STUDENT,"'=1+1, ""quoted"""`,
      );
    }

    const report = (await teacher.get(`/api/classes/${classId}/attendance`)).body.data;
    expect(report.analytics).toMatchObject({
      commentCount: 130,
      uniqueAttendees: 2,
      peakParticipants: 2,
    });
    const mine = (await a.get('/api/users/me/attendance')).body.data.items;
    const cls = (await a.get(`/api/classes/${classId}`)).body.data.class;
    expect(mine[0]).toMatchObject({
      classId,
      classTitle: 'Talkative',
      classDurationSeconds: Math.round(
        (Date.parse(cls.endedAt) - Date.parse(cls.startedAt)) / 1000,
      ),
    });
  });

  it('the history gives a class length only once the class has ended', async () => {
    const { teacher, classId } = await teacherWithClass(t.url, { start: true });
    const [student] = await students(t.url, 1);
    const socket = await open(student);
    await joinClass(socket, classId);
    await emitAck(socket, 'LEAVE_CLASS', { classId });
    await eventually(
      async () => (await student.get('/api/users/me/attendance')).body.data.items.length === 1,
    );
    const live = (await student.get('/api/users/me/attendance')).body.data.items[0];
    expect(live.classDurationSeconds).toBeNull();
    await teacher.post(`/api/classes/${classId}/end`);
    const ended = (await student.get('/api/users/me/attendance')).body.data.items[0];
    expect(ended.classDurationSeconds).toEqual(expect.any(Number));
    expect(ended.classDurationSeconds).toBeGreaterThanOrEqual(ended.durationSeconds);
  });
});
