import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { REFRESH_COOKIE } from '../auth-cookies';

/** The raw `refresh_token` cookie value, if any (it reaches only paths under /api/auth). */
export const RefreshTokenCookie = createParamDecorator(
  (_: unknown, context: ExecutionContext): string | undefined =>
    context.switchToHttp().getRequest<FastifyRequest>().cookies?.[REFRESH_COOKIE],
);
