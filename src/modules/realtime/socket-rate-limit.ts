import { LIMITS } from '@llms/contract';

/** What a socket spends on events: a token bucket, and a debt that flooding runs up. */
export interface EventBudget {
  /** Events the socket may still send at once (refills at SOCKET_EVENTS_PER_SECOND). */
  tokens: number;
  /** Refused events not yet paid off (pays off at the same rate). */
  debt: number;
  /** When the two were last brought up to date (ms). */
  budgetAt: number;
}

export type EventVerdict = 'ALLOWED' | 'LIMITED' | 'FLOODING';

const RATE_PER_MS = LIMITS.SOCKET_EVENTS_PER_SECOND / 1000;
const BURST = LIMITS.SOCKET_EVENTS_BURST;

/** A fresh budget: a full burst. */
export function newEventBudget(now: number): EventBudget {
  return { tokens: BURST, debt: 0, budgetAt: now };
}

/**
 * Charges one event to a socket's budget (contract: 20 events per second on average, bursts of
 * up to 40). Beyond that an event is LIMITED (answered RATE_LIMITED); a socket whose refused
 * events pile up faster than they pay off by more than another burst is FLOODING and is
 * disconnected. Pure and O(1): the state lives in the socket's data.
 */
export function chargeEvent(budget: EventBudget, now: number): EventVerdict {
  const refill = (now - budget.budgetAt) * RATE_PER_MS;
  budget.budgetAt = now;
  budget.tokens = Math.min(BURST, budget.tokens + refill);
  budget.debt = Math.max(0, budget.debt - refill);
  if (budget.tokens >= 1) {
    budget.tokens -= 1;
    return 'ALLOWED';
  }
  budget.debt += 1;
  return budget.debt > BURST ? 'FLOODING' : 'LIMITED';
}
