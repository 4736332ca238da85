import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { MongoRepository } from '../../common/persistence/mongo-repository';
import { AttendanceDocument } from './schemas/attendance.schema';

/** A stored stay, as the rest of the module sees it. */
export interface AttendanceRecord {
  /** The stay's idempotency key (`classId:userId:joinedAtMs`). */
  id: string;
  userId: string;
  userName: string;
  classId: string;
  classTitle: string;
  joinedAt: Date;
  leftAt: Date;
  durationSeconds: number;
}

const toRecord = (doc: AttendanceDocument): AttendanceRecord => ({
  id: doc._id,
  userId: doc.userId,
  userName: doc.userName ?? '',
  classId: doc.classId,
  classTitle: doc.classTitle ?? '',
  joinedAt: doc.joinedAt,
  leftAt: doc.leftAt,
  durationSeconds: doc.durationSeconds,
});

const toDocument = ({ id, ...rest }: AttendanceRecord): AttendanceDocument => ({
  _id: id,
  ...rest,
});

/** MongoDB access for attendance records. */
@Injectable()
export class AttendanceRepository extends MongoRepository<AttendanceDocument> {
  constructor(@InjectModel(AttendanceDocument.name) model: Model<AttendanceDocument>) {
    super(model);
  }

  /**
   * Inserts records in one unordered batch, skipping those whose key exists already; returns
   * how many this call wrote. Any error other than a duplicate key is thrown.
   */
  insertOnce(records: AttendanceRecord[]): Promise<number> {
    return this.insertManyUnlessDuplicate(records.map(toDocument));
  }

  async findByClass(classId: string): Promise<AttendanceRecord[]> {
    const docs = await this.model.find({ classId }).sort({ joinedAt: 1, _id: 1 }).lean();
    return docs.map(toRecord);
  }

  async findByUser(userId: string, limit: number): Promise<AttendanceRecord[]> {
    const docs = await this.model.find({ userId }).sort({ joinedAt: -1 }).limit(limit).lean();
    return docs.map(toRecord);
  }

  /** Whether the user has at least one stay in the class. */
  async attended(classId: string, userId: string): Promise<boolean> {
    return (await this.model.exists({ classId, userId })) !== null;
  }
}
