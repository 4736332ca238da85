import { Module } from '@nestjs/common';
import { AttendanceModule } from '../attendance';
import { ClassesModule } from '../classes';
import { CommentsModule } from '../comments';
import { PresenceModule } from '../presence';
import { JoinClass } from './join-class.usecase';
import { LeaveClass } from './leave-class.usecase';
import { LeaveSocket } from './leave-socket.usecase';
import { LeaseRenewal } from './lease-renewal';
import { LocalPresence } from './local-presence';

/**
 * Taking part in live classes: the join and leave use cases, and the presence of this
 * instance's sockets (heartbeats recorded here, kept in Redis in batches).
 */
@Module({
  imports: [PresenceModule, ClassesModule, CommentsModule, AttendanceModule],
  providers: [JoinClass, LeaveClass, LeaveSocket, LeaseRenewal, LocalPresence],
  exports: [JoinClass, LeaveClass, LocalPresence],
})
export class ParticipationModule {}
