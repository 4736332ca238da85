import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { RefreshToken } from './schemas/refresh-token.schema';

export type RefreshTokenRecord = Pick<
  RefreshToken,
  'tokenHash' | 'familyId' | 'userId' | 'expiresAt' | 'rotatedAt' | 'revokedAt'
>;

const FIELDS = {
  _id: 0,
  tokenHash: 1,
  familyId: 1,
  userId: 1,
  expiresAt: 1,
  rotatedAt: 1,
  revokedAt: 1,
};

/** Mongoose access to the `refresh_tokens` collection. */
@Injectable()
export class RefreshTokenRepository implements OnModuleInit {
  constructor(@InjectModel(RefreshToken.name) private readonly tokens: Model<RefreshToken>) {}

  async onModuleInit(): Promise<void> {
    await this.tokens.init();
  }

  async insert(
    token: Pick<RefreshToken, 'tokenHash' | 'familyId' | 'userId' | 'expiresAt'>,
  ): Promise<void> {
    await this.tokens.create(token);
  }

  findByHash(tokenHash: string): Promise<RefreshTokenRecord | null> {
    return this.tokens.findOne({ tokenHash }, FIELDS).lean<RefreshTokenRecord>().exec();
  }

  /**
   * Atomically marks a live token rotated and returns it as it was; null when the token is
   * unknown, already rotated, revoked or expired. Of two concurrent claims only one succeeds.
   */
  claim(tokenHash: string, now: Date): Promise<RefreshTokenRecord | null> {
    return this.tokens
      .findOneAndUpdate(
        { tokenHash, rotatedAt: null, revokedAt: null, expiresAt: { $gt: now } },
        { $set: { rotatedAt: now } },
        // No projection: FerretDB v1 does not implement findAndModify `fields`.
        { new: false },
      )
      .lean<RefreshTokenRecord>()
      .exec();
  }

  async revokeFamily(familyId: string, now: Date): Promise<void> {
    await this.tokens
      .updateMany({ familyId, revokedAt: null }, { $set: { revokedAt: now } })
      .exec();
  }

  async deleteExpiredBefore(cutoff: Date): Promise<number> {
    const result = await this.tokens.deleteMany({ expiresAt: { $lt: cutoff } }).exec();
    return result.deletedCount;
  }
}
