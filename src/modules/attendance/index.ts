/** The attendance module's public surface; other modules import from here only. */
export { AttendanceModule } from './attendance.module';
export { AttendanceService } from './attendance.service';
export { AttendanceWriter } from './attendance-writer';
export { attendanceKeys } from './attendance.keys';
export { attendanceCsv } from './attendance-report';
export type { StayRecord } from './stay-record';
