import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { AppError } from '@llms/errors';
import { appConfig, type AppConfig } from '../../config/app.config';
import { AccessTokenService } from './access-token.service';
import { RefreshTokenRepository } from './refresh-token.repository';
import {
  hashRefreshToken,
  isWellFormedRefreshToken,
  newRefreshToken,
} from './refresh-token.secret';

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

/**
 * Refresh tokens: opaque, stored as hashes, rotated on every use, grouped in one family per
 * login. Presenting a rotated token revokes the whole family, whose access tokens stop too.
 */
@Injectable()
export class RefreshTokenService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RefreshTokenService.name);
  private sweeper?: NodeJS.Timeout;

  constructor(
    @Inject(appConfig.KEY) private readonly config: AppConfig,
    private readonly tokens: RefreshTokenRepository,
    private readonly accessTokens: AccessTokenService,
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

  /**
   * Exchanges a live token for the next one of its family. A token that was already rotated
   * (or is being rotated by a concurrent request) revokes the family: `REFRESH_TOKEN_REUSED`.
   * Unknown, expired or revoked tokens are `REFRESH_TOKEN_INVALID`.
   */
  async rotate(token: string | undefined): Promise<RotatedRefreshToken> {
    if (!isWellFormedRefreshToken(token)) throw invalid();
    const tokenHash = hashRefreshToken(token);
    const current = await this.tokens.findByHash(tokenHash);
    if (!current) throw invalid();
    if (current.rotatedAt) return this.reuseDetected(current.familyId);
    if (current.revokedAt || current.expiresAt <= new Date()) throw invalid();

    const next = await this.issue(current.userId, current.familyId, current.expiresAt, tokenHash);
    if (!next) return this.reuseDetected(current.familyId);
    await this.tokens.markRotated(tokenHash, new Date());
    // A reuse may have revoked the family between our read and the insert of `next`; look
    // again so that `next` cannot outlive its family.
    if ((await this.tokens.findByHash(tokenHash))?.revokedAt)
      return this.reuseDetected(current.familyId);
    return { userId: current.userId, next };
  }

  /** The family (session id) of a presented token in any state, or null if it is not ours. */
  async familyIdOf(token: string | undefined): Promise<string | null> {
    if (!isWellFormedRefreshToken(token)) return null;
    return (await this.tokens.findByHash(hashRefreshToken(token)))?.familyId ?? null;
  }

  /** The family of a token that could still be used to refresh (not rotated, revoked or expired). */
  async liveFamilyIdOf(token: string | undefined): Promise<string | null> {
    if (!isWellFormedRefreshToken(token)) return null;
    const record = await this.tokens.findByHash(hashRefreshToken(token));
    const live = record && !record.rotatedAt && !record.revokedAt && record.expiresAt > new Date();
    return live ? record.familyId : null;
  }

  /** Ends a session: no token of the family refreshes again and its access tokens stop at once. */
  async revokeFamily(familyId: string): Promise<void> {
    await this.tokens.revokeFamily(familyId, new Date());
    await this.accessTokens.revokeSession(familyId);
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

  private async reuseDetected(familyId: string): Promise<never> {
    await this.revokeFamily(familyId);
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
