import { createHash } from 'node:crypto';

/** Number of sweep buckets; classes spread over them so no single key is hot. */
export const SWEEP_BUCKETS = 16;

/**
 * Redis keys of the presence model. Keys of one class share the hash tag `{c:<classId>}` and
 * the key of one user has `{u:<userId>}`, so every script touches a single Redis Cluster slot.
 */
export const presenceKeys = {
  /** STRING classId, with a TTL: the class this user is active in (the single-active invariant). */
  userActiveClass: (userId: string) => `user:{u:${userId}}:activeClass`,

  /** The seven keys every class script takes, in the order of lua/includes/class-keys.lua. */
  classKeys: (classId: string) => {
    const tag = `class:{c:${classId}}`;
    return [
      `${tag}:meta`,
      `${tag}:participants`,
      `${tag}:sockets`,
      `${tag}:socket-counts`,
      `${tag}:stays`,
      `${tag}:outbox`,
      `${tag}:comments`,
    ] as const;
  },

  participants: (classId: string) => `class:{c:${classId}}:participants`,
  outbox: (classId: string) => `class:{c:${classId}}:outbox`,
  comments: (classId: string) => `class:{c:${classId}}:comments`,
  meta: (classId: string) => `class:{c:${classId}}:meta`,
  /** Gate that lets one instance per interval broadcast the class's participant count. */
  countGate: (classId: string) => `class:{c:${classId}}:count-gate`,

  /** ZSET classId -> time its live state next needs a look (sweep, teacher grace, outbox). */
  sweepBucket: (bucket: number) => `presence:sweep:{b${bucket}}`,
  sweepBucketOf: (classId: string) =>
    presenceKeys.sweepBucket(
      createHash('sha1').update(classId).digest().readUInt16BE(0) % SWEEP_BUCKETS,
    ),
};
