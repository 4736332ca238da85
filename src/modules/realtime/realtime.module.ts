import { Global, Module } from '@nestjs/common';
import { ClassEvents } from '../class-events';
import { CommentsModule } from '../comments';
import { ParticipationModule } from '../participation';
import { PresenceModule } from '../presence';
import { CountGate } from './count-gate';
import { RealtimeGateway } from './realtime.gateway';
import { SocketClassEvents } from './socket-class-events';

/**
 * The Socket.IO channel: the gateway in (client events to use cases), SocketClassEvents out
 * (the ClassEvents port, provided to every module from here, so no domain module imports this
 * one and no arrow runs back up).
 */
@Global()
@Module({
  imports: [ParticipationModule, CommentsModule, PresenceModule],
  providers: [
    RealtimeGateway,
    CountGate,
    SocketClassEvents,
    { provide: ClassEvents, useExisting: SocketClassEvents },
  ],
  exports: [ClassEvents],
})
export class RealtimeModule {}
