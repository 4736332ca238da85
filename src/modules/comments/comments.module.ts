import { Module } from '@nestjs/common';
import { PresenceModule } from '../presence/presence.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { RealtimePublisherModule } from '../realtime/realtime-publisher.module';
import { CommentsService } from './comments.service';

@Module({
  imports: [PresenceModule, RateLimitModule, RealtimePublisherModule],
  providers: [CommentsService],
  exports: [CommentsService],
})
export class CommentsModule {}
