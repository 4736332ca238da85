import { Injectable, Logger } from '@nestjs/common';
import { ClassOutboxWriter } from '../../common/persistence/class-outbox-writer';
import { AttendanceRepository } from './attendance.repository';
import { StayOutbox } from './stay-outbox';
import { stayKey } from './stay-record';

const DRAIN_BATCH = 200;

/**
 * Where attendance is written: moves finished stays from a class's Redis outbox into MongoDB,
 * exactly once. A stay leaves the outbox only after MongoDB has it (its `_id` is the stay's
 * idempotency key), so when MongoDB is down records wait in Redis and the sweeper retries.
 */
@Injectable()
export class AttendanceWriter extends ClassOutboxWriter {
  constructor(
    private readonly outbox: StayOutbox,
    private readonly attendance: AttendanceRepository,
  ) {
    super(new Logger(AttendanceWriter.name), 'stays');
  }

  protected async drainAll(classId: string): Promise<number> {
    let written = 0;
    for (;;) {
      const batch = await this.outbox.peek(classId, DRAIN_BATCH);
      if (batch.length === 0) return written;
      written += await this.attendance.insertOnce(
        batch.map(({ record }) => ({
          id: stayKey(record),
          userId: record.userId,
          userName: record.userName ?? '',
          classId: record.classId,
          classTitle: record.classTitle,
          joinedAt: new Date(record.joinedAt),
          leftAt: new Date(record.leftAt),
          durationSeconds: Math.max(0, Math.round((record.leftAt - record.joinedAt) / 1000)),
        })),
      );
      // Only once MongoDB has the whole batch do its entries leave the outbox.
      await this.outbox.remove(classId, batch);
    }
  }
}
