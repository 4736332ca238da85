import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { AppError } from '@llms/errors';
import type { AuthRequest } from './auth-user';

/**
 * The signed-in caller (`AuthUser`). With `{ optional: true }` (routes marked
 * `@RefreshCookieSession()`) it is undefined when no valid access cookie came.
 */
export const CurrentUser = createParamDecorator(
  (options: { optional?: boolean } | undefined, context: ExecutionContext) => {
    const user = context.switchToHttp().getRequest<AuthRequest>().user;
    if (!user && !options?.optional) throw new AppError('UNAUTHENTICATED', 'Sign in first');
    return user;
  },
);
