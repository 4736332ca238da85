import mongoose from 'mongoose';
import { closeRedis, connectRedis } from '@llms/redis';
import { commentsKeys } from '../../src/modules/comments';
import {
  connect,
  emitAck,
  eventually,
  joinClass,
  rememberJoinCode,
  students,
  type TestSocket,
} from '../support/live';
import { spawnInstances, startOwnMongo } from '../support/processes';
import { startTestApp, testEnv, type TestApp } from '../support/test-app';
import { UserSession } from '../support/user-session';

const TTL_SECONDS = 3;

interface Comment {
  id: string;
  text: string;
}

/** Every page of a class's comments (after the end: its whole transcript). */
async function transcriptOf(who: UserSession, classId: string): Promise<Comment[] | null> {
  const items: Comment[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `?limit=100&cursor=${cursor}` : '?limit=100';
    const res = await who.get(`/api/classes/${classId}/comments${query}`);
    if (res.status !== 200) return null;
    items.push(...res.body.data.items);
    cursor = res.body.data.nextCursor;
  } while (cursor);
  return items;
}

async function say(socket: TestSocket, classId: string, text: string): Promise<Comment> {
  const ack = await emitAck(socket, 'COMMENT', { classId, text });
  if (!ack.success) throw new Error(`comment refused: ${JSON.stringify(ack.error)}`);
  return ack.data.comment;
}

/**
 * The comment transcript survives failures: MongoDB down while comments are posted and the
 * class ends, and the instance that accepted the comments SIGKILLed before writing them. In
 * both, every comment reaches MongoDB exactly once.
 */
describe('transcript failures (e2e)', () => {
  const sockets: TestSocket[] = [];
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });

  it('MongoDB down while comments are posted and the class ends: every comment arrives once it is back', async () => {
    let mongo = await startOwnMongo();
    let app: TestApp | null = null;
    try {
      app = await startTestApp(
        testEnv({
          MONGODB_URI: mongo.uri,
          PRESENCE_TTL_SECONDS: String(TTL_SECONDS),
          COMMENT_RATE_LIMIT_PER_MINUTE: '1000',
        }),
      );
      const teacher = await UserSession.register(app.url, { capabilities: ['TEACHER'] });
      const cls = (await teacher.post('/api/classes', { title: 'Outage', capacity: 10 })).body.data
        .class;
      rememberJoinCode(cls);
      const classId: string = cls.id;
      await teacher.post(`/api/classes/${classId}/start`);
      const crowd = await students(app.url, 3);
      const crowdSockets = await Promise.all(crowd.map((s) => connect(app!.url, s)));
      sockets.push(...crowdSockets);
      for (const socket of crowdSockets)
        expect((await joinClass(socket, classId)).success).toBe(true);

      const sent: Comment[] = [];
      for (let i = 0; i < 10; i++)
        sent.push(await say(crowdSockets[i % 3], classId, `before ${i}`));
      await mongo.stop('SIGKILL');
      // Posting needs only Redis: the comments queue while MongoDB is away.
      for (let i = 0; i < 25; i++)
        sent.push(await say(crowdSockets[i % 3], classId, `during ${i}`));
      expect((await emitAck(crowdSockets[0], 'LEAVE_CLASS', { classId })).success).toBe(true);
      const ended = await teacher.post(`/api/classes/${classId}/end`);
      expect([ended.status, ended.body.data.class.status]).toEqual([200, 'ENDED']);

      mongo = await startOwnMongo(mongo.dataDir, mongo.port);
      // The sweeper writes what waited; reading the transcript meanwhile may fail or be partial.
      let transcript: Comment[] | null = null;
      await eventually(
        async () => {
          transcript = await transcriptOf(teacher, classId);
          return transcript?.length === sent.length;
        },
        45_000,
        'every comment once MongoDB is back',
      );
      expect(transcript!.map((c) => c.id)).toEqual(sent.map((c) => c.id));
      const direct = await mongoose.createConnection(mongo.uri).asPromise();
      try {
        expect(await direct.collection('comments').countDocuments({ classId })).toBe(sent.length);
      } finally {
        await direct.close();
      }
      const report = (await teacher.get(`/api/classes/${classId}/attendance`)).body.data;
      expect(report.analytics.commentCount).toBe(sent.length);
    } finally {
      await app?.close();
      await mongo.stop();
    }
  });

  it('SIGKILL of the instance that accepted the comments before it wrote them: another instance’s sweeper writes them once', async () => {
    const [survivor, doomed] = await spawnInstances(2, {
      PRESENCE_TTL_SECONDS: String(TTL_SECONDS),
      COMMENT_RATE_LIMIT_PER_MINUTE: '1000',
    });
    const { env } = survivor;
    const redis = await connectRedis(
      {
        url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        clusterNodes: null,
        keyPrefix: env.REDIS_KEY_PREFIX,
      },
      'transcript-resilience',
    );
    const mongo = await mongoose.createConnection(env.MONGODB_URI).asPromise();
    try {
      const teacher = await UserSession.register(survivor.url, { capabilities: ['TEACHER'] });
      const cls = (await teacher.post('/api/classes', { title: 'Crash', capacity: 10 })).body.data
        .class;
      rememberJoinCode(cls);
      const classId: string = cls.id;
      await teacher.post(`/api/classes/${classId}/start`);
      const crowd = await students(survivor.url, 3);
      const onDoomed: TestSocket[] = [];
      for (const student of crowd) {
        const socket = await connect(doomed.url, student);
        sockets.push(socket);
        onDoomed.push(socket);
        expect((await joinClass(socket, classId)).success).toBe(true);
      }
      const sent: Comment[] = [];
      for (let i = 0; i < 12; i++) sent.push(await say(onDoomed[i % 3], classId, `said ${i}`));
      // Killed while (some of) its comments still wait in Redis, unwritten.
      const queued = await redis.llen(commentsKeys.transcriptOutbox(classId));
      await doomed.stop('SIGKILL');
      expect(queued).toBeGreaterThan(0);

      // Nobody reads through the API (a read would write them): the survivor's sweeper does it.
      const stored = mongo.collection('comments');
      // Written (MongoDB has them), then acknowledged (the outbox is empty): two steps.
      await eventually(
        async () =>
          (await stored.countDocuments({ classId })) === sent.length &&
          (await redis.llen(commentsKeys.transcriptOutbox(classId))) === 0,
        30_000,
        'the survivor to write the transcript',
      );
      const docs = await stored.find({ classId }).sort({ seq: 1 }).toArray();
      expect(docs.map((d) => d._id)).toEqual(sent.map((c) => c.id));

      await teacher.post(`/api/classes/${classId}/end`);
      const transcript = await transcriptOf(teacher, classId);
      expect(transcript?.map((c) => c.text)).toEqual(sent.map((c) => c.text));
    } finally {
      await doomed.stop('SIGKILL');
      await survivor.stop();
      await closeRedis(redis);
      await mongo.dropDatabase().catch(() => undefined);
      await mongo.close();
    }
  });
});
