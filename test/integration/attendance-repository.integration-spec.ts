import { randomBytes } from 'node:crypto';
import mongoose, { type Connection, type Model } from 'mongoose';
import {
  AttendanceRepository,
  type AttendanceRecord,
} from '../../src/modules/attendance/attendance.repository';
import {
  AttendanceDocument,
  AttendanceSchema,
} from '../../src/modules/attendance/schemas/attendance.schema';

/** Exactly-once writes against the real MongoDB-wire server (FerretDB locally, MongoDB in prod). */
describe('AttendanceRepository.insertOnce (real MongoDB-wire server)', () => {
  let connection: Connection;
  let model: Model<AttendanceDocument>;
  let repository: AttendanceRepository;

  beforeAll(async () => {
    const url = new URL(process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/llms');
    url.pathname = `/llms_test_${randomBytes(4).toString('hex')}`;
    connection = await mongoose
      .createConnection(url.toString(), { serverSelectionTimeoutMS: 5000 })
      .asPromise();
    model = connection.model(AttendanceDocument.name, AttendanceSchema);
    await model.init();
    repository = new AttendanceRepository(model);
  });

  afterAll(async () => {
    await connection.dropDatabase().catch(() => undefined);
    await connection.close();
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
