import { randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { appConfig, type AppConfig } from '../../config/app.config';

/** How long an ended class's meta stays readable (late "class ended" lookups). */
const ENDED_RETENTION_MS = 60 * 60 * 1000;
/**
 * A participant's claim is a backstop for a release that never came (an instance that died
 * between ending a stay and releasing its claim): long enough to be refreshed rarely, short
 * enough that such a user is not locked out for long.
 */
const PARTICIPANT_CLAIM_TTL_MS = 5 * 60 * 1000;

/**
 * The presence timings, derived once from the configuration, this instance's name in Redis,
 * and the clock every presence decision reads (tests move it forward instead of sleeping).
 */
@Injectable()
export class PresenceSettings {
  /** PRESENCE_TTL_SECONDS: how long a socket stays present without a heartbeat. */
  readonly ttlMs: number;
  /**
   * How long an instance's lease on a class lasts: the sockets of an instance that stopped
   * renewing (it died) are swept at most this long after its last renewal.
   */
  readonly leaseMs: number;
  /** How often an instance renews its leases (and refreshes its users' claims when due). */
  readonly renewIntervalMs: number;
  /** How often the sweeper looks for due classes. */
  readonly sweepIntervalMs: number;
  /** Participant claims, refreshed by the instance when less than half is left. */
  readonly participantClaimTtlMs: number;
  /** TEACHER_GRACE_SECONDS: how long a live class keeps a silent teacher's place. */
  readonly teacherGraceMs: number;
  readonly endedRetentionMs = ENDED_RETENTION_MS;
  /** This app instance's name in the class leases: a random integer chosen at start. */
  readonly instance = String(randomInt(1, 2 ** 47));
  /** Time source (ms since the epoch). */
  now: () => number = Date.now;

  constructor(@Inject(appConfig.KEY) config: AppConfig) {
    this.ttlMs = config.presence.ttlSeconds * 1000;
    this.leaseMs = this.ttlMs;
    this.renewIntervalMs = Math.floor(this.ttlMs / 3);
    this.sweepIntervalMs = Math.min(1000, Math.floor(this.ttlMs / 4));
    this.participantClaimTtlMs = Math.max(PARTICIPANT_CLAIM_TTL_MS, 4 * this.ttlMs);
    this.teacherGraceMs = config.presence.teacherGraceSeconds * 1000;
  }

  /** Whether a socket whose last heartbeat came at `lastHeartbeatAt` has expired. */
  expired(lastHeartbeatAt: number, now = this.now()): boolean {
    return now - lastHeartbeatAt > this.ttlMs;
  }
}
