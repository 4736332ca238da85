import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isValidObjectId, type Model } from 'mongoose';
import type { Capability } from '@llms/contract';
import { normalizeEmail } from './email';
import { User } from './schemas/user.schema';

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

interface UserRow extends User {
  _id: { toString(): string };
}

const toRecord = (row: UserRow): UserRecord => ({
  id: row._id.toString(),
  name: row.name,
  email: row.email,
  passwordHash: row.passwordHash,
  capabilities: row.capabilities,
  createdAt: row.createdAt,
});

/** MongoDB duplicate key; the users collection has one unique index besides `_id`: email. */
const isDuplicateKey = (error: unknown) => (error as { code?: unknown } | null)?.code === 11000;

/** Mongoose access to the `users` collection. */
@Injectable()
export class UsersRepository implements OnModuleInit {
  constructor(@InjectModel(User.name) private readonly users: Model<User>) {}

  /** Builds the unique email index before the first request, so duplicates are always refused. */
  async onModuleInit(): Promise<void> {
    await this.users.init();
  }

  /** Inserts a user; null when the email is taken (the unique index decides, races included). */
  async insert(user: NewUser): Promise<UserRecord | null> {
    try {
      const created = await this.users.create(user);
      return toRecord(created.toObject<UserRow>());
    } catch (error) {
      if (isDuplicateKey(error)) return null;
      throw error;
    }
  }

  async findByEmail(email: string): Promise<UserRecord | null> {
    const row = await this.users
      .findOne({ email: normalizeEmail(email) })
      .lean<UserRow>()
      .exec();
    return row ? toRecord(row) : null;
  }

  async findById(id: string): Promise<UserRecord | null> {
    if (!isValidObjectId(id)) return null;
    const row = await this.users.findById(id).lean<UserRow>().exec();
    return row ? toRecord(row) : null;
  }

  async findByIds(ids: readonly string[]): Promise<UserRecord[]> {
    const valid = [...new Set(ids)].filter((id) => isValidObjectId(id));
    if (!valid.length) return [];
    const rows = await this.users
      .find({ _id: { $in: valid } })
      .lean<UserRow[]>()
      .exec();
    return rows.map(toRecord);
  }
}
