import { Inject, Injectable } from '@nestjs/common';
import { REDIS_CLIENT, type RedisClient } from '@llms/redis';
import { attendanceKeys } from './attendance.keys';
import type { StayRecord } from './stay-record';

/** An outbox entry: the parsed record and the exact value it was stored as. */
export interface QueuedStay {
  record: StayRecord;
  /** The stored JSON, needed to remove exactly this entry; opaque outside this file. */
  readonly entry: string;
}

/**
 * The Redis side of the attendance outbox of a class (a LIST in the class's slot, appended by
 * the presence scripts in the same step that ends a stay). Entries are removed by exact value,
 * so several instances may drain the same outbox at once without losing any.
 */
@Injectable()
export class StayOutbox {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: RedisClient) {}

  /** The oldest queued stays of a class, up to `limit`. */
  async peek(classId: string, limit: number): Promise<QueuedStay[]> {
    const entries = await this.redis.lrange(attendanceKeys.outbox(classId), 0, limit - 1);
    return entries.map((entry) => ({ entry, record: JSON.parse(entry) as StayRecord }));
  }

  /** Removes stays that MongoDB now holds (pipelined; a value removed twice is a no-op). */
  async remove(classId: string, stays: QueuedStay[]): Promise<void> {
    const key = attendanceKeys.outbox(classId);
    await Promise.all(stays.map(({ entry }) => this.redis.lrem(key, 1, entry)));
  }

  length(classId: string): Promise<number> {
    return this.redis.llen(attendanceKeys.outbox(classId));
  }
}
