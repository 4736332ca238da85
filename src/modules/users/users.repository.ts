import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isValidObjectId, type Model, type Types } from 'mongoose';
import type { Capability } from '@llms/contract';
import { MongoRepository } from '../../common/persistence/mongo-repository';
import { normalizeEmail } from './email';
import { UserDocument } from './schemas/user.schema';

/** A stored user, password hash included; only the users module sees this shape. */
export interface UserRecord {
  id: string;
  name: string;
  email: string;
  passwordHash: string;
  capabilities: Capability[];
  createdAt: Date;
}

export type NewUser = Omit<UserRecord, 'id' | 'createdAt'>;

type StoredUser = UserDocument & { _id: Types.ObjectId };

const toRecord = (doc: StoredUser): UserRecord => ({
  id: doc._id.toString(),
  name: doc.name,
  email: doc.email,
  passwordHash: doc.passwordHash,
  capabilities: doc.capabilities,
  createdAt: doc.createdAt,
});

/** Mongoose access to the `users` collection (the unique email index decides duplicates). */
@Injectable()
export class UsersRepository extends MongoRepository<UserDocument> {
  constructor(@InjectModel(UserDocument.name) model: Model<UserDocument>) {
    super(model);
  }

  /** Inserts a user; null when the email is taken (the unique index decides, races included). */
  async insert(user: NewUser): Promise<UserRecord | null> {
    const created = await this.insertUnlessDuplicate(() => this.model.create(user));
    return created ? toRecord(created.toObject() as StoredUser) : null;
  }

  async findByEmail(email: string): Promise<UserRecord | null> {
    const doc = await this.model
      .findOne({ email: normalizeEmail(email) })
      .lean<StoredUser>()
      .exec();
    return doc ? toRecord(doc) : null;
  }

  async findById(id: string): Promise<UserRecord | null> {
    if (!isValidObjectId(id)) return null;
    const doc = await this.model.findById(id).lean<StoredUser>().exec();
    return doc ? toRecord(doc) : null;
  }
}
