/** The Socket.IO protocol: path, event names and payloads (see docs/asyncapi.yaml). */
import type { Envelope } from './envelope';
import { LIMITS } from './limits';

export const SOCKET_PATH = '/ws';

export const CLIENT_EVENTS = {
  JOIN_CLASS: 'JOIN_CLASS',
  LEAVE_CLASS: 'LEAVE_CLASS',
  HEARTBEAT: 'HEARTBEAT',
  COMMENT: 'COMMENT',
} as const;

export const SERVER_EVENTS = {
  PARTICIPANT_COUNT: 'PARTICIPANT_COUNT',
  COMMENT: 'COMMENT',
  CLASS_ENDED: 'CLASS_ENDED',
  SESSION_ENDED: 'SESSION_ENDED',
} as const;

export const COMMENT_MAX_LENGTH = LIMITS.COMMENT_MAX_LENGTH;
export const RECENT_COMMENTS_KEPT = LIMITS.RECENT_COMMENTS_KEPT;

export interface JoinClassPayload {
  classId: string;
  /** The class's join code (from its join link); a code of another class is CLASS_NOT_FOUND. */
  joinCode: string;
}
export interface LeaveClassPayload {
  classId: string;
}
export type HeartbeatPayload = Record<string, never>;
export interface SendCommentPayload {
  classId: string;
  text: string;
}

/** Whether a comment's author teaches the class or takes part in it. */
export const COMMENT_AUTHOR_ROLES = ['TEACHER', 'STUDENT'] as const;
export type CommentAuthorRole = (typeof COMMENT_AUTHOR_ROLES)[number];

export interface CommentMessage {
  id: string;
  classId: string;
  author: { id: string; name: string; role: CommentAuthorRole };
  text: string;
  sentAt: string;
}

export interface JoinClassResult {
  classId: string;
  participantCount: number;
  recentComments: CommentMessage[];
}
export interface LeaveClassResult {
  classId: string;
}
export interface HeartbeatResult {
  ttlSeconds: number;
}
export interface SendCommentResult {
  comment: CommentMessage;
}

export interface ParticipantCountMessage {
  classId: string;
  count: number;
}
export interface ClassEndedMessage {
  classId: string;
  endedAt: string;
}

/** Why a session ended: logout, refresh-token reuse (or another revocation), or its expiry. */
export const SESSION_END_REASONS = ['LOGGED_OUT', 'REVOKED', 'EXPIRED'] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

/** Sent just before the server closes every socket of a session that ended. */
export interface SessionEndedMessage {
  reason: SessionEndReason;
}

/** `connect_error` data when the handshake is refused. */
export interface ConnectErrorData {
  code: 'UNAUTHENTICATED' | 'ORIGIN_NOT_ALLOWED' | 'TOO_MANY_CONNECTIONS';
}

type Ack<T> = (response: Envelope<T>) => void;

/** Events a client emits (each with one payload and an ack). */
export interface ClientToServerEvents {
  JOIN_CLASS: (payload: JoinClassPayload, ack: Ack<JoinClassResult>) => void;
  LEAVE_CLASS: (payload: LeaveClassPayload, ack: Ack<LeaveClassResult>) => void;
  HEARTBEAT: (payload: HeartbeatPayload, ack: Ack<HeartbeatResult>) => void;
  COMMENT: (payload: SendCommentPayload, ack: Ack<SendCommentResult>) => void;
}

/** Events the server emits. */
export interface ServerToClientEvents {
  PARTICIPANT_COUNT: (message: ParticipantCountMessage) => void;
  COMMENT: (message: CommentMessage) => void;
  CLASS_ENDED: (message: ClassEndedMessage) => void;
  SESSION_ENDED: (message: SessionEndedMessage) => void;
}
