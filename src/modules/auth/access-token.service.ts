import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import type { AuthUser } from '../../common/auth';
import { appConfig, type AppConfig } from '../../config/app.config';
import { accessTokenKey, jwtSignOptions, type SessionClaims } from './access-token.claims';

/** The session an access token is issued for: its id (refresh family) and expiry. */
export interface SessionRef {
  familyId: string;
  expiresAt: Date;
}

/**
 * Issues access tokens: short-lived HS256 JWTs for the `access_token` cookie, carrying the
 * session id (`sid`) and the session's expiry (`sexp`, epoch seconds), so any instance can end
 * the session's sockets at that moment without asking Redis. A token never outlives its session:
 * `exp` is the earlier of now + ACCESS_TOKEN_TTL_SECONDS and `sexp`. Verification is
 * `SessionCheck`'s.
 */
@Injectable()
export class AccessTokenService {
  constructor(@Inject(appConfig.KEY) private readonly config: AppConfig) {}

  sign(user: Pick<AuthUser, 'id' | 'name' | 'capabilities'>, session: SessionRef): string {
    const { jwtAccessSecret, accessTokenTtlSeconds } = this.config.auth;
    const iat = Math.floor(Date.now() / 1000);
    const sexp = Math.floor(session.expiresAt.getTime() / 1000);
    const claims: SessionClaims & { iat: number; exp: number } = {
      name: user.name,
      capabilities: user.capabilities,
      sid: session.familyId,
      sexp,
      iat,
      exp: Math.min(iat + accessTokenTtlSeconds, sexp),
    };
    return jwt.sign(claims, accessTokenKey(jwtAccessSecret), {
      ...jwtSignOptions(this.config.auth),
      subject: user.id,
    });
  }
}
