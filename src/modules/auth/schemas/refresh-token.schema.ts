import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * One refresh token, stored only as its SHA-256. Tokens of one login form a family (`familyId`,
 * also the access token's `sid`); each refresh issues the next token of the family and marks the
 * presented one rotated. `expiresAt` is the family's expiry, set at login and inherited.
 *
 * `rotatedFrom` (unique) names the token this one replaced (`family:<id>` for the first), so a
 * token can have at most one successor: of two concurrent refreshes with the same token only
 * one insert succeeds. The unique index is the lock; it holds on MongoDB and on FerretDB, whose
 * findAndModify is not atomic.
 */
@Schema({ collection: 'refresh_tokens', versionKey: false })
export class RefreshTokenDocument {
  @Prop({ required: true })
  tokenHash: string;

  @Prop({ required: true })
  familyId: string;

  @Prop({ required: true })
  userId: string;

  @Prop({ required: true })
  rotatedFrom: string;

  @Prop({ required: true })
  expiresAt: Date;

  @Prop({ type: Date, default: null })
  rotatedAt: Date | null;

  @Prop({ type: Date, default: null })
  revokedAt: Date | null;

  @Prop({ type: Date, default: () => new Date() })
  createdAt: Date;
}

export const RefreshTokenSchema = SchemaFactory.createForClass(RefreshTokenDocument);
RefreshTokenSchema.index({ tokenHash: 1 }, { unique: true });
RefreshTokenSchema.index({ rotatedFrom: 1 }, { unique: true });
RefreshTokenSchema.index({ familyId: 1 });
// No TTL index (FerretDB has none): expiry is enforced in code and a sweep deletes old rows.
RefreshTokenSchema.index({ expiresAt: 1 });
