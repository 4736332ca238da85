import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { AppError } from '@llms/errors';

/**
 * `@nestjs/throttler` for the login and register routes (`@UseGuards(AuthThrottlerGuard)`),
 * answering 429 RATE_LIMITED in the envelope with a standard `Retry-After` header.
 */
@Injectable()
export class AuthThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    context
      .switchToHttp()
      .getResponse<FastifyReply>()
      .header('Retry-After', String(detail.timeToBlockExpire));
    throw new AppError('RATE_LIMITED', 'Too many attempts; try again later');
  }
}
