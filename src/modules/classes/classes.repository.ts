import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { ClassStatus } from '@llms/contract';
import { isValidObjectId, Model, Types, type FilterQuery } from 'mongoose';
import { newJoinCode } from './join-code';
import { ClassDocument } from './schemas/class.schema';

export interface ClassRecord {
  id: string;
  title: string;
  capacity: number;
  status: ClassStatus;
  createdBy: string;
  joinCode: string;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
}

const DUPLICATE_KEY = 11000;

function toRecord(doc: ClassDocument & { _id: Types.ObjectId }): ClassRecord {
  return {
    id: doc._id.toHexString(),
    title: doc.title,
    capacity: doc.capacity,
    status: doc.status,
    createdBy: doc.createdBy,
    joinCode: doc.joinCode,
    createdAt: doc.createdAt,
    startedAt: doc.startedAt ?? null,
    endedAt: doc.endedAt ?? null,
  };
}

/** MongoDB access for classes, nothing else. State changes are conditional (compare-and-set). */
@Injectable()
export class ClassesRepository {
  constructor(@InjectModel(ClassDocument.name) private readonly model: Model<ClassDocument>) {}

  /** Inserts a class with a fresh join code, drawing again on the (rare) code collision. */
  async create(input: {
    title: string;
    capacity: number;
    createdBy: string;
  }): Promise<ClassRecord> {
    for (let attempt = 0; ; attempt++) {
      try {
        const doc = await this.model.create({
          ...input,
          status: 'CREATED',
          joinCode: newJoinCode(),
          createdAt: new Date(),
        });
        return toRecord(doc.toObject());
      } catch (error) {
        if ((error as { code?: number }).code !== DUPLICATE_KEY || attempt >= 4) throw error;
      }
    }
  }

  async findById(id: string): Promise<ClassRecord | null> {
    if (!isValidObjectId(id) || !/^[0-9a-f]{24}$/i.test(id)) return null;
    const doc = await this.model.findById(id).lean();
    return doc ? toRecord(doc) : null;
  }

  async findByJoinCode(joinCode: string): Promise<ClassRecord | null> {
    const doc = await this.model.findOne({ joinCode: String(joinCode) }).lean();
    return doc ? toRecord(doc) : null;
  }

  /** Newest first, keyset-paginated on _id; `after` is the last id of the previous page. */
  async list(filter: {
    createdBy?: string;
    status?: ClassStatus;
    after?: string;
    limit: number;
  }): Promise<ClassRecord[]> {
    const query: FilterQuery<ClassDocument> = {};
    if (filter.createdBy) query.createdBy = filter.createdBy;
    if (filter.status) query.status = filter.status;
    if (filter.after) query._id = { $lt: new Types.ObjectId(filter.after) };
    const docs = await this.model.find(query).sort({ _id: -1 }).limit(filter.limit).lean();
    return docs.map(toRecord);
  }

  async findManyByIds(ids: readonly string[]): Promise<ClassRecord[]> {
    const valid = ids.filter((id) => /^[0-9a-f]{24}$/i.test(id));
    const docs = await this.model.find({ _id: { $in: valid } }).lean();
    return docs.map(toRecord);
  }

  /** CREATED -> LIVE; null when the class was not CREATED (a concurrent start won). */
  async markLive(id: string, startedAt: Date): Promise<ClassRecord | null> {
    const doc = await this.model
      .findOneAndUpdate(
        { _id: id, status: 'CREATED' },
        { $set: { status: 'LIVE', startedAt } },
        { new: true },
      )
      .lean();
    return doc ? toRecord(doc) : null;
  }

  /** LIVE -> ENDED, idempotent: an already ENDED class keeps its first endedAt. */
  async markEnded(id: string, endedAt: Date): Promise<void> {
    await this.model.updateOne({ _id: id, status: 'LIVE' }, { $set: { status: 'ENDED', endedAt } });
  }
}
