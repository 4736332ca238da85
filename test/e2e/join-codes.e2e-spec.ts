import { JOIN_CODE_PATTERN } from '@llms/contract';
import { emitAck, students, teacherWithClass } from '../support/live';
import { useInstances } from '../support/instances';
import type { TestApp } from '../support/test-app';

/**
 * Join codes are secret and needed (contract v2): JOIN_CLASS carries `{classId, joinCode}`; only
 * the creator's views (and `by-code` answers, whose caller holds the code) show `joinCode` and
 * `joinUrl`; `GET /api/classes` lists the caller's own classes, so there is no catalogue of
 * live classes to harvest. Before, a student listed every live class with its code, and a class
 * id alone (ObjectIds are guessable from a neighbour) was enough to join.
 */
describe('join codes (e2e, two instances)', () => {
  const { apps, open } = useInstances(2);
  let a: TestApp;
  let b: TestApp;
  beforeAll(() => ([a, b] = apps));

  it('shows the code only to the creator and to whoever holds it; no catalogue of live classes', async () => {
    const { teacher, cls } = await teacherWithClass(a.url, { start: true });
    const [student] = await students(b.url, 1);
    expect(cls.joinCode).toMatch(JOIN_CODE_PATTERN);
    const seen = (await student.get(`/api/classes/${cls.id}`)).body.data.class;
    expect(seen).toMatchObject({ id: cls.id, status: 'LIVE' });
    expect(seen).not.toHaveProperty('joinCode');
    expect(seen).not.toHaveProperty('joinUrl');
    expect((await teacher.get(`/api/classes/${cls.id}`)).body.data.class.joinCode).toBe(
      cls.joinCode,
    );
    const byCode = (await student.get(`/api/classes/by-code/${cls.joinCode}`)).body.data.class;
    expect(byCode).toMatchObject({ id: cls.id, joinCode: cls.joinCode, joinUrl: cls.joinUrl });
    for (const query of ['status=LIVE', '', 'mine=false']) {
      const listed = await student.get(`/api/classes?${query}`);
      expect([query, listed.body.data.items]).toEqual([query, []]);
    }
    const own = (await teacher.get('/api/classes?status=LIVE')).body.data.items;
    expect(own.map((c: { id: string }) => c.id)).toEqual([cls.id]);
    expect(own[0].joinCode).toBe(cls.joinCode);
  });

  it("JOIN_CLASS needs the code: missing is VALIDATION_FAILED, wrong or another class's is CLASS_NOT_FOUND", async () => {
    const { classId, cls } = await teacherWithClass(a.url, { start: true });
    const other = await teacherWithClass(a.url, { start: true });
    const [student] = await students(a.url, 1);
    const socket = await open(b, student);
    const attempts = [
      [{ classId }, 'VALIDATION_FAILED'],
      [{ classId, joinCode: 42 }, 'VALIDATION_FAILED'],
      [{ classId, joinCode: '' }, 'CLASS_NOT_FOUND'],
      [{ classId, joinCode: 'ZZZZZZZZZZ' }, 'CLASS_NOT_FOUND'],
      [{ classId, joinCode: (cls.joinCode as string).toLowerCase() }, 'CLASS_NOT_FOUND'],
      [{ classId, joinCode: other.cls.joinCode }, 'CLASS_NOT_FOUND'],
      [{ classId: other.classId, joinCode: cls.joinCode }, 'CLASS_NOT_FOUND'],
    ] as const;
    for (const [payload, code] of attempts) {
      const ack = await emitAck(socket, 'JOIN_CLASS', payload);
      expect([payload, ack.error?.code]).toEqual([payload, code]);
    }
    expect((await student.get('/api/users/me')).body.data.user.activeClassId).toBeNull();
    const joined = await emitAck(socket, 'JOIN_CLASS', { classId, joinCode: cls.joinCode });
    expect(joined).toMatchObject({ success: true, data: { classId, participantCount: 1 } });
  });

  it('a wrong code for a class that is not live yet is CLASS_NOT_FOUND too, so it reveals nothing', async () => {
    const { classId, cls } = await teacherWithClass(a.url);
    const [student] = await students(a.url, 1);
    const socket = await open(b, student);
    expect(
      (await emitAck(socket, 'JOIN_CLASS', { classId, joinCode: 'ZZZZZZZZZZ' })).error.code,
    ).toBe('CLASS_NOT_FOUND');
    expect(
      (await emitAck(socket, 'JOIN_CLASS', { classId, joinCode: cls.joinCode })).error.code,
    ).toBe('CLASS_NOT_LIVE');
  });
});
