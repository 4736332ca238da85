import { classScoped, userScoped } from '@llms/redis';

/** Redis keys of the realtime module (in the class's hash tag). */
export const realtimeKeys = {
  /** STRING with a PX: the instance holding it broadcasts the class's next PARTICIPANT_COUNT. */
  countGate: (classId: string) => classScoped(classId, 'count-gate'),
  /** ZSET "<instance>|<socketId>" -> slot expiry (ms): the user's open sockets, all instances. */
  socketSlots: (userId: string) => userScoped(userId, 'sockets'),
};
