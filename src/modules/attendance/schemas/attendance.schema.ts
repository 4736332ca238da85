import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * One join-to-leave stay. `_id` is the stay's idempotency key (`classId:userId:joinedAtMs`), so
 * a stay written twice (two instances draining the same outbox) is stored once. The user's name
 * and the class title are kept as they were at the time, like on a paper register.
 */
@Schema({ collection: 'attendance', versionKey: false })
export class AttendanceDocument {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  userId: string;

  @Prop({ default: '' })
  userName: string;

  @Prop({ required: true })
  classId: string;

  @Prop({ default: '' })
  classTitle: string;

  @Prop({ required: true })
  joinedAt: Date;

  @Prop({ required: true })
  leftAt: Date;

  @Prop({ required: true, min: 0 })
  durationSeconds: number;
}

export const AttendanceSchema = SchemaFactory.createForClass(AttendanceDocument);
AttendanceSchema.index({ classId: 1, joinedAt: 1 });
AttendanceSchema.index({ userId: 1, joinedAt: -1 });
// Whether someone attended a class (who may read its comments): one index lookup.
AttendanceSchema.index({ classId: 1, userId: 1 });
