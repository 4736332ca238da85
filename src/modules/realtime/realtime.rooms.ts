/**
 * Socket.IO rooms. A class room carries the class's Redis hash tag, so its sharded Pub/Sub
 * channel lands on the same cluster slot as the class's keys; it is the only kind of room the
 * instances subscribe to (see class-sharded-adapter.ts). User rooms are local indexes of this
 * instance's sockets: messages for them go to every instance, and are rare.
 */

const CLASS_ROOM_PREFIX = 'class:{c:';

/** Everyone following a live class (participants and the teacher's sockets). */
export const classRoom = (classId: string) => `${CLASS_ROOM_PREFIX}${classId}}`;

/** Whether a room is a class room (its messages travel on the class's own channel). */
export const isClassRoom = (room: unknown): room is string =>
  typeof room === 'string' && room.startsWith(CLASS_ROOM_PREFIX);

/** The class of a class room. */
export const classIdOfRoom = (room: string) => room.slice(CLASS_ROOM_PREFIX.length, -1);

/** Every socket of one user on this instance (all tabs). */
export const userRoom = (userId: string) => `user:${userId}`;
