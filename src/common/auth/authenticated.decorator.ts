import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiCookieAuth } from '@nestjs/swagger';
import type { Capability } from '@llms/contract';
import { ACCESS_COOKIE } from './access-cookie';
import { IS_PUBLIC } from './public.decorator';

export const REQUIRED_CAPABILITY = 'llms:requiredCapability';

export interface AuthenticatedOptions {
  /** The caller must hold this capability, else 403 CAPABILITY_REQUIRED. */
  capability?: Capability;
}

/**
 * A signed-in route (the default; this makes it explicit, overrides a class-level `@Public()`,
 * documents the cookie in Swagger and optionally requires a capability):
 * `@Authenticated({ capability: 'TEACHER' })`.
 */
export function Authenticated(options: AuthenticatedOptions = {}) {
  const decorators = [SetMetadata(IS_PUBLIC, false), ApiCookieAuth(ACCESS_COOKIE)];
  if (options.capability) decorators.push(SetMetadata(REQUIRED_CAPABILITY, options.capability));
  return applyDecorators(...decorators);
}
