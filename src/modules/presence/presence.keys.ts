import { createHash } from 'node:crypto';
import { classScoped, userScoped } from '@llms/redis';
import { attendanceKeys } from '../attendance';

/** Number of sweep buckets; classes spread over them so no single key is hot. */
export const SWEEP_BUCKETS = 16;

const sweepBucket = (bucket: number) => `presence:sweep:{b${bucket}}`;
const sweepBucketIndexOf = (classId: string) =>
  createHash('sha1').update(classId).digest().readUInt16BE(0) % SWEEP_BUCKETS;

/**
 * Redis keys of the presence model. Keys of one class share the hash tag `{c:<classId>}` and
 * the key of one user has `{u:<userId>}`, so every script touches a single Redis Cluster slot.
 */
export const presenceKeys = {
  /** STRING classId, with a TTL: the class this user is active in (the single-active invariant). */
  activeClass: (userId: string) => userScoped(userId, 'activeClass'),

  /** HASH status, capacity, teacherId, teacherDeadline and a snapshot of the class. */
  meta: (classId: string) => classScoped(classId, 'meta'),
  /** SET of the userIds in the class now (SCARD is the live count). */
  participants: (classId: string) => classScoped(classId, 'participants'),
  /** ZSET "<userId>|<instance>|<socketId>", all scored 0 (a user's sockets form a lex range). */
  sockets: (classId: string) => classScoped(classId, 'sockets'),
  /** HASH userId -> number of that user's sockets in the class. */
  socketCounts: (classId: string) => classScoped(classId, 'socket-counts'),
  /** HASH userId -> joinedAt (ms) of the open stay. */
  stays: (classId: string) => classScoped(classId, 'stays'),
  /** HASH userId -> display name, for the roster and the attendance record. */
  names: (classId: string) => classScoped(classId, 'names'),
  /** ZSET app instance -> lease deadline (ms): sockets of an instance past it are swept. */
  instances: (classId: string) => classScoped(classId, 'instances'),
  /** HASH app instance -> how many of its sockets the class holds. */
  instanceSockets: (classId: string) => classScoped(classId, 'instance-sockets'),

  /** The keys every class script takes, in the order of lua/includes/class-keys.lua. */
  classScriptKeys: (classId: string) =>
    [
      presenceKeys.meta(classId),
      presenceKeys.participants(classId),
      presenceKeys.sockets(classId),
      presenceKeys.socketCounts(classId),
      presenceKeys.stays(classId),
      presenceKeys.names(classId),
      presenceKeys.instances(classId),
      presenceKeys.instanceSockets(classId),
      attendanceKeys.outbox(classId),
    ] as const,

  /** ZSET classId -> time its live state next needs a look (sweep, teacher grace, outbox). */
  sweepBucket,
  /** Which of the SWEEP_BUCKETS buckets schedules this class. */
  sweepBucketIndexOf,
  sweepBucketOf: (classId: string) => sweepBucket(sweepBucketIndexOf(classId)),
};

/** How the class's `sockets` set names one socket: `<userId>|<instance>|<socketId>`. */
export const socketMember = (userId: string, instance: string, socketId: string) =>
  `${userId}|${instance}|${socketId}`;

export type ClassScriptKeys = ReturnType<typeof presenceKeys.classScriptKeys>;
