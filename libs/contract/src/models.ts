/** Wire shapes of the REST resources (dates are ISO-8601 strings on the wire). */
export const CAPABILITIES = ['TEACHER', 'STUDENT'] as const;
export type Capability = (typeof CAPABILITIES)[number];

export const CLASS_STATUSES = ['CREATED', 'LIVE', 'ENDED'] as const;
export type ClassStatus = (typeof CLASS_STATUSES)[number];

export interface UserView {
  id: string;
  name: string;
  email: string;
  capabilities: Capability[];
  createdAt: string;
}

export interface MeView extends UserView {
  activeClassId: string | null;
}

export interface ClassView {
  id: string;
  title: string;
  capacity: number;
  status: ClassStatus;
  createdBy: string;
  /** Only in the creator's views (and in `by-code` answers, whose caller holds the code). */
  joinCode?: string;
  /** `PUBLIC_URL + "/join/" + joinCode`; present exactly when `joinCode` is. */
  joinUrl?: string;
  participantCount: number;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
}

export interface AttendanceSegmentView {
  userId: string;
  name: string;
  joinedAt: string;
  leftAt: string;
  durationSeconds: number;
}

export interface AttendanceSummaryRow {
  userId: string;
  name: string;
  totalSeconds: number;
  segments: number;
}

/** One point of the participant-count timeline: the count from `at` until the next point. */
export interface TimelinePoint {
  at: string;
  count: number;
}

/** Figures of a class, derived from its attendance segments (and comments) at read time. */
export interface ClassAnalytics {
  uniqueAttendees: number;
  peakParticipants: number;
  /** When the peak was first reached; null when nobody attended. */
  peakAt: string | null;
  averageSeconds: number;
  medianSeconds: number;
  commentCount: number;
  /** At most LIMITS.TIMELINE_POINTS_MAX points, oldest first. */
  timeline: TimelinePoint[];
}

export interface AttendanceReport {
  items: AttendanceSegmentView[];
  summary: AttendanceSummaryRow[];
  analytics: ClassAnalytics;
}

/** Someone in a live class right now (the teacher's roster). */
export interface ParticipantView {
  userId: string;
  name: string;
  joinedAt: string;
}

export interface ParticipantsPage extends Page<ParticipantView> {
  /** The live participant count (all pages together). */
  count: number;
}

export interface MyAttendanceItem {
  classId: string;
  classTitle: string;
  /** How long the class ran (start to end, in seconds); null while it is live or unknown. */
  classDurationSeconds?: number | null;
  joinedAt: string;
  leftAt: string;
  durationSeconds: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
