import {
  connect,
  emitAck,
  eventually,
  sleep,
  students,
  type TestSocket,
  joinClass,
  rememberJoinCode,
} from '../support/live';
import { spawnInstances, type ChildServer } from '../support/processes';
import { UserSession } from '../support/user-session';

const TTL_SECONDS = 3;
const GRACE_SECONDS = 10;
const DELAY_SECONDS = 1;

/**
 * SIGTERM to the built app (`node dist/src/main.js`, the image's command) while it holds a live
 * class: readiness turns 503 first, the process drains and exits 0 within SHUTDOWN_GRACE_SECONDS,
 * and presence is left so that the other instance finishes it: students who stay away are swept
 * with one attendance record each, students who come back through the other instance continue
 * the same stay (one record, joined before the shutdown).
 */
describe('graceful shutdown (e2e)', () => {
  let survivor: ChildServer;
  let doomed: ChildServer;
  let doomedOutput = '';
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    [survivor, doomed] = await spawnInstances(2, {
      LOG_LEVEL: 'info',
      PRESENCE_TTL_SECONDS: String(TTL_SECONDS),
      SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS),
      SHUTDOWN_DELAY_SECONDS: String(DELAY_SECONDS),
    });
    const keep = (chunk: Buffer) => (doomedOutput += chunk.toString());
    doomed.child.stdout?.on('data', keep);
    doomed.child.stderr?.on('data', keep);
  });
  afterAll(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await doomed?.stop('SIGKILL');
    await survivor?.stop();
  });

  const open = async (url: string, session: UserSession) => {
    const socket = await connect(url, session);
    sockets.push(socket);
    return socket;
  };

  /** GET /health/ready every 50 ms until stopped; a refused connection counts as 0. */
  function pollReadiness(url: string) {
    const seen: { status: number; at: number }[] = [];
    let running = true;
    const done = (async () => {
      while (running) {
        const status = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2000) })
          .then((response) => response.status)
          .catch(() => 0);
        seen.push({ status, at: Date.now() });
        await sleep(50);
      }
    })();
    return {
      seen,
      stop: async () => {
        running = false;
        await done;
      },
    };
  }

  it('drains on SIGTERM, exits 0 within the budget, and no attendance is lost or doubled', async () => {
    const teacher = await UserSession.register(survivor.url, {
      capabilities: ['TEACHER'],
      name: 'Teacher',
    });
    const created = await teacher.post('/api/classes', { title: 'Rolling update', capacity: 20 });
    const classId = created.body.data.class.id as string;
    const started = await teacher.post(`/api/classes/${classId}/start`);
    const cls = started.body.data.class;
    rememberJoinCode(cls);
    await open(doomed.url, teacher);

    const [stayAway1, stayAway2, comeBack1, comeBack2] = await students(survivor.url, 4);
    const crowd = [stayAway1, stayAway2, comeBack1, comeBack2];
    for (const student of crowd) {
      const ack = await joinClass(await open(doomed.url, student), cls.id);
      expect(ack).toMatchObject({ success: true });
    }
    expect((await teacher.get(`/api/classes/${classId}`)).body.data.class.participantCount).toBe(4);

    const exited = new Promise<{ code: number | null; signal: string | null; at: number }>(
      (resolve) =>
        doomed.child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
    );
    const readiness = pollReadiness(doomed.url);
    await eventually(() => readiness.seen.some((probe) => probe.status === 200), 5000, 'ready');
    const signalledAt = Date.now();
    doomed.child.kill('SIGTERM');
    const exit = await exited;
    await readiness.stop();

    // Exit 0, within the budget, with the phases in the log.
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.at - signalledAt).toBeLessThan(GRACE_SECONDS * 1000);
    expect(doomedOutput).toContain('shutdown: SIGTERM received');
    expect(doomedOutput).toContain('shutdown: stop accepting');
    expect(doomedOutput).toMatch(/shutdown: done in \d+ ms/);
    // Readiness said 503 while the instance still answered, before it exited.
    const first503 = readiness.seen.find((probe) => probe.status === 503);
    expect(first503).toBeDefined();
    expect(first503!.at).toBeGreaterThanOrEqual(signalledAt);
    expect(first503!.at).toBeLessThan(exit.at);
    expect(
      readiness.seen.filter((probe) => probe.at > first503!.at).map((probe) => probe.status),
    ).not.toContain(200);

    // Two students come back at once through the other instance: the same stay goes on.
    const comeBackSockets = await Promise.all(
      [comeBack1, comeBack2].map((student) => open(survivor.url, student)),
    );
    for (const socket of comeBackSockets)
      expect(await joinClass(socket, cls.id)).toMatchObject({ success: true });
    const heartbeats = setInterval(() => {
      for (const socket of comeBackSockets) void emitAck(socket, 'HEARTBEAT', {}).catch(() => null);
    }, 500);
    try {
      // The survivor's sweeper releases the two who stayed away, once their TTL has passed.
      await eventually(
        async () =>
          (await teacher.get(`/api/classes/${classId}`)).body.data.class.participantCount === 2,
        (TTL_SECONDS + 10) * 1000,
        'the sweeper releasing the students who stayed away',
      );
      for (const student of [stayAway1, stayAway2])
        expect((await student.get('/api/users/me')).body.data.user.activeClassId).toBeNull();
      for (const student of [comeBack1, comeBack2])
        expect((await student.get('/api/users/me')).body.data.user.activeClassId).toBe(classId);
    } finally {
      clearInterval(heartbeats);
    }

    expect((await teacher.post(`/api/classes/${classId}/end`)).status).toBe(200);
    await eventually(
      async () =>
        (await teacher.get(`/api/classes/${classId}/attendance`)).body.data.items.length >= 4,
      10_000,
      'four attendance records',
    );
    await sleep(500); // a doubled record would arrive now
    const report = (await teacher.get(`/api/classes/${classId}/attendance`)).body.data;
    const byUser = new Map<string, { joinedAt: string }[]>();
    for (const item of report.items)
      byUser.set(item.userId, [...(byUser.get(item.userId) ?? []), item]);
    expect(
      crowd.map((student) => ({
        name: student.user.name,
        records: byUser.get(student.user.id)?.length,
      })),
    ).toEqual(crowd.map((student) => ({ name: student.user.name, records: 1 })));
    // The returning students' one record starts before the shutdown: the stay went on.
    for (const student of [comeBack1, comeBack2])
      expect(Date.parse(byUser.get(student.user.id)![0].joinedAt)).toBeLessThan(signalledAt);
  });
});
