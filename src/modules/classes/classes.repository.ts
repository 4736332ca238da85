import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isCanonicalId, type ClassStatus } from '@llms/contract';
import { Model, Types, type FilterQuery } from 'mongoose';
import { MongoRepository } from '../../common/persistence/mongo-repository';
import { newJoinCode } from './join-code';
import { ClassDocument } from './schemas/class.schema';

/** A stored class, as the rest of the app sees it. */
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

type StoredClass = ClassDocument & { _id: Types.ObjectId };

const toRecord = (doc: StoredClass): ClassRecord => ({
  id: doc._id.toHexString(),
  title: doc.title,
  capacity: doc.capacity,
  status: doc.status,
  createdBy: doc.createdBy,
  joinCode: doc.joinCode,
  createdAt: doc.createdAt,
  startedAt: doc.startedAt ?? null,
  endedAt: doc.endedAt ?? null,
});

/** How many times a create draws a new join code after a (rare) collision. */
const JOIN_CODE_ATTEMPTS = 5;

/**
 * MongoDB access for classes. Ids are accepted only in their canonical form (24 lower-case hex),
 * so MongoDB and Redis always name a class the same way. State changes are compare-and-set.
 */
@Injectable()
export class ClassesRepository extends MongoRepository<ClassDocument> {
  constructor(@InjectModel(ClassDocument.name) model: Model<ClassDocument>) {
    super(model);
  }

  /** Inserts a class with a fresh join code, drawing again on the (rare) code collision. */
  async create(input: {
    title: string;
    capacity: number;
    createdBy: string;
  }): Promise<ClassRecord> {
    for (let attempt = 1; ; attempt++) {
      const doc = await this.insertUnlessDuplicate(() =>
        this.model.create({
          ...input,
          status: 'CREATED',
          joinCode: newJoinCode(),
          createdAt: new Date(),
        }),
      );
      if (doc) return toRecord(doc.toObject() as StoredClass);
      if (attempt >= JOIN_CODE_ATTEMPTS) throw new Error('No free join code after 5 draws');
    }
  }

  async findById(id: string): Promise<ClassRecord | null> {
    if (!isCanonicalId(id)) return null;
    const doc = await this.model.findById(id).lean<StoredClass>();
    return doc ? toRecord(doc) : null;
  }

  async findByJoinCode(joinCode: string): Promise<ClassRecord | null> {
    const doc = await this.model.findOne({ joinCode: String(joinCode) }).lean<StoredClass>();
    return doc ? toRecord(doc) : null;
  }

  /** A creator's classes, newest first, keyset-paginated on _id (`after`: last id of the previous page). */
  async listByCreator(filter: {
    createdBy: string;
    status?: ClassStatus;
    after?: string;
    limit: number;
  }): Promise<ClassRecord[]> {
    const query: FilterQuery<ClassDocument> = { createdBy: filter.createdBy };
    if (filter.status) query.status = filter.status;
    if (filter.after) query._id = { $lt: new Types.ObjectId(filter.after) };
    const docs = await this.model
      .find(query)
      .sort({ _id: -1 })
      .limit(filter.limit)
      .lean<StoredClass[]>();
    return docs.map(toRecord);
  }

  /** When each of these classes started and ended (unknown or non-canonical ids are left out). */
  async findTimes(
    ids: string[],
  ): Promise<Map<string, { startedAt: Date | null; endedAt: Date | null }>> {
    const valid = [...new Set(ids)].filter(isCanonicalId);
    if (valid.length === 0) return new Map();
    const docs = await this.model
      .find({ _id: { $in: valid } }, { startedAt: 1, endedAt: 1 })
      .lean<Pick<StoredClass, '_id' | 'startedAt' | 'endedAt'>[]>();
    return new Map(
      docs.map((doc) => [
        doc._id.toHexString(),
        { startedAt: doc.startedAt ?? null, endedAt: doc.endedAt ?? null },
      ]),
    );
  }

  /** CREATED -> LIVE; null when the class was not CREATED (a concurrent start won). */
  async markLive(id: string, startedAt: Date): Promise<ClassRecord | null> {
    const doc = await this.model
      .findOneAndUpdate(
        { _id: id, status: 'CREATED' },
        { $set: { status: 'LIVE', startedAt } },
        { new: true },
      )
      .lean<StoredClass>();
    return doc ? toRecord(doc) : null;
  }

  /** LIVE -> ENDED, idempotent: an already ENDED class keeps its first endedAt. */
  async markEnded(id: string, endedAt: Date): Promise<void> {
    await this.model.updateOne({ _id: id, status: 'LIVE' }, { $set: { status: 'ENDED', endedAt } });
  }
}
