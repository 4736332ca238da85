/** Shapes the presence module returns (see docs/presence.md for the protocol). */

export type ClaimStatus = 'CLAIMED' | 'SAME' | 'OTHER';
export type AdmitOutcome =
  'ADMITTED' | 'ALREADY_IN' | 'FULL' | 'NOT_LIVE' | 'WRONG_CODE' | 'IS_TEACHER';
export type LeaveOutcome = 'LEFT' | 'STILL_IN' | 'NOT_IN';

export type JoinResult =
  | { outcome: 'JOINED'; participantCount: number; newStay: boolean }
  | { outcome: 'ALREADY_ACTIVE'; activeClassId: string }
  | { outcome: 'FULL' | 'NOT_LIVE' | 'WRONG_CODE' };

export interface LeaveResult {
  outcome: LeaveOutcome;
  participantCount: number;
}

/** Who is joining: the user and the name the roster and the attendance record show. */
export interface Joiner {
  id: string;
  name: string;
}

export interface SweepResult {
  status: 'LIVE' | 'ENDED' | 'GONE';
  /** When the class next needs a look (ms), or -1 when it is no longer live. */
  nextDeadline: number;
  outboxLength: number;
  teacherExpired: boolean;
  participantCount: number;
  /** Users whose stays the sweep ended (their claims are released already). */
  endedUserIds: string[];
}

export type EndResult =
  { ended: true; teacherId: string; endedAt: number; participantIds: string[] } | { ended: false };

/** The snapshot of a class that its live state keeps (so an end works while MongoDB is down). */
export interface LiveClassSnapshot {
  capacity: number;
  teacherId: string;
  title: string;
  joinCode: string;
  createdAt: number;
  startedAt: number;
}

export interface LiveClassMeta extends LiveClassSnapshot {
  status: 'LIVE' | 'ENDED';
  endedAt: number | null;
}

/** How a user takes part in a live class right now. */
export type ClassRole = 'TEACHER' | 'STUDENT';

/** Someone in a live class now, as the roster shows them. */
export interface RosterEntry {
  userId: string;
  name: string;
  /** When their open stay began (ms). */
  joinedAt: number;
}

/** One HSCAN step over a live class's open stays (see LiveClasses.rosterBatch). */
export interface RosterBatch {
  /** The HSCAN cursor to continue from; '0' when the scan is complete. */
  next: string;
  /** The live participant count. */
  count: number;
  entries: RosterEntry[];
}
