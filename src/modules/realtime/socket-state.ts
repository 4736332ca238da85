import type { PresentSocket } from '../participation';
import { newEventBudget, type EventBudget } from './socket-rate-limit';

/** The caller of a socket, as the handshake verified it (what the socket needs of it). */
export interface SocketUser {
  id: string;
  name: string;
  /** The session (refresh family) the socket lives in. */
  sid: string;
  /** When the session expires (ms): the socket ends then. */
  sessionExpiresAt: number;
}

/**
 * What a socket keeps between events (its `socket.data`), one per connection, so it stays small:
 * plain fields, no closures; `userId` is read from the user through the prototype.
 */
export class SocketState implements PresentSocket, EventBudget {
  classId: string | null = null;
  teaching: string | null = null;
  lostClassId: string | null = null;
  lastHeartbeatAt: number;
  tokens: number;
  debt: number;
  budgetAt: number;

  constructor(
    readonly socketId: string,
    readonly user: SocketUser,
    now: number,
  ) {
    this.lastHeartbeatAt = now;
    const budget = newEventBudget(now);
    this.tokens = budget.tokens;
    this.debt = budget.debt;
    this.budgetAt = budget.budgetAt;
  }

  get userId(): string {
    return this.user.id;
  }
}
