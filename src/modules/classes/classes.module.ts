import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AttendanceModule } from '../attendance';
import { CommentsModule } from '../comments';
import { PresenceModule } from '../presence';
import { ClassEnd } from './class-end';
import { ClassReports } from './class-reports';
import { ClassReportsController } from './class-reports.controller';
import { ClassRoster } from './class-roster';
import { ClassesController } from './classes.controller';
import { ClassesRepository } from './classes.repository';
import { ClassesService } from './classes.service';
import { MyAttendanceController } from './my-attendance.controller';
import { ClassDocument, ClassSchema } from './schemas/class.schema';

/**
 * Classes: create, start, end, read; the live roster; and what a class leaves behind (comments,
 * attendance report, each user's history), with who may read it.
 */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: ClassDocument.name, schema: ClassSchema }]),
    PresenceModule,
    AttendanceModule,
    CommentsModule,
  ],
  controllers: [ClassesController, ClassReportsController, MyAttendanceController],
  providers: [ClassesRepository, ClassesService, ClassEnd, ClassReports, ClassRoster],
  exports: [ClassesService, ClassEnd],
})
export class ClassesModule {}
