/** The comments module's public surface; other modules import from here only. */
export { CommentsModule } from './comments.module';
export { CommentsService } from './comments.service';
export { CommentTranscript } from './comment-transcript';
export { TranscriptWriter, TRANSCRIPT_BATCH, TRANSCRIPT_FLUSH_MS } from './transcript-writer';
export { SendCommentPayload } from './dto/send-comment.payload';
export { commentsKeys } from './comments.keys';
