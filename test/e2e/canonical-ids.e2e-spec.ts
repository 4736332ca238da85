import {
  emitAck,
  eventually,
  joinClass,
  record,
  sleep,
  students,
  teacherWithClass,
} from '../support/live';
import { useInstances } from '../support/instances';
import type { TestApp } from '../support/test-app';

/**
 * Ids are the canonical 24-character lower-case hex form only (contract v2): any other form
 * (upper case, whitespace, other lengths) is CLASS_NOT_FOUND in REST paths and socket payloads
 * alike. Before, `findById` accepted any case while Redis keys did not, so an upper-cased end
 * ended the class in MongoDB and left it live in Redis.
 */
describe('only canonical ids name a class (e2e, two instances)', () => {
  const { apps, open } = useInstances(2);
  let a: TestApp;
  let b: TestApp;
  beforeAll(() => ([a, b] = apps));

  const variants = (id: string) => [
    id.toUpperCase(),
    `${id.slice(0, 12).toUpperCase()}${id.slice(12)}`,
    `%20${id}`,
    `${id}%20`,
    id.slice(1),
    `${id}0`,
  ];

  it('answers CLASS_NOT_FOUND to every other form of an id, on every route, and changes nothing', async () => {
    const { teacher, classId } = await teacherWithClass(a.url, { start: true });
    for (const other of variants(classId)) {
      for (const [method, path] of [
        ['GET', `/api/classes/${other}`],
        ['GET', `/api/classes/${other}/comments`],
        ['GET', `/api/classes/${other}/participants`],
        ['GET', `/api/classes/${other}/attendance`],
        ['POST', `/api/classes/${other}/start`],
        ['POST', `/api/classes/${other}/end`],
      ] as const) {
        const res = method === 'GET' ? await teacher.get(path) : await teacher.post(path);
        expect([method, path, res.status, res.body.error?.code]).toEqual([
          method,
          path,
          404,
          'CLASS_NOT_FOUND',
        ]);
      }
    }
    expect((await teacher.get(`/api/classes/${classId}`)).body.data.class.status).toBe('LIVE');
  });

  it('an upper-cased end no longer splits MongoDB from Redis: the class stays live for everyone', async () => {
    const { teacher, classId } = await teacherWithClass(a.url, { start: true });
    const [student] = await students(a.url, 1);
    const socket = await open(b, student);
    expect((await joinClass(socket, classId)).success).toBe(true);
    const ended = record(socket, 'CLASS_ENDED');
    expect((await teacher.post(`/api/classes/${classId.toUpperCase()}/end`)).status).toBe(404);
    await sleep(200);
    expect(ended).toEqual([]);
    expect((await emitAck(socket, 'COMMENT', { classId, text: 'still live' })).success).toBe(true);
    // The real end ends it, everywhere, with attendance that never outlasts the class.
    const end = await teacher.post(`/api/classes/${classId}/end`);
    expect(end.status).toBe(200);
    await eventually(() => ended.length === 1, 5000, 'CLASS_ENDED');
    const report = (await teacher.get(`/api/classes/${classId}/attendance`)).body.data;
    expect(report.items).toHaveLength(1);
    expect(Date.parse(report.items[0].leftAt)).toBeLessThanOrEqual(
      Date.parse(end.body.data.class.endedAt),
    );
  });

  it('answers CLASS_NOT_FOUND to socket payloads naming a class in another form', async () => {
    const { classId, cls } = await teacherWithClass(a.url, { start: true });
    const [student] = await students(a.url, 1);
    const socket = await open(b, student);
    for (const other of variants(classId).map(decodeURIComponent)) {
      const join = await emitAck(socket, 'JOIN_CLASS', { classId: other, joinCode: cls.joinCode });
      const leave = await emitAck(socket, 'LEAVE_CLASS', { classId: other });
      const comment = await emitAck(socket, 'COMMENT', { classId: other, text: 'hi' });
      expect([other, join.error?.code, leave.error?.code, comment.error?.code]).toEqual([
        other,
        'CLASS_NOT_FOUND',
        'CLASS_NOT_FOUND',
        'CLASS_NOT_FOUND',
      ]);
    }
    expect((await student.get('/api/users/me')).body.data.user.activeClassId).toBeNull();
  });

  it('GET comments of an unknown class is 404 CLASS_NOT_FOUND, not 409', async () => {
    const [reader] = await students(a.url, 1);
    const res = await reader.get('/api/classes/0123456789abcdef01234567/comments');
    expect([res.status, res.body.error.code]).toEqual([404, 'CLASS_NOT_FOUND']);
  });
});
