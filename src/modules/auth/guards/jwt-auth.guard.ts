import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { AppError } from '@llms/errors';
import { IS_PUBLIC, type AuthUser } from '../../../common/auth';
import { REFRESH_COOKIE_SESSION } from '../decorators/refresh-cookie-session.decorator';
import { unauthenticated } from '../session-check.service';
import { JWT_STRATEGY } from '../strategies/jwt.strategy';

/**
 * Global guard (APP_GUARD), Passport's `AuthGuard('jwt')`: every HTTP route needs a valid access
 * cookie unless marked `@Public()`, else 401 UNAUTHENTICATED in the envelope. Sets
 * `request.user`. On `@RefreshCookieSession()` routes (refresh, logout, csrf) the access cookie is
 * optional: without a valid one `request.user` stays unset and the route works from the refresh
 * cookie. Socket.IO authenticates in its handshake instead, through the same session check.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard(JWT_STRATEGY) {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, this.targets(context))) return true;
    return (await super.canActivate(context)) as boolean;
  }

  /** Passport's outcome: the user, or (optional routes) nothing, or the envelope's 401. */
  override handleRequest<TUser = AuthUser>(
    error: unknown,
    user: TUser | false,
    info: unknown,
    context: ExecutionContext,
  ): TUser {
    // Anything but a refused token (e.g. Redis down) keeps its own meaning (503, 500).
    if (error && !(error instanceof AppError)) throw error;
    if (user) return user;
    if (this.reflector.getAllAndOverride<boolean>(REFRESH_COOKIE_SESSION, this.targets(context)))
      return undefined as TUser;
    if (error) throw error;
    // passport-jwt says "No auth token" when there is no cookie; anything else is a bad token.
    const noToken = info instanceof Error && info.message === 'No auth token';
    throw noToken ? unauthenticated() : unauthenticated('The access token is invalid or expired');
  }

  private targets(context: ExecutionContext) {
    return [context.getHandler(), context.getClass()];
  }
}
