import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '@llms/errors';
import { AccessTokenService } from '../access-token.service';
import type { AuthRequest } from '../auth-user';
import { IS_PUBLIC } from '../decorators/public.decorator';
import { REFRESH_COOKIE_SESSION } from '../decorators/refresh-cookie-session.decorator';

/**
 * Global guard: every HTTP route needs a valid access cookie unless marked `@Public()`
 * (401 UNAUTHENTICATED). Sets `request.user`. Socket.IO authenticates in its handshake instead.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly accessTokens: AccessTokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthRequest>();
    const optional = this.reflector.getAllAndOverride<boolean>(REFRESH_COOKIE_SESSION, targets);
    try {
      request.user = await this.accessTokens.verifyCookieHeader(request.headers.cookie);
    } catch (error) {
      if (!optional || !(error instanceof AppError)) throw error;
    }
    return true;
  }
}
