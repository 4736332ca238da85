import { classScoped } from '@llms/redis';

/**
 * Redis keys of the comments module, all in the class's hash tag, so the push script checks
 * membership (presence keys) and writes the recent list and the transcript outbox in one step.
 */
export const commentsKeys = {
  /** LIST of the class's most recent comments (JSON), newest first. */
  recent: (classId: string) => classScoped(classId, 'comments'),
  /** STRING counter: the last sequence number given to a comment of the class (transcript order). */
  sequence: (classId: string) => classScoped(classId, 'comment-seq'),
  /** LIST of `{"seq":n,"comment":{...}}` (oldest first) waiting to be written to MongoDB. */
  transcriptOutbox: (classId: string) => classScoped(classId, 'transcript-outbox'),
};
