import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { CLASS_STATUSES, type ClassStatus } from '@llms/contract';
import type { HydratedDocument } from 'mongoose';

/** A class as stored in MongoDB; live presence lives in Redis (see PresenceService). */
@Schema({ collection: 'classes', versionKey: false })
export class ClassDocument {
  @Prop({ required: true, trim: true, maxlength: 200 })
  title: string;

  @Prop({ required: true, min: 1 })
  capacity: number;

  @Prop({ type: String, required: true, enum: CLASS_STATUSES, default: 'CREATED' })
  status: ClassStatus;

  @Prop({ required: true })
  createdBy: string;

  @Prop({ required: true, unique: true })
  joinCode: string;

  @Prop({ required: true })
  createdAt: Date;

  @Prop({ type: Date, default: null })
  startedAt: Date | null;

  @Prop({ type: Date, default: null })
  endedAt: Date | null;
}

export type ClassHydrated = HydratedDocument<ClassDocument>;
export const ClassSchema = SchemaFactory.createForClass(ClassDocument);
ClassSchema.index({ createdBy: 1, _id: -1 });
ClassSchema.index({ status: 1, _id: -1 });
