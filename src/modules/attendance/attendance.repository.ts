import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { AttendanceDocument } from './schemas/attendance.schema';

export type AttendanceRecord = AttendanceDocument;

const DUPLICATE_KEY = 11000;

/** MongoDB access for attendance records. */
@Injectable()
export class AttendanceRepository {
  constructor(@InjectModel(AttendanceDocument.name) private readonly model: Model<AttendanceDocument>) {}

  /** Inserts a record unless one with the same key exists; true when this call wrote it. */
  async insertOnce(record: AttendanceRecord): Promise<boolean> {
    try {
      await this.model.create(record);
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) return false;
      throw error;
    }
  }

  findByClass(classId: string): Promise<AttendanceRecord[]> {
    return this.model.find({ classId }).sort({ joinedAt: 1, _id: 1 }).lean();
  }

  findByUser(userId: string, limit: number): Promise<AttendanceRecord[]> {
    return this.model.find({ userId }).sort({ joinedAt: -1 }).limit(limit).lean();
  }
}
