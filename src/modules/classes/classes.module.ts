import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AttendanceModule } from '../attendance/attendance.module';
import { CommentsModule } from '../comments/comments.module';
import { PresenceModule } from '../presence/presence.module';
import { RealtimePublisherModule } from '../realtime/realtime-publisher.module';
import { ClassLifecycleService } from './class-lifecycle.service';
import { ClassSweeperService } from './class-sweeper.service';
import { ClassesController } from './classes.controller';
import { ClassesRepository } from './classes.repository';
import { ClassesService } from './classes.service';
import { ParticipationService } from './participation.service';
import { ClassDocument, ClassSchema } from './schemas/class.schema';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: ClassDocument.name, schema: ClassSchema }]),
    PresenceModule,
    AttendanceModule,
    RealtimePublisherModule,
    CommentsModule,
  ],
  controllers: [ClassesController],
  providers: [
    ClassesRepository,
    ClassesService,
    ClassLifecycleService,
    ClassSweeperService,
    ParticipationService,
  ],
  exports: [ClassesService, ClassesRepository, ParticipationService],
})
export class ClassesModule {}
