import { classScoped } from '@llms/redis';

/**
 * Redis keys of the attendance module. The outbox of a class shares the class's hash tag, so
 * the presence scripts that end a stay append its record in the same atomic step.
 */
export const attendanceKeys = {
  /** LIST of finished stays (JSON `StayRecord`) waiting to be written to MongoDB. */
  outbox: (classId: string) => classScoped(classId, 'outbox'),
};
