import { Injectable } from '@nestjs/common';
import { ActiveClassClaims, Heartbeats, LiveClasses, PresenceSettings } from '../presence';

/**
 * HEARTBEAT: keeps a socket present, as a participant of the class it joined, or else as the
 * teacher of the class the user teaches (if any). `present` is false when the participant was
 * already removed (swept, left from another tab, or the class ended): the client joins again.
 */
@Injectable()
export class KeepPresent {
  constructor(
    private readonly heartbeats: Heartbeats,
    private readonly claims: ActiveClassClaims,
    private readonly live: LiveClasses,
    private readonly settings: PresenceSettings,
  ) {}

  /** How often clients heartbeat: every third of this. */
  get ttlSeconds(): number {
    return this.settings.ttlMs / 1000;
  }

  async execute(userId: string, joinedClassId: string | null, socketId: string): Promise<boolean> {
    if (joinedClassId) return this.heartbeats.touchParticipant(userId, joinedClassId, socketId);
    const active = await this.claims.activeClassOf(userId);
    if (active) await this.heartbeats.touchTeacher(userId, active);
    return true;
  }

  /** The live class a user teaches right now, if any (their sockets follow it). */
  taughtBy(userId: string): Promise<string | null> {
    return this.live.taughtBy(userId);
  }
}
