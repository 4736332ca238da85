import { Inject, Injectable } from '@nestjs/common';
import { RATE_LIMIT_SCRIPTS, type RateLimitScripts } from './rate-limit.scripts';

/** Outcome of one attempt against a limit. */
export interface RateLimitDecision {
  allowed: boolean;
  /** Seconds until the window resets when refused; 0 when allowed. */
  retryAfterSeconds: number;
}

/** One counted hit: hits so far in the window (this one included) and ms until it resets. */
export interface RateLimitHit {
  hits: number;
  ttlMs: number;
}

/** Redis key of a counter; each script call touches this one key, so it is Redis Cluster safe. */
const rateLimitKey = (scope: string) => `rate:${scope}`;

/**
 * Fixed-window rate limits counted in Redis (`lua/rate-limit-hit-1.lua`), so a limit holds
 * across every instance of the service. Used by the auth throttlers and by comment limits.
 */
@Injectable()
export class RateLimitService {
  constructor(@Inject(RATE_LIMIT_SCRIPTS) private readonly scripts: RateLimitScripts) {}

  /**
   * Counts one attempt of `key` (e.g. `comment:{u:<userId>}`) against `limit` per
   * `windowSeconds`. Refused attempts count too, which is fine for a fixed window.
   */
  async consume(key: string, limit: number, windowSeconds: number): Promise<RateLimitDecision> {
    const { hits, ttlMs } = await this.hit(key, windowSeconds * 1000, limit, 0);
    const allowed = hits <= limit;
    return { allowed, retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(ttlMs / 1000)) };
  }

  /** The raw counter: one hit in a window of `windowMs`, blocking `blockMs` once over `limit`. */
  async hit(key: string, windowMs: number, limit: number, blockMs: number): Promise<RateLimitHit> {
    const [hits, ttlMs] = await this.scripts.rateLimitHit(
      rateLimitKey(key),
      Math.max(1, Math.round(windowMs)),
      limit,
      Math.max(0, Math.round(blockMs)),
    );
    return { hits: Number(hits), ttlMs: Number(ttlMs) };
  }
}
