import { createServer, type Server as HttpServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Server } from 'socket.io';
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import { connectPubSub, type PubSubConnection, type RedisConnectionOptions } from '@llms/redis';
import { createClassShardedAdapter } from '../../src/modules/realtime/class-sharded-adapter';
import { classRoom, userRoom } from '../../src/modules/realtime/realtime.rooms';
import { freePort } from '../../tools/lib';
import { eventually, sleep } from '../support/live';
import { shardSubscribers } from '../support/pubsub-probe';
import { canStartRedisCluster, ownRedisCluster } from '../support/redis-cluster';

/**
 * Fan-out through the sharded adapter as LLMS routes it, on a real Redis and a real Redis
 * Cluster: a class's messages reach only the instances holding sockets of that class, the
 * removal of a user's sockets from a class room travels on the class's channel ahead of the
 * next broadcast, and an instance subscribes to its class rooms, never to users.
 */
interface Instance {
  io: Server;
  http: HttpServer;
  url: string;
  pubsub: PubSubConnection;
  received: { room: number; roomWithoutLocalSockets: number; shared: number };
}

const single = {
  name: 'a single Redis',
  connect: async () => ({
    redis: {
      url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      clusterNodes: null,
    } as RedisConnectionOptions,
    stop: async () => {},
  }),
};
const cluster = { name: 'a Redis Cluster', connect: () => ownRedisCluster() };
const TARGETS = canStartRedisCluster ? [single, cluster] : [single];

describe.each(TARGETS)('class fan-out on $name', (target) => {
  let own: { redis: RedisConnectionOptions; stop(): Promise<void> };
  let channelPrefix: string;
  let instances: Instance[];
  const clients: ClientSocket[] = [];

  beforeAll(async () => {
    own = await target.connect();
    channelPrefix = `test-${randomUUID().slice(0, 8)}:socket.io`;
    instances = await Promise.all([0, 1, 2].map(() => startInstance()));
  }, 90_000);

  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });

  afterAll(async () => {
    for (const instance of instances ?? []) {
      instance.io.close();
      await instance.pubsub.close();
    }
    await own?.stop();
  });

  async function startInstance(): Promise<Instance> {
    const pubsub = await connectPubSub(own.redis, 'fanout-spec');
    const received = { room: 0, roomWithoutLocalSockets: 0, shared: 0 };
    const http = createServer();
    const io = new Server(http, {
      transports: ['websocket'],
      adapter: createClassShardedAdapter(pubsub.pub, pubsub.sub, {
        channelPrefix,
        observer: {
          roomMessage: (local) => {
            received.room++;
            if (!local) received.roomWithoutLocalSockets++;
          },
          sharedMessage: () => received.shared++,
        },
      }),
    });
    io.on('connection', (socket) => {
      const { user, classId } = socket.handshake.query as Record<string, string>;
      void socket.join(userRoom(user));
      if (classId) void socket.join(classRoom(classId));
    });
    const port = await freePort();
    await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
    return { io, http, url: `http://127.0.0.1:${port}`, pubsub, received };
  }

  /** A client of `user` on an instance, in a class room when `classId` is given. */
  async function connect(instance: Instance, user: string, classId?: string) {
    const client = connectClient(instance.url, {
      transports: ['websocket'],
      query: classId ? { user, classId } : { user },
      forceNew: true,
      reconnection: false,
    });
    clients.push(client);
    await new Promise<void>((resolve, reject) => {
      client.once('connect', resolve);
      client.once('connect_error', reject);
    });
    // The server joins the rooms on connection; let the subscriptions settle.
    await eventually(async () => {
      const room = classId ? classRoom(classId) : userRoom(user);
      return (await instance.io.in(room).local.fetchSockets()).length > 0;
    });
    return client;
  }

  const collect = (client: ClientSocket, event: string) => {
    const seen: unknown[] = [];
    client.on(event, (value: unknown) => seen.push(value));
    return seen;
  };

  const resetCounts = () => {
    for (const { received } of instances)
      Object.assign(received, { room: 0, roomWithoutLocalSockets: 0, shared: 0 });
  };

  /** How many instances subscribe to the channel of a room. */
  const subscribers = (room: string) => shardSubscribers(own.redis, `${channelPrefix}#/#${room}#`);

  it('an instance with no socket in a class receives none of its messages', async () => {
    const [a, b, c] = instances;
    const [x, y] = [randomUUID(), randomUUID()];
    const onA = await connect(a, 'u1', x);
    const onB = await connect(b, 'u2', x);
    await connect(c, 'u3', y);
    expect(await subscribers(classRoom(x))).toBe(2);
    expect(await subscribers(classRoom(y))).toBe(1);
    const [seenA, seenB] = [collect(onA, 'COMMENT'), collect(onB, 'COMMENT')];
    resetCounts();
    for (let i = 0; i < 20; i++) a.io.to(classRoom(x)).emit('COMMENT', i);
    // A stay that ended: the user's sockets leave the class room, wherever they are.
    await a.io.in(userRoom('u2')).socketsLeave(classRoom(x));
    await eventually(() => seenA.length === 20 && seenB.length === 20, 5000, 'all 20 on A and B');
    await sleep(200);
    expect(seenB).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(b.received.room).toBe(21);
    expect((await b.io.in(classRoom(x)).local.fetchSockets()).length).toBe(0);
    expect(c.received).toEqual({ room: 0, roomWithoutLocalSockets: 0, shared: 0 });
    expect(a.received.roomWithoutLocalSockets + b.received.roomWithoutLocalSockets).toBe(0);
  });

  it("takes a user's sockets out of a class room on the instance that holds them, before the next broadcast", async () => {
    const [a, b] = instances;
    const x = randomUUID();
    const leaving = await connect(b, 'leaver', x);
    const staying = await connect(b, 'stayer', x);
    const [seenLeaving, seenStaying] = [collect(leaving, 'COMMENT'), collect(staying, 'COMMENT')];
    for (let round = 0; round < 20; round++) {
      void a.io.in(userRoom('leaver')).socketsLeave(classRoom(x));
      a.io.to(classRoom(x)).emit('COMMENT', round);
    }
    await eventually(() => seenStaying.length === 20, 5000, 'the staying socket got every comment');
    await sleep(200);
    expect(seenLeaving).toEqual([]);
  });

  it('subscribes to class rooms only, never to user rooms, and unsubscribes when the room empties', async () => {
    const [a] = instances;
    const x = randomUUID();
    const users = Array.from({ length: 25 }, () => randomUUID());
    const crowd = await Promise.all(users.map((user) => connect(a, user, x)));
    expect(await subscribers(classRoom(x))).toBe(1);
    const userSubscriptions = await Promise.all(
      users.slice(0, 5).map((u) => subscribers(userRoom(u))),
    );
    expect(userSubscriptions).toEqual([0, 0, 0, 0, 0]);
    for (const client of crowd) client.close();
    await eventually(async () => (await subscribers(classRoom(x))) === 0, 5000, 'unsubscribed');
  });

  it("moves a teacher's sockets into a class room from any instance, through the shared channel", async () => {
    const [a, , c] = instances;
    const x = randomUUID();
    const teacher = await connect(c, 'teacher');
    const seen = collect(teacher, 'COMMENT');
    resetCounts();
    await a.io.in(userRoom('teacher')).socketsJoin(classRoom(x));
    await eventually(async () => (await subscribers(classRoom(x))) === 1, 5000, 'C subscribed');
    a.io.to(classRoom(x)).emit('COMMENT', 'hello');
    await eventually(() => seen.length === 1, 5000, 'the teacher on C got the comment');
    expect(c.received.shared).toBe(1);
  });
});
