import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { PresentedRefreshToken, RefreshCookieRequest } from '../presented-refresh-token';

/**
 * The request's refresh cookie with its record, as `RefreshCookieGuard` looked it up (null when
 * absent, malformed or unknown). Only on `@RefreshCookieSession()` routes.
 */
export const PresentedRefresh = createParamDecorator(
  (_: unknown, context: ExecutionContext): PresentedRefreshToken | null =>
    context.switchToHttp().getRequest<RefreshCookieRequest>().refreshToken ?? null,
);
