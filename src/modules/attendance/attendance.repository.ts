import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { AttendanceDocument } from './schemas/attendance.schema';

export type AttendanceRecord = AttendanceDocument;

const DUPLICATE_KEY = 11000;

/** MongoDB access for attendance records. */
@Injectable()
export class AttendanceRepository {
  constructor(
    @InjectModel(AttendanceDocument.name) private readonly model: Model<AttendanceDocument>,
  ) {}

  /**
   * Inserts records in one unordered batch, skipping those whose key (`_id`) exists already;
   * returns how many this call wrote. Any error other than a duplicate key is thrown.
   */
  async insertOnce(records: AttendanceRecord[]): Promise<number> {
    if (records.length === 0) return 0;
    try {
      const inserted = await this.model.insertMany(records, { ordered: false, rawResult: true });
      return inserted.insertedCount;
    } catch (error) {
      const failure = error as {
        code?: number;
        writeErrors?: { code?: number; err?: { code?: number } }[];
        insertedDocs?: unknown[];
      };
      const codes = failure.writeErrors?.map((e) => e.code ?? e.err?.code) ?? [failure.code];
      if (codes.length === 0 || codes.some((code) => code !== DUPLICATE_KEY)) throw error;
      return records.length - codes.length;
    }
  }

  findByClass(classId: string): Promise<AttendanceRecord[]> {
    return this.model.find({ classId }).sort({ joinedAt: 1, _id: 1 }).lean();
  }

  findByUser(userId: string, limit: number): Promise<AttendanceRecord[]> {
    return this.model.find({ userId }).sort({ joinedAt: -1 }).limit(limit).lean();
  }
}
