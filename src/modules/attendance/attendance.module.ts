import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AttendanceRepository } from './attendance.repository';
import { AttendanceService } from './attendance.service';
import { AttendanceWriter } from './attendance-writer';
import { AttendanceDocument, AttendanceSchema } from './schemas/attendance.schema';
import { StayOutbox } from './stay-outbox';

/**
 * Attendance: owns the per-class outbox of finished stays (Redis), writes it to MongoDB exactly
 * once (AttendanceWriter) and reads it (AttendanceService). Its routes are served by the classes
 * module, which adds what only classes know (who may read, how long a class ran).
 */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: AttendanceDocument.name, schema: AttendanceSchema }]),
  ],
  providers: [AttendanceRepository, AttendanceService, AttendanceWriter, StayOutbox],
  exports: [AttendanceService, AttendanceWriter],
})
export class AttendanceModule {}
