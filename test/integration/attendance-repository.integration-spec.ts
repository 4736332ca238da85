import type { Model } from 'mongoose';
import {
  AttendanceRepository,
  type AttendanceRecord,
} from '../../src/modules/attendance/attendance.repository';
import {
  AttendanceDocument,
  AttendanceSchema,
} from '../../src/modules/attendance/schemas/attendance.schema';
import { openTestModel } from '../support/test-database';

/** Exactly-once writes against the real MongoDB-wire server (FerretDB locally, MongoDB in prod). */
describe('AttendanceRepository.insertOnce (real MongoDB-wire server)', () => {
  let model: Model<AttendanceDocument>;
  let drop: () => Promise<void>;
  let repository: AttendanceRepository;

  beforeAll(async () => {
    ({ model, drop } = await openTestModel(AttendanceDocument.name, AttendanceSchema));
    repository = new AttendanceRepository(model);
  });

  afterAll(async () => {
    await drop?.();
  });

  const stay = (user: string): AttendanceRecord => ({
    id: `class:${user}:1700000000000`,
    userName: `User ${user}`,
    userId: user,
    classId: 'class',
    classTitle: 'T',
    joinedAt: new Date(1_700_000_000_000),
    leftAt: new Date(1_700_000_060_000),
    durationSeconds: 60,
  });

  it('writes a batch, then skips the records that exist and writes the rest', async () => {
    expect(await repository.insertOnce([stay('a'), stay('b')])).toBe(2);
    expect(await repository.insertOnce([stay('b'), stay('c'), stay('a'), stay('d')])).toBe(2);
    expect(await repository.insertOnce([stay('a')])).toBe(0);
    expect(await model.countDocuments()).toBe(4);
  });

  it('two drains racing with the same records store each once', async () => {
    const batch = ['e', 'f', 'g', 'h'].map(stay);
    const written = await Promise.all([
      repository.insertOnce(batch),
      repository.insertOnce([...batch].reverse()),
    ]);
    expect(written[0] + written[1]).toBe(4);
    expect(await model.countDocuments({ userId: { $in: ['e', 'f', 'g', 'h'] } })).toBe(4);
  });
});
