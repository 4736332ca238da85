import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ClassesModule } from '../classes/classes.module';
import { CommentsModule } from '../comments/comments.module';
import { PresenceModule } from '../presence/presence.module';
import { RealtimeGateway } from './realtime.gateway';
import { RealtimePublisherModule } from './realtime-publisher.module';
import { SessionSockets } from './session-sockets';

@Module({
  imports: [AuthModule, ClassesModule, CommentsModule, PresenceModule, RealtimePublisherModule],
  providers: [RealtimeGateway, SessionSockets],
})
export class RealtimeModule {}
