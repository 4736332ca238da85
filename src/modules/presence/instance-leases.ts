import { Inject, Injectable } from '@nestjs/common';
import { REDIS_CLIENT, type RedisClient } from '@llms/redis';
import { ActiveClassClaims } from './active-class.claims';
import { presenceKeys, socketMember } from './presence.keys';
import { PRESENCE_SCRIPTS, type PresenceScripts } from './presence.scripts';
import { PresenceSettings } from './presence.settings';

/** What a lease renewal learnt about a class. */
export interface LeaseRenewal {
  status: 'LIVE' | 'ENDED' | 'GONE';
  /** How many sockets of this instance the class holds, by Redis's count. */
  sockets: number;
  /** Whether the teacher given to `renew` is the class's teacher (their grace moved). */
  teacher: boolean;
}

/**
 * This app instance's leases on the live classes it holds sockets in. The instance knows which
 * of its sockets are alive (they heartbeat to it), so instead of one Redis call per heartbeat it
 * renews one lease per class per interval: the sockets of an instance that stops renewing (it
 * died) are swept once its lease has passed. See docs/presence.md, "Heartbeats and leases".
 */
@Injectable()
export class InstanceLeases {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    @Inject(PRESENCE_SCRIPTS) private readonly scripts: PresenceScripts,
    private readonly claims: ActiveClassClaims,
    private readonly settings: PresenceSettings,
  ) {}

  /**
   * Renews this instance's lease on a class for another `leaseMs`; with a teacher seen alive at
   * `teacherSeenAt`, their grace deadline moves to that time plus the grace.
   */
  async renew(classId: string, teacher?: { id: string; seenAt: number }): Promise<LeaseRenewal> {
    const [status, sockets, isTeacher] = await this.scripts.renewLease(
      ...presenceKeys.classScriptKeys(classId),
      this.settings.instance,
      this.settings.now() + this.settings.leaseMs,
      teacher?.id ?? '',
      teacher ? teacher.seenAt + this.settings.teacherGraceMs : 0,
    );
    return {
      status: status as LeaseRenewal['status'],
      sockets: Number(sockets),
      teacher: Number(isTeacher) === 1,
    };
  }

  /**
   * Makes the class's view of this instance's sockets match `sockets` (what the instance holds):
   * answers the socket ids the class no longer holds, and removes the ones the instance no
   * longer has (a removal that a Redis failover lost), ending the stays left without sockets
   * (their claims released).
   */
  async reconcile(
    classId: string,
    sockets: { userId: string; socketId: string }[],
  ): Promise<{ gone: Set<string>; endedUserIds: string[] }> {
    const [gone, endedUserIds] = await this.scripts.reconcileSockets(
      ...presenceKeys.classScriptKeys(classId),
      this.settings.instance,
      this.settings.now(),
      classId,
      ...sockets.map((s) => socketMember(s.userId, this.settings.instance, s.socketId)),
    );
    const ttl = this.settings.participantClaimTtlMs;
    await Promise.all(
      endedUserIds.map((userId) => this.claims.releaseAfterStay(userId, classId, ttl)),
    );
    return {
      gone: new Set(gone.map((member) => member.slice(member.lastIndexOf('|') + 1))),
      endedUserIds,
    };
  }

  /**
   * Shutting down: this instance's lease on the class ends at `at` (soon), so the sockets it
   * held are swept then unless their users joined again through another instance.
   */
  async handOver(classId: string, at: number): Promise<void> {
    await this.redis.zadd(presenceKeys.instances(classId), 'XX', at, this.settings.instance);
  }
}
