import { Inject, Injectable } from '@nestjs/common';
import { appConfig, type AppConfig } from '../../config/app.config';

/** How long an ended class's meta stays readable (late "class ended" lookups). */
const ENDED_RETENTION_MS = 60 * 60 * 1000;

/**
 * The presence timings, derived once from the configuration, and the clock every presence
 * decision reads (tests move it forward instead of sleeping).
 */
@Injectable()
export class PresenceSettings {
  /** PRESENCE_TTL_SECONDS: how long a socket stays present without a heartbeat. */
  readonly ttlMs: number;
  /** How often the sweeper looks for due classes. */
  readonly sweepIntervalMs: number;
  /** Participant claims outlive the presence deadline by two sweeps, so the sweeper releases them. */
  readonly participantClaimTtlMs: number;
  /** TEACHER_GRACE_SECONDS: how long a live class keeps a silent teacher's place. */
  readonly teacherGraceMs: number;
  readonly endedRetentionMs = ENDED_RETENTION_MS;
  /** Time source (ms since the epoch). */
  now: () => number = Date.now;

  constructor(@Inject(appConfig.KEY) config: AppConfig) {
    this.ttlMs = config.presence.ttlSeconds * 1000;
    this.sweepIntervalMs = Math.min(1000, Math.floor(this.ttlMs / 4));
    this.participantClaimTtlMs = this.ttlMs + 2 * this.sweepIntervalMs;
    this.teacherGraceMs = config.presence.teacherGraceSeconds * 1000;
  }
}
