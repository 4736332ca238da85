import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * One refresh token, stored only as its SHA-256. Tokens of one login form a family (`familyId`,
 * also the access token's `sid`); each refresh marks the presented token rotated and issues the
 * next one in the family. `expiresAt` is the family's expiry, set at login and inherited.
 */
@Schema({ collection: 'refresh_tokens', versionKey: false })
export class RefreshToken {
  @Prop({ required: true })
  tokenHash: string;

  @Prop({ required: true })
  familyId: string;

  @Prop({ required: true })
  userId: string;

  @Prop({ required: true })
  expiresAt: Date;

  @Prop({ type: Date, default: null })
  rotatedAt: Date | null;

  @Prop({ type: Date, default: null })
  revokedAt: Date | null;

  @Prop({ type: Date, default: () => new Date() })
  createdAt: Date;
}

export const RefreshTokenSchema = SchemaFactory.createForClass(RefreshToken);
RefreshTokenSchema.index({ tokenHash: 1 }, { unique: true });
RefreshTokenSchema.index({ familyId: 1 });
// No TTL index (FerretDB has none): expiry is enforced in code and a sweep deletes old rows.
RefreshTokenSchema.index({ expiresAt: 1 });
