import { emitAck, students, teacherWithClass, type TestSocket, joinClass } from '../support/live';
import { useInstances } from '../support/instances';
import type { TestApp } from '../support/test-app';
import { api, UserSession } from '../support/user-session';

interface Participant {
  userId: string;
  name: string;
  joinedAt: string;
}

/** GET /api/classes/:id/participants: the teacher's live roster, paged with an opaque cursor. */
describe('live roster (e2e)', () => {
  const { apps, open: openOn } = useInstances(1);
  let t: TestApp;
  beforeAll(() => ([t] = apps));
  const open = (session: UserSession) => openOn(t, session);

  /** Every page, following nextCursor. */
  async function roster(teacher: UserSession, classId: string, limit: number) {
    const pages: Participant[][] = [];
    let cursor: string | null = null;
    let count = 0;
    do {
      const query = new URLSearchParams({ limit: String(limit) });
      if (cursor) query.set('cursor', cursor);
      const res = await teacher.get(`/api/classes/${classId}/participants?${query}`);
      expect(res.status).toBe(200);
      expect(Object.keys(res.body.data).sort()).toEqual(['count', 'items', 'nextCursor']);
      expect(res.body.data.items.length).toBeLessThanOrEqual(limit);
      pages.push(res.body.data.items);
      count = res.body.data.count;
      cursor = res.body.data.nextCursor;
    } while (cursor && pages.length < 100);
    return { pages, items: pages.flat(), count };
  }

  it('lists who is in the class now, with names and join times, a page at a time', async () => {
    const { teacher, classId } = await teacherWithClass(t.url, { start: true, capacity: 30 });
    const crowd = await students(t.url, 12, 'Pupil');
    const joinedAt = new Map<string, number>();
    const socketOf = new Map<string, TestSocket>();
    for (const student of crowd) {
      const socket = await open(student);
      const before = Date.now();
      expect((await joinClass(socket, classId)).success).toBe(true);
      joinedAt.set(student.user.id, before);
      socketOf.set(student.user.id, socket);
    }

    const first = await roster(teacher, classId, 5);
    expect(first.count).toBe(12);
    expect(first.pages.map((page) => page.length)).toEqual([5, 5, 2]);
    // One page after the other, in join order (a small class is scanned in one batch).
    const times = first.items.map((p) => Date.parse(p.joinedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(first.items.map((p) => p.userId))).toEqual(new Set(crowd.map((s) => s.user.id)));
    const names = new Map(crowd.map((s, i) => [s.user.id, `Pupil ${i + 1}`]));
    for (const p of first.items) {
      expect(p).toEqual({
        userId: p.userId,
        name: names.get(p.userId),
        joinedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
      expect(Date.parse(p.joinedAt)).toBeGreaterThanOrEqual(joinedAt.get(p.userId)! - 1000);
    }

    // A leave and a disconnect take people off the roster; the default page holds everyone.
    await emitAck(socketOf.get(crowd[0].user.id)!, 'LEAVE_CLASS', { classId });
    socketOf.get(crowd[5].user.id)!.close();
    let after = await teacher.get(`/api/classes/${classId}/participants`);
    for (let i = 0; i < 100 && after.body.data.count !== 10; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      after = await teacher.get(`/api/classes/${classId}/participants`);
    }
    expect(after.body.data.count).toBe(10);
    expect(after.body.data.nextCursor).toBeNull();
    const ids = after.body.data.items.map((p: Participant) => p.userId);
    expect(ids).toHaveLength(10);
    expect(ids).not.toContain(crowd[0].user.id);
    expect(ids).not.toContain(crowd[5].user.id);
  });

  it('answers the contract errors: unknown or non-canonical ids, others, classes not live, bad paging', async () => {
    const { teacher, classId, cls } = await teacherWithClass(t.url, { start: true });
    const [student] = await students(t.url, 1);
    await joinClass(await open(student), classId);
    const expectError = async (who: UserSession, path: string, status: number, code: string) => {
      const res = await who.get(path);
      expect([path, res.status, res.body.success, res.body.error?.code]).toEqual([
        path,
        status,
        false,
        code,
      ]);
    };
    const base = `/api/classes/${classId}/participants`;
    await expectError(
      teacher,
      `/api/classes/${'0'.repeat(24)}/participants`,
      404,
      'CLASS_NOT_FOUND',
    );
    await expectError(
      teacher,
      `/api/classes/${classId.toUpperCase()}/participants`,
      404,
      'CLASS_NOT_FOUND',
    );
    await expectError(teacher, `/api/classes/not-an-id/participants`, 404, 'CLASS_NOT_FOUND');
    await expectError(student, base, 403, 'FORBIDDEN');
    const other = await UserSession.register(t.url, { capabilities: ['TEACHER'] });
    await expectError(other, base, 403, 'FORBIDDEN');
    for (const query of ['limit=0', 'limit=501', 'limit=x', 'cursor=%24%24', 'cursor=bm9wZQ']) {
      await expectError(teacher, `${base}?${query}`, 400, 'VALIDATION_FAILED');
    }
    const anonymous = await api(t.url, 'GET', base);
    expect([anonymous.status, anonymous.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);

    const notStarted = await teacherWithClass(t.url);
    await expectError(
      notStarted.teacher,
      `/api/classes/${notStarted.classId}/participants`,
      409,
      'CLASS_NOT_LIVE',
    );
    await teacher.post(`/api/classes/${cls.id}/end`);
    await expectError(teacher, base, 409, 'CLASS_NOT_LIVE');
    await expectError(other, base, 403, 'FORBIDDEN');
  });
});
