import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { CAPABILITIES, LIMITS, type Capability } from '@llms/contract';

/** A user as stored in MongoDB. */
@Schema({
  collection: 'users',
  versionKey: false,
  timestamps: { createdAt: true, updatedAt: false },
})
export class UserDocument {
  @Prop({ required: true, trim: true, maxlength: LIMITS.NAME_MAX })
  name: string;

  /** Trimmed and lowercased, so the unique index makes emails unique case-insensitively. */
  @Prop({ required: true, trim: true, lowercase: true })
  email: string;

  /** argon2id; never leaves the users module except to the password check. */
  @Prop({ required: true })
  passwordHash: string;

  @Prop({ type: [String], enum: CAPABILITIES, required: true })
  capabilities: Capability[];

  createdAt: Date;
}

export const UserSchema = SchemaFactory.createForClass(UserDocument);
UserSchema.index({ email: 1 }, { unique: true });
