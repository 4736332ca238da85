import { getConnectionToken } from '@nestjs/mongoose';
import { REDIS_CLIENT, type RedisClient } from '@llms/redis';
import { Types, type Connection } from 'mongoose';
import { presenceKeys } from '../../src/modules/presence';
import { UsersService } from '../../src/modules/users';
import { UserSession } from '../support/user-session';
import { startTestApp, type TestApp } from '../support/test-app';

describe('users (e2e)', () => {
  let t: TestApp;
  let redis: RedisClient;
  beforeAll(async () => {
    t = await startTestApp();
    // The app's own client: it carries the deployment's REDIS_KEY_PREFIX.
    redis = t.app.get<RedisClient>(REDIS_CLIENT);
  });
  afterAll(async () => {
    await t.close();
  });

  it('GET /api/users/me reports the class the user is active in', async () => {
    const session = await UserSession.register(t.url, { capabilities: ['TEACHER'] });
    const key = presenceKeys.activeClass(session.user.id);
    await redis.set(key, 'class-123', 'EX', 30);
    try {
      const res = await session.get('/api/users/me');
      expect(res.status).toBe(200);
      expect(res.body.data.user).toEqual({ ...session.user, activeClassId: 'class-123' });
    } finally {
      await redis.del(key);
    }
    expect((await session.get('/api/users/me')).body.data.user.activeClassId).toBeNull();
  });

  it('answers 401 once the account behind a valid access token is gone', async () => {
    const session = await UserSession.register(t.url);
    const connection = t.app.get<Connection>(getConnectionToken());
    await connection.collection('users').deleteOne({ _id: new Types.ObjectId(session.user.id) });
    const res = await session.get('/api/users/me');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
    // Nor can the session be refreshed.
    expect((await session.refresh()).body.error.code).toBe('REFRESH_TOKEN_INVALID');
  });

  it('UsersService looks users up by id for other modules, never with the hash', async () => {
    const one = await UserSession.register(t.url);
    const users = t.app.get(UsersService);
    const found = await users.findById(one.user.id);
    expect(found).toEqual(one.user);
    expect(JSON.stringify(found)).not.toMatch(/password|hash/i);
    expect(await users.findById('not-an-object-id')).toBeNull();
    expect(await users.findById('0123456789abcdef01234567')).toBeNull();
  });
});
