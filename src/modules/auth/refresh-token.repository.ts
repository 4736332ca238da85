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

  /**
   * Inserts a token; false when its predecessor already has a successor (`rotatedFrom` is
   * unique; a clash of two 256-bit random tokenHashes does not happen).
   */
  async insert(
    token: Pick<RefreshToken, 'tokenHash' | 'familyId' | 'userId' | 'expiresAt' | 'rotatedFrom'>,
  ): Promise<boolean> {
    try {
      await this.tokens.create(token);
      return true;
    } catch (error) {
      if ((error as { code?: unknown } | null)?.code === 11000) return false;
      throw error;
    }
  }

  findByHash(tokenHash: string): Promise<RefreshTokenRecord | null> {
    return this.tokens.findOne({ tokenHash }, FIELDS).lean<RefreshTokenRecord>().exec();
  }

  /** Records that the token has been exchanged (its successor exists). */
  async markRotated(tokenHash: string, now: Date): Promise<void> {
    await this.tokens
      .updateOne({ tokenHash, rotatedAt: null }, { $set: { rotatedAt: now } })
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
