/** Socket.IO room of everyone following a live class (participants and the teacher's sockets). */
export const classRoom = (classId: string) => `class:${classId}`;
/** Socket.IO room of every socket of one user (all tabs, all instances). */
export const userRoom = (userId: string) => `user:${userId}`;
/** Socket.IO room of every socket of one session (refresh family), on every instance. */
export const sessionRoom = (sid: string) => `session:${sid}`;
