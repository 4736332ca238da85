import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { FilterQuery, Model } from 'mongoose';
import { MongoRepository } from '../../common/persistence/mongo-repository';
import { CommentDocument } from './schemas/comment.schema';
import type { QueuedComment } from './transcript-outbox';

/** A comment of a transcript, with its place in it (the shape it waited in the outbox with). */
export type TranscriptEntry = QueuedComment;

const toEntry = (doc: CommentDocument): TranscriptEntry => ({
  seq: doc.seq,
  comment: {
    id: doc._id,
    classId: doc.classId,
    author: { id: doc.authorId, name: doc.authorName ?? '', role: doc.authorRole },
    text: doc.text,
    sentAt: doc.sentAt.toISOString(),
  },
});

const toDocument = ({ seq, comment }: QueuedComment): CommentDocument => ({
  _id: comment.id,
  classId: comment.classId,
  seq,
  authorId: comment.author.id,
  authorName: comment.author.name,
  authorRole: comment.author.role,
  text: comment.text,
  sentAt: new Date(comment.sentAt),
});

/** MongoDB access for comment transcripts. */
@Injectable()
export class CommentsRepository extends MongoRepository<CommentDocument> {
  constructor(@InjectModel(CommentDocument.name) model: Model<CommentDocument>) {
    super(model);
  }

  /** Inserts queued comments in one unordered batch, skipping those stored already. */
  insertOnce(queued: QueuedComment[]): Promise<number> {
    return this.insertManyUnlessDuplicate(queued.map(toDocument));
  }

  /** Up to `limit` comments of a class after sequence `afterSeq`, in transcript order. */
  async page(classId: string, afterSeq: number, limit: number): Promise<TranscriptEntry[]> {
    const query: FilterQuery<CommentDocument> = { classId };
    if (afterSeq > 0) query.seq = { $gt: afterSeq };
    const docs = await this.model.find(query).sort({ seq: 1 }).limit(limit).lean();
    return docs.map(toEntry);
  }

  countByClass(classId: string): Promise<number> {
    return this.model.countDocuments({ classId });
  }
}
