import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { REFRESH_COOKIE } from '../auth-cookies';
import { REFRESH_COOKIE_SESSION } from '../decorators/refresh-cookie-session.decorator';
import type { RefreshCookieRequest } from '../presented-refresh-token';
import { RefreshTokenService } from '../refresh-token.service';

/**
 * Global guard, after authentication and before CSRF: on `@RefreshCookieSession()` routes it reads
 * the refresh cookie and looks its record up, once, into `request.refreshToken`, for the CSRF
 * guard (which session the token must be bound to) and the handler (refresh, logout, csrf).
 */
@Injectable()
export class RefreshCookieGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly refreshTokens: RefreshTokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (!this.reflector.getAllAndOverride<boolean>(REFRESH_COOKIE_SESSION, targets)) return true;
    const request = context.switchToHttp().getRequest<RefreshCookieRequest>();
    request.refreshToken = await this.refreshTokens.lookup(request.cookies?.[REFRESH_COOKIE]);
    return true;
  }
}
