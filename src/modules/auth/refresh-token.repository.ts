import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { MongoRepository } from '../../common/persistence/mongo-repository';
import { RefreshTokenDocument } from './schemas/refresh-token.schema';

export type RefreshTokenRecord = Pick<
  RefreshTokenDocument,
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
export class RefreshTokenRepository extends MongoRepository<RefreshTokenDocument> {
  constructor(@InjectModel(RefreshTokenDocument.name) model: Model<RefreshTokenDocument>) {
    super(model);
  }

  /**
   * Inserts a token; false when its predecessor already has a successor (`rotatedFrom` is
   * unique; a clash of two 256-bit random tokenHashes does not happen).
   */
  async insert(
    token: Pick<
      RefreshTokenDocument,
      'tokenHash' | 'familyId' | 'userId' | 'expiresAt' | 'rotatedFrom'
    >,
  ): Promise<boolean> {
    return (await this.insertUnlessDuplicate(() => this.model.create(token))) !== null;
  }

  findByHash(tokenHash: string): Promise<RefreshTokenRecord | null> {
    return this.model.findOne({ tokenHash }, FIELDS).lean<RefreshTokenRecord>().exec();
  }

  /** Records that the token has been exchanged (its successor exists). */
  async markRotated(tokenHash: string, now: Date): Promise<void> {
    await this.model.updateOne({ tokenHash, rotatedAt: null }, { $set: { rotatedAt: now } }).exec();
  }

  async revokeFamily(familyId: string, now: Date): Promise<void> {
    await this.model.updateMany({ familyId, revokedAt: null }, { $set: { revokedAt: now } }).exec();
  }

  async deleteExpiredBefore(cutoff: Date): Promise<number> {
    const result = await this.model.deleteMany({ expiresAt: { $lt: cutoff } }).exec();
    return result.deletedCount;
  }
}
