import type { PresentSocket } from './present-socket';

/** The sockets of one live class held by this instance. */
export interface LocalClass {
  participants: Set<PresentSocket>;
  /** Sockets whose JOIN_CLASS is in flight (admitted in Redis maybe, not yet here). */
  joining: Set<PresentSocket>;
  teachers: Set<PresentSocket>;
  /** Per participant user: their sockets here, and when their claim was last extended (ms). */
  users: Map<string, { sockets: number; claimExtendedAt: number }>;
}

export const newLocalClass = (): LocalClass => ({
  participants: new Set(),
  joining: new Set(),
  teachers: new Set(),
  users: new Map(),
});
