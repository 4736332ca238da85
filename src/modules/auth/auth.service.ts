import { Inject, Injectable } from '@nestjs/common';
import type { Capability, UserView } from '@llms/contract';
import { AppError } from '@llms/errors';
import type { AuthUser } from '../../common/auth';
import { appConfig, type AppConfig } from '../../config/app.config';
import { UsersService } from '../users';
import { AccessTokenService } from './access-token.service';
import type { SessionCookies } from './auth-cookies';
import { DEFAULT_CAPABILITIES } from './capabilities';
import { CsrfService } from './csrf.service';
import { deviceCookieKey, issueDeviceCookie } from './device-cookie';
import { PasswordHasher } from './password-hasher';
import type { PresentedRefreshToken } from './presented-refresh-token';
import { isLive, RefreshTokenService, type IssuedRefreshToken } from './refresh-token.service';

export interface RegisterInput {
  name: string;
  email: string;
  password: string;
  capabilities?: Capability[];
}

export interface LoginInput {
  email: string;
  password: string;
}

/** A signed-in session: what the response body carries and what goes into cookies. */
export interface AuthSession {
  user: UserView;
  csrfToken: string;
  cookies: SessionCookies;
}

/** Registration, login, refresh, logout and CSRF tokens. */
@Injectable()
export class AuthService {
  private readonly deviceKey: Buffer;

  constructor(
    @Inject(appConfig.KEY) config: AppConfig,
    private readonly users: UsersService,
    private readonly passwords: PasswordHasher,
    private readonly accessTokens: AccessTokenService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly csrf: CsrfService,
  ) {
    this.deviceKey = deviceCookieKey(config.auth.csrfSecret);
  }

  async register(input: RegisterInput): Promise<AuthSession> {
    const user = await this.users.create({
      name: input.name,
      email: input.email,
      passwordHash: await this.passwords.hash(input.password),
      capabilities: input.capabilities ?? [...DEFAULT_CAPABILITIES],
    });
    return this.startSession(user);
  }

  /** INVALID_CREDENTIALS alike for an unknown email and a wrong password, in similar time. */
  async login(input: LoginInput): Promise<AuthSession> {
    const credentials = await this.users.findCredentials(input.email);
    const valid = await this.passwords.verify(credentials?.passwordHash ?? null, input.password);
    if (!credentials || !valid)
      throw new AppError('INVALID_CREDENTIALS', 'Wrong email or password');
    return this.startSession(credentials.user);
  }

  /** Rotates the refresh token and issues a fresh access token with the user's current claims. */
  async refresh(presented: PresentedRefreshToken | null): Promise<AuthSession> {
    const { userId, next } = await this.refreshTokens.rotate(presented);
    const user = await this.users.findById(userId);
    if (!user) {
      await this.refreshTokens.revokeFamily({ sid: next.familyId, userId }, 'REVOKED');
      throw new AppError('REFRESH_TOKEN_INVALID', 'The account no longer exists');
    }
    return this.session(user, next);
  }

  /** Revokes the session of the presented cookies (see `sessionIdOf`); its sockets close. */
  async logout(presented: PresentedRefreshToken | null, user: AuthUser | undefined): Promise<void> {
    const session = presented
      ? { sid: presented.record.familyId, userId: presented.record.userId }
      : user && { sid: user.sid, userId: user.id };
    if (!session) throw new AppError('UNAUTHENTICATED', 'There is no session to log out of');
    await this.refreshTokens.revokeFamily(session, 'LOGGED_OUT');
  }

  /**
   * A fresh CSRF token for the caller's session: from a valid access cookie, or else from a
   * refresh cookie that could still refresh (so an SPA can recover after a reload even when its
   * access token has expired).
   */
  csrfTokenFor(presented: PresentedRefreshToken | null, user: AuthUser | undefined): string {
    const live = presented && isLive(presented.record) ? presented.record.familyId : null;
    const sid = user?.sid ?? live;
    if (!sid) throw new AppError('UNAUTHENTICATED', 'Sign in first');
    return this.csrf.issue(sid);
  }

  /**
   * The session that refresh and logout act on, which their CSRF token must be bound to: the
   * family of the presented refresh token (in any state, so a replayed token still meets reuse
   * detection), else the session of a valid access cookie.
   */
  sessionIdOf(presented: PresentedRefreshToken | null, user: AuthUser | undefined): string | null {
    return presented?.record.familyId ?? user?.sid ?? null;
  }

  /** A new session (login, register); the browser also gets a device cookie for the account. */
  private async startSession(user: UserView): Promise<AuthSession> {
    const session = this.session(user, await this.refreshTokens.startFamily(user.id));
    session.cookies.deviceToken = issueDeviceCookie(this.deviceKey, user.email);
    return session;
  }

  private session(user: UserView, refresh: IssuedRefreshToken): AuthSession {
    const sid = refresh.familyId;
    return {
      user,
      csrfToken: this.csrf.issue(sid),
      cookies: {
        accessToken: this.accessTokens.sign(user, refresh),
        refreshToken: refresh.token,
        refreshMaxAgeSeconds: Math.max(
          0,
          Math.floor((refresh.expiresAt.getTime() - Date.now()) / 1000),
        ),
      },
    };
  }
}
