import { Inject, Injectable } from '@nestjs/common';
import { REDIS_CLIENT, type RedisClient } from '@llms/redis';
import { presenceKeys } from './presence.keys';
import { PRESENCE_SCRIPTS, type PresenceScripts } from './presence.scripts';
import type { ClaimStatus } from './presence.types';

/**
 * The single-active-class invariant: one claim per user (`user:{u}:activeClass`), taken with
 * set-if-absent, released with compare-and-delete, extended with compare-and-expire. Teachers
 * and participants use the same claim; see docs/presence.md.
 */
@Injectable()
export class ActiveClassClaims {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    @Inject(PRESENCE_SCRIPTS) private readonly scripts: PresenceScripts,
  ) {}

  /** The class the user is active in right now (as teacher or participant), or null. */
  activeClassOf(userId: string): Promise<string | null> {
    return this.redis.get(presenceKeys.activeClass(userId));
  }

  /** Claims the user's single active class; `CLAIMED` only when this call created the claim. */
  async claim(
    userId: string,
    classId: string,
    ttlMs: number,
  ): Promise<{ status: ClaimStatus; classId: string }> {
    const [status, current] = await this.scripts.claimUser(
      presenceKeys.activeClass(userId),
      classId,
      ttlMs,
    );
    return { status: status as ClaimStatus, classId: current };
  }

  /** Compare-and-delete: frees the claim only while it is still for this class. */
  async release(userId: string, classId: string): Promise<boolean> {
    return (await this.scripts.releaseUser(presenceKeys.activeClass(userId), classId)) === 1;
  }

  /** Compare-and-expire: extends the claim (never shortens it) while it is for this class. */
  async extend(userId: string, classId: string, ttlMs: number): Promise<boolean> {
    return (await this.scripts.touchUser(presenceKeys.activeClass(userId), classId, ttlMs)) === 1;
  }

  /**
   * Releases the claim of a user whose stay just ended, then looks again: if a concurrent join
   * of the same user (another tab) made them a participant meanwhile, the claim is restored.
   */
  async releaseAfterStay(userId: string, classId: string, ttlMs: number): Promise<void> {
    await this.release(userId, classId);
    if (await this.redis.sismember(presenceKeys.participants(classId), userId)) {
      await this.claim(userId, classId, ttlMs);
    }
  }
}
