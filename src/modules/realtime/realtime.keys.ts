import { classScoped } from '@llms/redis';

/** Redis keys of the realtime module (in the class's hash tag). */
export const realtimeKeys = {
  /** STRING with a PX: the instance holding it broadcasts the class's next PARTICIPANT_COUNT. */
  countGate: (classId: string) => classScoped(classId, 'count-gate'),
};
