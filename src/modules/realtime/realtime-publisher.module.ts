import { Module } from '@nestjs/common';
import { PresenceModule } from '../presence/presence.module';
import { RealtimePublisher } from './realtime.publisher';

@Module({ imports: [PresenceModule], providers: [RealtimePublisher], exports: [RealtimePublisher] })
export class RealtimePublisherModule {}
