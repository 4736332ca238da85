import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth';
import { SessionEvents } from '../auth';
import { ClassEvents } from '../class-events';
import { CommentsModule } from '../comments';
import { ParticipationModule } from '../participation';
import { PresenceModule } from '../presence';
import { ClientEvents } from './client-events';
import { CountGate } from './count-gate';
import { RealtimeGateway } from './realtime.gateway';
import { realtimeScriptsProvider } from './realtime.scripts';
import { SocketClassEvents } from './socket-class-events';
import { SocketHandshake } from './socket-handshake';
import { SessionSockets } from './session-sockets';
import { SocketSlots } from './socket-slots';

/**
 * The Socket.IO channel: the handshake, the gateway and its client-event listeners in
 * (use cases of participation and comments), SocketClassEvents and SessionSockets out. They
 * implement the ClassEvents port (of the domain modules) and the SessionEvents port (of auth),
 * provided to every module from here (global), so no module imports this one and no arrow runs
 * back up.
 */
@Global()
@Module({
  imports: [AuthModule, ParticipationModule, CommentsModule, PresenceModule],
  providers: [
    realtimeScriptsProvider,
    RealtimeGateway,
    ClientEvents,
    CountGate,
    SocketHandshake,
    SocketSlots,
    SocketClassEvents,
    SessionSockets,
    { provide: ClassEvents, useExisting: SocketClassEvents },
    { provide: SessionEvents, useExisting: SessionSockets },
  ],
  exports: [ClassEvents, SessionEvents],
})
export class RealtimeModule {}
