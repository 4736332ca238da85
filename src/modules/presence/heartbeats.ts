import { Inject, Injectable } from '@nestjs/common';
import { ActiveClassClaims } from './active-class.claims';
import { presenceKeys } from './presence.keys';
import { PRESENCE_SCRIPTS, type PresenceScripts } from './presence.scripts';
import { PresenceSettings } from './presence.settings';

/** Keeping sockets present: participants' socket deadlines and claims, and teachers' grace. */
@Injectable()
export class Heartbeats {
  constructor(
    @Inject(PRESENCE_SCRIPTS) private readonly scripts: PresenceScripts,
    private readonly claims: ActiveClassClaims,
    private readonly settings: PresenceSettings,
  ) {}

  /**
   * Heartbeat of a participant socket: the socket's deadline (class slot) and the user's claim
   * (user slot) are refreshed by two commands sent together (one round trip with pipelining).
   * Returns false when the socket is no longer in the class (swept or ended).
   */
  async touchParticipant(userId: string, classId: string, socketId: string): Promise<boolean> {
    const [inClass] = await Promise.all([
      this.scripts.touchSocket(
        ...presenceKeys.classScriptKeys(classId),
        `${userId}|${socketId}`,
        this.settings.now() + this.settings.ttlMs,
      ),
      this.claims.extend(userId, classId, this.settings.participantClaimTtlMs),
    ]);
    return inClass === 1;
  }

  /** Heartbeat of a teacher's socket: their grace deadline, then their claim, move forward. */
  async touchTeacher(teacherId: string, classId: string): Promise<boolean> {
    const live = await this.scripts.touchTeacher(
      ...presenceKeys.classScriptKeys(classId),
      teacherId,
      this.settings.now() + this.settings.teacherGraceMs,
    );
    // Only the teacher's claim gets the long grace; anyone else's stays as it is.
    if (live === 1) await this.claims.extend(teacherId, classId, this.settings.teacherGraceMs);
    return live === 1;
  }
}
