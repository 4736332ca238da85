import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { COMMENT_AUTHOR_ROLES, type CommentAuthorRole } from '@llms/contract';

/**
 * One comment of a class's transcript. `_id` is the comment's id, so a batch written twice (two
 * instances draining the same outbox) is stored once; `seq` is its place in the class's
 * transcript, given by Redis when the comment was accepted. The author's name is kept as it was.
 */
@Schema({ collection: 'comments', versionKey: false })
export class CommentDocument {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  classId: string;

  @Prop({ required: true, min: 1 })
  seq: number;

  @Prop({ required: true })
  authorId: string;

  @Prop({ default: '' })
  authorName: string;

  @Prop({ type: String, required: true, enum: COMMENT_AUTHOR_ROLES })
  authorRole: CommentAuthorRole;

  @Prop({ required: true })
  text: string;

  @Prop({ required: true })
  sentAt: Date;
}

export const CommentSchema = SchemaFactory.createForClass(CommentDocument);
CommentSchema.index({ classId: 1, seq: 1 });
