import type { ClassEndedMessage, CommentMessage } from '@llms/contract';

/**
 * What happens in a live class that the people following it must see. Domain modules (classes,
 * participation, comments, the sweeper) publish through this port; the realtime module
 * implements it with Socket.IO, so no domain module depends on the transport. Every method
 * returns at once and never throws: delivery is best effort, state lives in Redis.
 */
export abstract class ClassEvents {
  /** The participant count changed (coalesced into PARTICIPANT_COUNT frames). */
  abstract countChanged(classId: string): void;

  /**
   * These users' stays ended (leave from another tab, sweep): their sockets, on every instance,
   * stop following the class before the next broadcast to it.
   */
  abstract staysEnded(classId: string, userIds: readonly string[]): void;

  /** A comment was posted (COMMENT to everyone following the class). */
  abstract commentPosted(comment: CommentMessage): void;

  /** The class started: its teacher's open sockets follow it from now on. */
  abstract classStarted(classId: string, teacherId: string): void;

  /** The class ended (CLASS_ENDED to everyone following it, who then stop following it). */
  abstract classEnded(message: ClassEndedMessage): void;
}
