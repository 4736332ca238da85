import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AttendanceModule } from '../attendance';
import { CommentsModule } from '../comments';
import { PresenceModule } from '../presence';
import { ClassEnd } from './class-end';
import { ClassReports } from './class-reports';
import { ClassReportsController } from './class-reports.controller';
import { ClassesController } from './classes.controller';
import { ClassesRepository } from './classes.repository';
import { ClassesService } from './classes.service';
import { ClassDocument, ClassSchema } from './schemas/class.schema';

/** Classes: create, start, end, read, and the reports a class leaves behind. */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: ClassDocument.name, schema: ClassSchema }]),
    PresenceModule,
    AttendanceModule,
    CommentsModule,
  ],
  controllers: [ClassesController, ClassReportsController],
  providers: [ClassesRepository, ClassesService, ClassEnd, ClassReports],
  exports: [ClassesService, ClassEnd],
})
export class ClassesModule {}
