/** The comments module's public surface; other modules import from here only. */
export { CommentsModule } from './comments.module';
export { CommentsService } from './comments.service';
export { SendCommentPayload } from './dto/send-comment.payload';
export { commentsKeys } from './comments.keys';
