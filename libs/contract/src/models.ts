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
  joinCode: string;
  joinUrl: string;
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

export interface AttendanceReport {
  items: AttendanceSegmentView[];
  summary: AttendanceSummaryRow[];
}

export interface MyAttendanceItem {
  classId: string;
  classTitle: string;
  joinedAt: string;
  leftAt: string;
  durationSeconds: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
