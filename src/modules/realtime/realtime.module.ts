import { Module } from '@nestjs/common';
import { ClassesModule } from '../classes/classes.module';
import { CommentsModule } from '../comments/comments.module';
import { PresenceModule } from '../presence/presence.module';
import { RealtimeGateway } from './realtime.gateway';
import { RealtimePublisherModule } from './realtime-publisher.module';

@Module({
  imports: [ClassesModule, CommentsModule, PresenceModule, RealtimePublisherModule],
  providers: [RealtimeGateway],
})
export class RealtimeModule {}
