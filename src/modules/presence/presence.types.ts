export type AdmitOutcome = 'ADMITTED' | 'ALREADY_IN' | 'FULL' | 'NOT_LIVE' | 'IS_TEACHER';
export type LeaveOutcome = 'LEFT' | 'STILL_IN' | 'NOT_IN';

export type JoinResult =
  | { outcome: 'JOINED'; participantCount: number; newStay: boolean }
  | { outcome: 'ALREADY_ACTIVE'; activeClassId: string }
  | { outcome: 'FULL' | 'NOT_LIVE' };

export interface SweepResult {
  status: 'LIVE' | 'ENDED' | 'GONE';
  /** When the class next needs a look (ms), or -1 when it is no longer live. */
  nextDeadline: number;
  outboxLength: number;
  teacherExpired: boolean;
  participantCount: number;
  /** Users whose stays the sweep ended (their claims are released by the caller). */
  endedUserIds: string[];
}

export type EndResult =
  { ended: true; teacherId: string; endedAt: number; participantIds: string[] } | { ended: false };

/** An attendance record waiting in a class outbox (written by the Lua scripts). */
export interface StayRecord {
  type: 'stay';
  classId: string;
  classTitle: string;
  userId: string;
  joinedAt: number;
  leftAt: number;
}

export interface LiveClassMeta {
  status: 'LIVE' | 'ENDED';
  capacity: number;
  teacherId: string;
  title: string;
  joinCode: string;
  createdAt: number;
  startedAt: number;
  endedAt: number | null;
}
