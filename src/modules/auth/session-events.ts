import type { SessionEndReason } from '@llms/contract';

/**
 * The port through which auth announces that a session (a refresh-token family) has ended, so
 * whatever holds connections of that session can close them. Owned by auth, implemented by the
 * real-time module (`SessionSockets`, bound app-wide as this class's DI token): auth never
 * imports real time.
 *
 * Called after the revocation is stored, so a listener that re-reads the revoked-session marker
 * sees it. Must not throw nor block: delivery is fire-and-forget.
 */
export abstract class SessionEvents {
  /** Session `sid` of user `userId` ended (the user helps find its connections quickly). */
  abstract sessionEnded(session: EndedSession, reason: SessionEndReason): void;
}

/** A session (a refresh-token family) and its user. */
export interface EndedSession {
  sid: string;
  userId: string;
}
