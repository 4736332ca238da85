/**
 * A finished stay waiting in a class's outbox, as the presence scripts write it
 * (lua/includes/end-stay.lua in the presence module).
 */
export interface StayRecord {
  type: 'stay';
  classId: string;
  classTitle: string;
  userId: string;
  /** The user's display name when they joined ('' in records written before names were kept). */
  userName: string;
  joinedAt: number;
  leftAt: number;
}

/** Stable idempotency key of a stay: a user cannot begin two stays of a class in the same ms. */
export const stayKey = (s: Pick<StayRecord, 'classId' | 'userId' | 'joinedAt'>) =>
  `${s.classId}:${s.userId}:${s.joinedAt}`;
