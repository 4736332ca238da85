import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { CLASS_STATUSES, LIMITS, type ClassStatus } from '@llms/contract';

/** A class as stored in MongoDB; its live presence lives in Redis (the presence module). */
@Schema({ collection: 'classes', versionKey: false })
export class ClassDocument {
  @Prop({ required: true, trim: true, maxlength: LIMITS.TITLE_MAX })
  title: string;

  @Prop({ required: true, min: LIMITS.CAPACITY_MIN })
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

export const ClassSchema = SchemaFactory.createForClass(ClassDocument);
ClassSchema.index({ createdBy: 1, _id: -1 });
ClassSchema.index({ createdBy: 1, status: 1, _id: -1 });
