import { createHash } from 'node:crypto';

/** Number of sweep buckets; classes spread over them so no single key is hot. */
export const SWEEP_BUCKETS = 16;

/** A key of one class; the `{c:<classId>}` hash tag puts all of them in one cluster slot. */
const classKey = (classId: string, part: string) => `class:{c:${classId}}:${part}`;

/**
 * Redis keys of the presence model. Keys of one class share the hash tag `{c:<classId>}` and
 * the key of one user has `{u:<userId>}`, so every script touches a single Redis Cluster slot.
 */
export const presenceKeys = {
  /** STRING classId, with a TTL: the class this user is active in (the single-active invariant). */
  userActiveClass: (userId: string) => `user:{u:${userId}}:activeClass`,

  /** The seven keys every class script takes, in the order of lua/includes/class-keys.lua. */
  classKeys: (classId: string) =>
    [
      classKey(classId, 'meta'),
      classKey(classId, 'participants'),
      classKey(classId, 'sockets'),
      classKey(classId, 'socket-counts'),
      classKey(classId, 'stays'),
      classKey(classId, 'outbox'),
      classKey(classId, 'comments'),
    ] as const,

  meta: (classId: string) => classKey(classId, 'meta'),
  participants: (classId: string) => classKey(classId, 'participants'),
  outbox: (classId: string) => classKey(classId, 'outbox'),
  comments: (classId: string) => classKey(classId, 'comments'),
  /** Gate that lets one instance per interval broadcast the class's participant count. */
  countGate: (classId: string) => classKey(classId, 'count-gate'),

  /** ZSET classId -> time its live state next needs a look (sweep, teacher grace, outbox). */
  sweepBucket: (bucket: number) => `presence:sweep:{b${bucket}}`,
  sweepBucketOf: (classId: string) =>
    presenceKeys.sweepBucket(
      createHash('sha1').update(classId).digest().readUInt16BE(0) % SWEEP_BUCKETS,
    ),
};
