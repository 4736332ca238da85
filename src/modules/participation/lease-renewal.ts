import { Injectable, Logger } from '@nestjs/common';
import { ActiveClassClaims, InstanceLeases, PresenceSettings } from '../presence';
import { LeaveSocket } from './leave-socket.usecase';
import type { LocalClass } from './local-class';
import type { PresentSocket } from './present-socket';

type Remove = (socket: PresentSocket) => void;

/**
 * The Redis side of keeping this instance's sockets present, one class at a time (LocalPresence
 * calls it every renewal interval): renew the instance's lease (one script call), move the
 * teacher's grace and claim forward when they heartbeated, re-assert participants' claims that
 * are due, and reconcile when Redis counts a different number of this instance's sockets.
 */
@Injectable()
export class LeaseRenewal {
  private readonly logger = new Logger(LeaseRenewal.name);

  constructor(
    private readonly leases: InstanceLeases,
    private readonly claims: ActiveClassClaims,
    private readonly settings: PresenceSettings,
    private readonly leaveSocket: LeaveSocket,
  ) {}

  /**
   * One renewal of this instance's lease on a class; `remove` takes a socket out of the class
   * here (room included) when Redis says it is no longer in it.
   */
  async renew(classId: string, local: LocalClass, now: number, remove: Remove): Promise<void> {
    const teacher = this.aliveTeacher(local, now);
    const renewal = await this.leases.renew(classId, teacher ?? undefined);
    if (renewal.status !== 'LIVE') {
      for (const socket of [...local.participants, ...local.teachers]) remove(socket);
      return;
    }
    if (renewal.sockets !== local.participants.size) await this.reconcile(classId, local, remove);
    if (renewal.teacher && teacher) {
      this.claims
        .extend(teacher.id, classId, this.settings.teacherGraceMs)
        .catch((error: Error) => this.logger.warn(`Teacher claim not extended: ${error.message}`));
    }
    const due = now - this.settings.participantClaimTtlMs / 2;
    for (const [userId, user] of local.users) {
      if (user.claimExtendedAt > due) continue;
      user.claimExtendedAt = now;
      this.reassertClaim(userId, classId, local, remove).catch((error: Error) =>
        this.logger.warn(`Claim of ${userId} not re-asserted: ${error.message}`),
      );
    }
  }

  /**
   * Extends a participant's claim, or restores it when a Redis failover lost it. A claim found on
   * another class means the user got in there meanwhile: the latest claim wins, and the user's
   * sockets here leave this class.
   */
  private async reassertClaim(
    userId: string,
    classId: string,
    local: LocalClass,
    remove: Remove,
  ): Promise<void> {
    const claim = await this.claims.claim(userId, classId, this.settings.participantClaimTtlMs);
    if (claim.status !== 'OTHER') return;
    this.logger.warn(`User ${userId} is active in ${claim.classId}; leaving ${classId}`);
    for (const socket of [...local.participants]) {
      if (socket.userId !== userId) continue;
      remove(socket);
      await this.leaveSocket.execute(userId, classId, socket.socketId);
    }
  }

  /**
   * Redis counts a different number of our sockets than we hold: drop the ones it no longer
   * holds (a removal whose message we missed), and have it drop the ones we no longer have (a
   * removal a Redis failover lost), so no stay is left open for ever.
   */
  private async reconcile(classId: string, local: LocalClass, remove: Remove): Promise<void> {
    const sockets = [...local.participants];
    const known = [...sockets, ...local.joining];
    const { gone, endedUserIds } = await this.leases.reconcile(classId, known);
    for (const socket of sockets) if (gone.has(socket.socketId)) remove(socket);
    this.leaveSocket.staysEnded(classId, endedUserIds);
  }

  /** The teacher of the class, if one of their sockets here heartbeated within the TTL. */
  private aliveTeacher(local: LocalClass, now: number): { id: string; seenAt: number } | null {
    let seen: PresentSocket | null = null;
    for (const socket of local.teachers) {
      if (!seen || socket.lastHeartbeatAt > seen.lastHeartbeatAt) seen = socket;
    }
    if (!seen || this.settings.expired(seen.lastHeartbeatAt, now)) return null;
    return { id: seen.userId, seenAt: seen.lastHeartbeatAt };
  }
}
