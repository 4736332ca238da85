import { Inject, Injectable } from '@nestjs/common';
import { ActiveClassClaims } from './active-class.claims';
import { presenceKeys, socketMember } from './presence.keys';
import { PRESENCE_SCRIPTS, type PresenceScripts } from './presence.scripts';
import { PresenceSettings } from './presence.settings';
import type { AdmitOutcome, Joiner, JoinResult, LeaveOutcome, LeaveResult } from './presence.types';

/**
 * Admission into live classes and leaving them. A join is two steps on two slots: claim the
 * user's single active class, then admit into the class (`admit-participant-9.lua`: live, the
 * right join code, not its teacher, and — the capacity rule — fewer participants than
 * capacity). See docs/presence.md for the failure windows and why they are safe.
 */
@Injectable()
export class Admission {
  constructor(
    @Inject(PRESENCE_SCRIPTS) private readonly scripts: PresenceScripts,
    private readonly claims: ActiveClassClaims,
    private readonly settings: PresenceSettings,
  ) {}

  /**
   * Joins a socket of a user to a live class: claim the user (user slot), then admit into the
   * class (class slot, code- and capacity-checked); when admission fails, release the claim if
   * it is ours.
   */
  async join(
    user: Joiner,
    classId: string,
    joinCode: string,
    socketId: string,
  ): Promise<JoinResult> {
    const ttl = this.settings.participantClaimTtlMs;
    const claim = await this.claims.claim(user.id, classId, ttl);
    if (claim.status === 'OTHER')
      return { outcome: 'ALREADY_ACTIVE', activeClassId: claim.classId };
    const now = this.settings.now();
    const [outcome, count] = await this.scripts.admitParticipant(
      ...presenceKeys.classScriptKeys(classId),
      user.id,
      this.settings.instance,
      socketId,
      now,
      now + this.settings.leaseMs,
      joinCode,
      user.name,
    );
    switch (outcome as AdmitOutcome) {
      case 'ADMITTED':
      case 'ALREADY_IN': {
        // With a claim we did not make, a concurrent leave of the same user may have released
        // it between our two steps: assert it again (see docs/presence.md, "leave racing a join").
        const again =
          claim.status === 'SAME' ? await this.claims.claim(user.id, classId, ttl) : claim;
        if (again.status === 'OTHER') {
          await this.leaveSocket(user.id, classId, socketId);
          return { outcome: 'ALREADY_ACTIVE', activeClassId: again.classId };
        }
        return {
          outcome: 'JOINED',
          participantCount: Number(count),
          newStay: outcome === 'ADMITTED',
        };
      }
      case 'IS_TEACHER':
        return { outcome: 'ALREADY_ACTIVE', activeClassId: classId };
      default:
        if (claim.status === 'CLAIMED') await this.claims.release(user.id, classId);
        return { outcome: outcome as 'FULL' | 'NOT_LIVE' | 'WRONG_CODE' };
    }
  }

  /**
   * Removes one socket of this instance from a class (a disconnect, or its heartbeats stopped).
   * When it was the user's last socket the stay ends (its attendance record queued atomically)
   * and the user's claim is released.
   */
  async leaveSocket(userId: string, classId: string, socketId: string): Promise<LeaveResult> {
    const reply = await this.scripts.leaveSocket(
      ...presenceKeys.classScriptKeys(classId),
      socketMember(userId, this.settings.instance, socketId),
      this.settings.now(),
      classId,
    );
    return this.afterLeave(userId, classId, reply);
  }

  /**
   * The user leaves the class on purpose, from whichever socket or device: all their sockets
   * are removed, the stay ends (record queued) and their claim is released.
   */
  async leaveUser(userId: string, classId: string): Promise<LeaveResult> {
    const reply = await this.scripts.leaveUser(
      ...presenceKeys.classScriptKeys(classId),
      userId,
      this.settings.now(),
      classId,
    );
    return this.afterLeave(userId, classId, reply);
  }

  private async afterLeave(
    userId: string,
    classId: string,
    [outcome, count]: (string | number)[],
  ): Promise<LeaveResult> {
    if (outcome === 'LEFT') {
      await this.claims.releaseAfterStay(userId, classId, this.settings.participantClaimTtlMs);
    }
    return { outcome: outcome as LeaveOutcome, participantCount: Number(count) };
  }
}
