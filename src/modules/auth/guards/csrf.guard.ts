import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '@llms/errors';
import { AuthService } from '../auth.service';
import { CsrfService } from '../csrf.service';
import { REFRESH_COOKIE_SESSION } from '../decorators/refresh-cookie-session.decorator';
import { SKIP_CSRF } from '../decorators/skip-csrf.decorator';
import type { RefreshCookieRequest } from '../presented-refresh-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';

/**
 * Global guard: every POST/PUT/PATCH/DELETE must carry `X-CSRF-Token` minted for the caller's
 * session (403 CSRF_TOKEN_INVALID), except `@SkipCsrf()` routes (register, login).
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly csrf: CsrfService,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<RefreshCookieRequest>();
    const targets = [context.getHandler(), context.getClass()];
    if (
      SAFE_METHODS.has(request.method) ||
      this.reflector.getAllAndOverride<boolean>(SKIP_CSRF, targets)
    ) {
      return true;
    }
    const refreshRoute = this.reflector.getAllAndOverride<boolean>(REFRESH_COOKIE_SESSION, targets);
    // On refresh-cookie routes RefreshCookieGuard has looked the refresh cookie up already.
    const sid = refreshRoute
      ? this.auth.sessionIdOf(request.refreshToken ?? null, request.user)
      : request.user?.sid;
    // Refresh and logout without any session change nothing: their handlers answer 401.
    if (!sid && refreshRoute) return true;
    if (!sid || !this.csrf.verify(sid, request.headers[CSRF_HEADER])) {
      throw new AppError('CSRF_TOKEN_INVALID', 'Missing or invalid X-CSRF-Token header');
    }
    return true;
  }
}
