import { Module } from '@nestjs/common';
import { AttendanceModule } from '../attendance';
import { ClassesModule } from '../classes';
import { CommentsModule } from '../comments';
import { PresenceModule } from '../presence';
import { JoinClass } from './join-class.usecase';
import { KeepPresent } from './keep-present.usecase';
import { LeaveClass } from './leave-class.usecase';
import { LeaveSocket } from './leave-socket.usecase';

/** Taking part in live classes: the join, leave, disconnect and heartbeat use cases. */
@Module({
  imports: [PresenceModule, ClassesModule, CommentsModule, AttendanceModule],
  providers: [JoinClass, LeaveClass, LeaveSocket, KeepPresent],
  exports: [JoinClass, LeaveClass, LeaveSocket, KeepPresent],
})
export class ParticipationModule {}
