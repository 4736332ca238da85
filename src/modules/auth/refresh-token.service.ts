import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import type { SessionEndReason } from '@llms/contract';
import { AppError } from '@llms/errors';
import { appConfig, type AppConfig } from '../../config/app.config';
import type { PresentedRefreshToken } from './presented-refresh-token';
import { RefreshTokenRepository, type RefreshTokenRecord } from './refresh-token.repository';
import {
  hashRefreshToken,
  isWellFormedRefreshToken,
  newRefreshToken,
} from './refresh-token.secret';
import { SessionCheck } from './session-check.service';
import { SessionEvents, type EndedSession } from './session-events';

/** A refresh token handed to the client, with its family (the session id) and expiry. */
export interface IssuedRefreshToken {
  token: string;
  familyId: string;
  expiresAt: Date;
}

export interface RotatedRefreshToken {
  userId: string;
  next: IssuedRefreshToken;
}

/** How often expired rows are deleted, and how long past expiry they are kept before that. */
const SWEEP_INTERVAL_MS = 60 * 60 * 1000;
const KEEP_EXPIRED_MS = 24 * 60 * 60 * 1000;

const invalid = () =>
  new AppError('REFRESH_TOKEN_INVALID', 'The refresh token is invalid or expired; sign in again');
const reused = () =>
  new AppError(
    'REFRESH_TOKEN_REUSED',
    'This refresh token was already used; the session has been revoked',
  );

/** Whether a token could still refresh: not rotated, not revoked, not expired. */
export function isLive(record: RefreshTokenRecord, now = new Date()): boolean {
  return !record.rotatedAt && !record.revokedAt && record.expiresAt > now;
}

/**
 * Refresh tokens: opaque, stored as hashes, rotated on every use, grouped in one family per
 * login. Presenting a rotated token revokes the whole family, whose access tokens and sockets
 * stop too.
 */
@Injectable()
export class RefreshTokenService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RefreshTokenService.name);
  private sweeper?: NodeJS.Timeout;

  constructor(
    @Inject(appConfig.KEY) private readonly config: AppConfig,
    private readonly tokens: RefreshTokenRepository,
    private readonly sessions: SessionCheck,
    private readonly events: SessionEvents,
  ) {}

  onModuleInit(): void {
    this.sweeper = setInterval(() => void this.sweepExpired(), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  /** Starts a new family (a login) for `userId`, expiring after REFRESH_TOKEN_TTL_SECONDS. */
  async startFamily(userId: string): Promise<IssuedRefreshToken> {
    const familyId = randomUUID();
    const expiresAt = new Date(Date.now() + this.config.auth.refreshTokenTtlSeconds * 1000);
    const issued = await this.issue(userId, familyId, expiresAt, `family:${familyId}`);
    if (!issued) throw new Error(`Refresh family ${familyId} already exists`);
    return issued;
  }

  /** A presented cookie value with its record: null when malformed or unknown (one query). */
  async lookup(token: string | undefined): Promise<PresentedRefreshToken | null> {
    if (!isWellFormedRefreshToken(token)) return null;
    const tokenHash = hashRefreshToken(token);
    const record = await this.tokens.findByHash(tokenHash);
    return record ? { token, tokenHash, record } : null;
  }

  /**
   * Exchanges a live token (as `lookup` found it) for the next one of its family. A token that
   * was already rotated (or is being rotated by a concurrent request) revokes the family:
   * `REFRESH_TOKEN_REUSED`. Unknown, expired or revoked tokens are `REFRESH_TOKEN_INVALID`.
   */
  async rotate(presented: PresentedRefreshToken | null): Promise<RotatedRefreshToken> {
    if (!presented) throw invalid();
    const { tokenHash, record: current } = presented;
    if (current.rotatedAt) return this.reuseDetected(current.familyId, current.userId);
    if (current.revokedAt || current.expiresAt <= new Date()) throw invalid();

    const next = await this.issue(current.userId, current.familyId, current.expiresAt, tokenHash);
    if (!next) return this.reuseDetected(current.familyId, current.userId);
    await this.tokens.markRotated(tokenHash, new Date());
    // A reuse may have revoked the family between the request's look-up and the insert of
    // `next`; look again so that `next` cannot outlive its family.
    if ((await this.tokens.findByHash(tokenHash))?.revokedAt)
      return this.reuseDetected(current.familyId, current.userId);
    return { userId: current.userId, next };
  }

  /**
   * Ends a session: no token of the family refreshes again, its access tokens stop at once, and
   * its sockets on every instance get SESSION_ENDED `reason` and close.
   */
  async revokeFamily(session: EndedSession, reason: SessionEndReason): Promise<void> {
    await this.tokens.revokeFamily(session.sid, new Date());
    await this.sessions.revoke(session.sid, reason);
    this.events.sessionEnded(session, reason);
  }

  /** Deletes rows of families that expired over a day ago (FerretDB has no TTL indexes). */
  async sweepExpired(): Promise<number> {
    try {
      return await this.tokens.deleteExpiredBefore(new Date(Date.now() - KEEP_EXPIRED_MS));
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not delete expired refresh tokens; will retry');
      return 0;
    }
  }

  private async reuseDetected(sid: string, userId: string): Promise<never> {
    await this.revokeFamily({ sid, userId }, 'REVOKED');
    throw reused();
  }

  /** A new token of the family replacing `rotatedFrom`; null if that one already has a successor. */
  private async issue(
    userId: string,
    familyId: string,
    expiresAt: Date,
    rotatedFrom: string,
  ): Promise<IssuedRefreshToken | null> {
    const token = newRefreshToken();
    const tokenHash = hashRefreshToken(token);
    const inserted = await this.tokens.insert({
      tokenHash,
      familyId,
      userId,
      expiresAt,
      rotatedFrom,
    });
    return inserted ? { token, familyId, expiresAt } : null;
  }
}
