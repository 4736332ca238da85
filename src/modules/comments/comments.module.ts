import { Module } from '@nestjs/common';
import { PresenceModule } from '../presence';
import { RateLimitModule } from '../rate-limit';
import { CommentStore } from './comment-store';
import { commentsScriptsProvider } from './comments.scripts';
import { CommentsService } from './comments.service';

/** Live comments: posting rules, broadcast (through ClassEvents) and their Redis store. */
@Module({
  imports: [PresenceModule, RateLimitModule],
  providers: [commentsScriptsProvider, CommentStore, CommentsService],
  exports: [CommentsService],
})
export class CommentsModule {}
