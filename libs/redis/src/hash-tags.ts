/**
 * Redis Cluster hash tags shared by every module that keeps state per class or per user. A key
 * built here lands in the slot of its `{...}` tag, so one Lua script can touch the keys of one
 * class (or one user) that several modules own, and never spans two slots.
 */

/** A key in the slot of class `classId`: `class:{c:<classId>}:<name>`. */
export const classScoped = (classId: string, name: string) => `class:{c:${classId}}:${name}`;

/** A key in the slot of user `userId`: `user:{u:<userId>}:<name>`. */
export const userScoped = (userId: string, name: string) => `user:{u:${userId}}:${name}`;
