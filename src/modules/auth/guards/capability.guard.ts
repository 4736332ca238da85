import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Capability } from '@llms/contract';
import { AppError } from '@llms/errors';
import { REQUIRED_CAPABILITY, type AuthRequest } from '../../../common/auth';
import { hasCapability } from '../capabilities';

/** Global guard: `@Authenticated({ capability })` routes need that capability (403 CAPABILITY_REQUIRED). */
@Injectable()
export class CapabilityGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const required = this.reflector.getAllAndOverride<Capability | undefined>(REQUIRED_CAPABILITY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!required) return true;
    const user = context.switchToHttp().getRequest<AuthRequest>().user;
    if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in first');
    if (!hasCapability(user, required)) {
      throw new AppError('CAPABILITY_REQUIRED', `This action needs the ${required} capability`);
    }
    return true;
  }
}
