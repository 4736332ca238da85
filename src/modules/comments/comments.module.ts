import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { PresenceModule } from '../presence';
import { RateLimitModule } from '../rate-limit';
import { CommentStore } from './comment-store';
import { CommentTranscript } from './comment-transcript';
import { CommentsRepository } from './comments.repository';
import { commentsScriptsProvider } from './comments.scripts';
import { CommentsService } from './comments.service';
import { CommentDocument, CommentSchema } from './schemas/comment.schema';
import { TranscriptOutbox } from './transcript-outbox';
import { TranscriptWriter } from './transcript-writer';

/**
 * Comments: posting rules and broadcast (through ClassEvents), the recent ones in Redis, and the
 * whole transcript of each class, queued in Redis and written to MongoDB in batches.
 */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: CommentDocument.name, schema: CommentSchema }]),
    PresenceModule,
    RateLimitModule,
  ],
  providers: [
    commentsScriptsProvider,
    CommentStore,
    CommentsService,
    CommentsRepository,
    TranscriptOutbox,
    TranscriptWriter,
    CommentTranscript,
  ],
  exports: [CommentsService, TranscriptWriter, CommentTranscript],
})
export class CommentsModule {}
