import { Inject, Injectable } from '@nestjs/common';
import { REDIS_CLIENT, type RedisClient } from '@llms/redis';
import { realtimeKeys } from './realtime.keys';

/**
 * The cross-instance gate that coalesces PARTICIPANT_COUNT broadcasts: `SET NX PX` on a key of
 * the class, so one instance per interval wins the right to broadcast.
 */
@Injectable()
export class CountGate {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: RedisClient) {}

  /** Takes the gate of a class for `intervalMs`; false while another caller holds it. */
  async take(classId: string, intervalMs: number): Promise<boolean> {
    const key = realtimeKeys.countGate(classId);
    return (await this.redis.set(key, '1', 'PX', intervalMs, 'NX')) === 'OK';
  }
}
