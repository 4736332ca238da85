import { Inject, Injectable } from '@nestjs/common';
import { REDIS_CLIENT, type RedisClient } from '@llms/redis';
import { presenceKeys } from './presence.keys';

/** Presence state in Redis: who is active where, who is in which class. */
@Injectable()
export class PresenceService {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: RedisClient) {}

  /** The class the user is active in right now (as teacher or participant), or null. */
  getActiveClassId(userId: string): Promise<string | null> {
    return this.redis.get(presenceKeys.userActiveClass(userId));
  }
}
