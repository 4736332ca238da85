import { Module } from '@nestjs/common';
import { AttendanceModule } from '../attendance';
import { ClassesModule } from '../classes';
import { CommentsModule } from '../comments';
import { PresenceModule } from '../presence';
import { SweeperService } from './sweeper.service';

/** The background loop that keeps live classes tidy (sweeps, auto-ends, attendance and transcript writes). */
@Module({
  imports: [PresenceModule, AttendanceModule, CommentsModule, ClassesModule],
  providers: [SweeperService],
})
export class SweeperModule {}
