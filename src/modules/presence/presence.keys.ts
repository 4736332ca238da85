/**
 * Redis keys of the presence model. Keys of one class share the hash tag `{c:<classId>}` and
 * keys of one user share `{u:<userId>}`, so every script touches a single Redis Cluster slot.
 */
export const presenceKeys = {
  /** STRING classId, with a TTL: the class this user is active in (the single-active invariant). */
  userActiveClass: (userId: string) => `user:{u:${userId}}:activeClass`,
};
