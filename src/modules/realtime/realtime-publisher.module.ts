import { Global, Module } from '@nestjs/common';
import { SessionEvents } from '../auth/session-events';
import { PresenceModule } from '../presence/presence.module';
import { RealtimePublisher } from './realtime.publisher';

/**
 * Server-to-client publishing. Global because it implements ports that other modules own and
 * inject app-wide: `SessionEvents` (auth) is bound here to the publisher, so AuthModule gets it
 * without importing anything of real time (real time imports auth, never the other way).
 */
@Global()
@Module({
  imports: [PresenceModule],
  providers: [RealtimePublisher, { provide: SessionEvents, useExisting: RealtimePublisher }],
  exports: [RealtimePublisher, SessionEvents],
})
export class RealtimePublisherModule {}
