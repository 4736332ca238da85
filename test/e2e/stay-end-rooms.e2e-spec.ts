import {
  emitAck,
  eventually,
  joinClass,
  record,
  sleep,
  students,
  teacherWithClass,
  type TestSocket,
} from '../support/live';
import { useInstances } from '../support/instances';
import type { Json } from '../support/json';
import type { TestApp } from '../support/test-app';

const TTL_SECONDS = 3;

/** Keeps a socket heartbeating every second until stopped; its answers go to `answers`. */
function keepAlive(socket: TestSocket, answers: Json[] = []): () => void {
  const timer = setInterval(
    () => socket.emit('HEARTBEAT', {}, (answer: Json) => answers.push(answer)),
    1000,
  );
  return () => clearInterval(timer);
}

/**
 * After a class's end reached a heartbeating socket: the first HEARTBEAT its instance answered
 * after taking the socket out said NOT_IN_CLASS, and only that one. The socket's own heartbeats
 * may have asked first, so their answers count with one more sent now.
 */
async function answeredNotInClassOnce(socket: TestSocket, answers: Json[]) {
  answers.push(await emitAck(socket, 'HEARTBEAT', {}));
  const refusals = answers.filter((answer) => !answer.success);
  expect(refusals.map((answer) => answer.error.code)).toEqual(['NOT_IN_CLASS']);
}

/**
 * A socket receives a class's events only while its user is counted in it (contract v2). Any
 * end of a stay (heartbeats that stop, LEAVE_CLASS from another tab, the class's end, the
 * teacher's auto-end) takes the user's sockets out of the class room on whichever instance holds
 * them, before the next broadcast. The sockets sit on B; the stays end by decisions on A (or by
 * B's own presence, for silent heartbeats).
 */
describe('an ended stay takes its sockets out of the class (e2e, two instances)', () => {
  const { apps, open } = useInstances(2, {
    PRESENCE_TTL_SECONDS: String(TTL_SECONDS),
    PARTICIPANT_COUNT_INTERVAL_MS: '50',
    TEACHER_GRACE_SECONDS: '3',
  });
  let a: TestApp;
  let b: TestApp;
  const stops: (() => void)[] = [];
  beforeAll(() => ([a, b] = apps));
  afterEach(() => {
    for (const stop of stops.splice(0)) stop();
  });

  /** A live class on A whose teacher stays alive, with one lively student on A. */
  async function liveClassWithChatter() {
    const { teacher, classId } = await teacherWithClass(a.url, { start: true, capacity: 20 });
    const teacherSocket = await open(a, teacher);
    stops.push(keepAlive(teacherSocket));
    const [chatter] = await students(a.url, 1, 'Chatter');
    const chatterSocket = await open(a, chatter);
    expect((await joinClass(chatterSocket, classId)).success).toBe(true);
    stops.push(keepAlive(chatterSocket));
    const counts = record<{ count: number }>(teacherSocket, 'PARTICIPANT_COUNT');
    const comment = async (text: string) =>
      expect((await emitAck(chatterSocket, 'COMMENT', { classId, text })).success).toBe(true);
    return { classId, teacher, teacherSocket, counts, comment };
  }

  it('a socket whose heartbeats stop is counted in none of three classes and hears none of them', async () => {
    const [silent] = await students(a.url, 1, 'Silent');
    const socket = await open(b, silent);
    const heard = record<{ classId: string }>(socket, 'COMMENT');
    for (let round = 0; round < 3; round++) {
      const room = await liveClassWithChatter();
      expect((await joinClass(socket, room.classId)).success).toBe(true);
      await eventually(() => room.counts.at(-1)?.count === 2, 5000, 'both counted');
      // No heartbeat from the silent socket: after the TTL its instance takes it out.
      await eventually(() => room.counts.at(-1)?.count === 1, (TTL_SECONDS + 4) * 1000, 'swept');
      const before = heard.length;
      await room.comment(`after the sweep ${round}`);
      await sleep(300);
      expect(heard.slice(before)).toEqual([]);
      expect((await emitAck(socket, 'HEARTBEAT', {})).error.code).toBe('NOT_IN_CLASS');
      await room.teacher.post(`/api/classes/${room.classId}/end`);
    }
  }, 40_000);

  it('LEAVE_CLASS from a tab on A takes the tab on B out before the next comment', async () => {
    const room = await liveClassWithChatter();
    const [user] = await students(a.url, 1, 'Two tabs');
    const onB = await open(b, user);
    const onA = await open(a, user);
    expect((await joinClass(onB, room.classId)).success).toBe(true);
    const heard = record(onB, 'COMMENT');
    await room.comment('while in');
    await eventually(() => heard.length === 1, 5000, 'the tab on B hears the class');
    expect((await emitAck(onA, 'LEAVE_CLASS', { classId: room.classId })).success).toBe(true);
    await room.comment('after the leave');
    await sleep(300);
    expect(heard).toHaveLength(1);
    expect((await emitAck(onB, 'HEARTBEAT', {})).error.code).toBe('NOT_IN_CLASS');
  });

  it('the end on A sends CLASS_ENDED to the sockets on B and empties the room there', async () => {
    const room = await liveClassWithChatter();
    const [user] = await students(a.url, 1, 'Stayer');
    const onB = await open(b, user);
    const answers: Json[] = [];
    stops.push(keepAlive(onB, answers));
    expect((await joinClass(onB, room.classId)).success).toBe(true);
    const ended = record(onB, 'CLASS_ENDED');
    expect((await room.teacher.post(`/api/classes/${room.classId}/end`)).status).toBe(200);
    await eventually(() => ended.length === 1, 5000, 'CLASS_ENDED on B');
    await answeredNotInClassOnce(onB, answers);
    expect((await emitAck(onB, 'HEARTBEAT', {})).success).toBe(true);
  });

  it("the teacher's auto-end reaches the sockets on B the same way", async () => {
    const { teacher, classId } = await teacherWithClass(a.url, { start: true });
    const [user] = await students(a.url, 1, 'Waiter');
    const onB = await open(b, user);
    const answers: Json[] = [];
    stops.push(keepAlive(onB, answers));
    expect((await joinClass(onB, classId)).success).toBe(true);
    const ended = record(onB, 'CLASS_ENDED');
    // The teacher never opens a socket: after TEACHER_GRACE_SECONDS the class ends by itself.
    await eventually(() => ended.length === 1, 10_000, 'the auto-end on B');
    expect((await teacher.get(`/api/classes/${classId}`)).body.data.class.status).toBe('ENDED');
    await answeredNotInClassOnce(onB, answers);
  });
});
