import {
  emitAck,
  eventually,
  record,
  students,
  joinClass,
  rememberJoinCode,
} from '../support/live';
import { useInstances } from '../support/instances';
import type { TestApp } from '../support/test-app';
import { UserSession } from '../support/user-session';

/** Two app instances on one Redis and one database, as behind a load balancer. */
describe('several instances (e2e)', () => {
  const { apps, open, closeSockets } = useInstances(2, { PARTICIPANT_COUNT_INTERVAL_MS: '50' });
  let a: TestApp;
  let b: TestApp;
  beforeAll(() => ([a, b] = apps));

  async function liveClassOn(app: TestApp, capacity: number) {
    const teacher = await UserSession.register(app.url, {
      capabilities: ['TEACHER'],
      name: 'Teacher',
    });
    const cls = (await teacher.post('/api/classes', { title: 'Spread', capacity })).body.data.class;
    rememberJoinCode(cls);
    const classId = cls.id as string;
    await teacher.post(`/api/classes/${classId}/start`);
    return { teacher, classId };
  }

  it('a session from one instance works on the other', async () => {
    const user = await UserSession.register(a.url);
    const me = await new UserSession(b.url, user.email, user.password).request(
      'GET',
      '/api/users/me',
      {
        headers: { cookie: user.cookieHeader() },
      },
    );
    expect(me.status).toBe(200);
    expect(me.body.data.user.id).toBe(user.user.id);
  });

  it('broadcasts counts, comments and CLASS_ENDED to sockets on every instance', async () => {
    const { teacher, classId } = await liveClassOn(a, 10);
    const teacherOnB = await open(b, teacher);
    const [s1, s2] = await students(a.url, 2);
    const onA = await open(a, s1);
    const onB = await open(b, s2);
    const countsOnTeacher = record<{ count: number }>(teacherOnB, 'PARTICIPANT_COUNT');
    const commentsOnA = record<{ text: string }>(onA, 'COMMENT');
    const endedOnA = record(onA, 'CLASS_ENDED');
    const endedOnB = record(onB, 'CLASS_ENDED');
    expect((await joinClass(onA, classId)).success).toBe(true);
    expect((await joinClass(onB, classId)).data.participantCount).toBe(2);
    await eventually(
      () => countsOnTeacher.at(-1)?.count === 2,
      5000,
      'count 2 on the teacher socket of instance B',
    );
    expect((await emitAck(onB, 'COMMENT', { classId, text: 'from B' })).success).toBe(true);
    await eventually(
      () => commentsOnA.some((c) => c.text === 'from B'),
      5000,
      'comment from B on A',
    );
    await teacher.post(`/api/classes/${classId}/end`);
    await eventually(
      () => endedOnA.length === 1 && endedOnB.length === 1,
      5000,
      'CLASS_ENDED on both',
    );
    await eventually(
      async () =>
        (await teacher.get(`/api/classes/${classId}/attendance`)).body.data.items.length === 2,
    );
  });

  it('race: students on both instances for the last seats never exceed capacity (20 trials)', async () => {
    const crowd = await students(a.url, 24);
    let violations = 0;
    for (let trial = 0; trial < 20; trial++) {
      const capacity = 1 + (trial % 5);
      const { teacher, classId } = await liveClassOn(trial % 2 ? a : b, capacity);
      const crowdSockets = await Promise.all(crowd.map((s, i) => open(i % 2 ? a : b, s)));
      const acks = await Promise.all(crowdSockets.map((s) => joinClass(s, classId)));
      const joined = acks.filter((ack) => ack.success).length;
      const full = acks.filter((ack) => ack.error?.code === 'CLASS_FULL').length;
      const count = (await teacher.get(`/api/classes/${classId}`)).body.data.class.participantCount;
      if (joined !== capacity || full !== crowd.length - capacity || count !== capacity)
        violations++;
      await teacher.post(`/api/classes/${classId}/end`);
      closeSockets();
    }
    expect(violations).toBe(0);
  });

  it('race: one user joining several classes at once through both instances gets exactly one (20 trials)', async () => {
    const classes = await Promise.all([
      liveClassOn(a, 100),
      liveClassOn(b, 100),
      liveClassOn(a, 100),
      liveClassOn(b, 100),
    ]);
    let violations = 0;
    for (let trial = 0; trial < 20; trial++) {
      const [student] = await students(a.url, 1);
      const tabs = await Promise.all(classes.map((_, i) => open(i % 2 ? a : b, student)));
      const acks = await Promise.all(tabs.map((tab, i) => joinClass(tab, classes[i].classId)));
      const joined = acks.filter((ack) => ack.success).length;
      const refused = acks.filter((ack) => ack.error?.code === 'ALREADY_ACTIVE').length;
      if (joined !== 1 || refused !== classes.length - 1) violations++;
      closeSockets();
    }
    expect(violations).toBe(0);
  });
});
