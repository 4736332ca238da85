import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';
import { CAPABILITIES, type Capability } from '@llms/contract';

@Schema({
  collection: 'users',
  versionKey: false,
  timestamps: { createdAt: true, updatedAt: false },
})
export class User {
  @Prop({ required: true, trim: true, maxlength: 100 })
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

export type UserDocument = HydratedDocument<User>;
export const UserSchema = SchemaFactory.createForClass(User);
UserSchema.index({ email: 1 }, { unique: true });
