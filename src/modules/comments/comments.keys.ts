import { classScoped } from '@llms/redis';

/** Redis keys of the comments module (all in the class's hash tag). */
export const commentsKeys = {
  /** LIST of the class's most recent comments (JSON), newest first. */
  recent: (classId: string) => classScoped(classId, 'comments'),
};
