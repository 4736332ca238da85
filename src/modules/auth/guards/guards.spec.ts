import { Controller, Get, Post, type ExecutionContext, type Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AppConfig } from '../../../config/app.config';
import type { AuthService } from '../auth.service';
import { Authenticated, Public, type AuthUser } from '../../../common/auth';
import { CsrfService } from '../csrf.service';
import { SkipCsrf } from '../decorators/skip-csrf.decorator';
import { CapabilityGuard } from './capability.guard';
import { CsrfGuard } from './csrf.guard';

@Controller()
class Routes {
  @Post() @Authenticated({ capability: 'TEACHER' }) teach() {}
  @Get() @Authenticated() read() {}
  @Post() change() {}
  @Post() @Public() @SkipCsrf() open() {}
}

function contextFor(
  handler: keyof Routes,
  request: { method: string; user?: AuthUser; headers?: object },
) {
  return {
    getType: () => 'http',
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes as Type<unknown>,
    switchToHttp: () => ({ getRequest: () => ({ headers: {}, cookies: {}, ...request }) }),
  } as unknown as ExecutionContext;
}

const student: AuthUser = {
  id: 'u1',
  name: 'S',
  capabilities: ['STUDENT'],
  sid: 'sid-1',
  sessionExpiresAt: Date.now() + 60_000,
};
const teacher: AuthUser = { ...student, capabilities: ['TEACHER'] };

describe('CapabilityGuard', () => {
  const guard = new CapabilityGuard(new Reflector());

  it('lets a holder of the required capability through', () => {
    expect(guard.canActivate(contextFor('teach', { method: 'POST', user: teacher }))).toBe(true);
  });

  it('refuses a signed-in user without it: 403 CAPABILITY_REQUIRED', () => {
    expect(() => guard.canActivate(contextFor('teach', { method: 'POST', user: student }))).toThrow(
      expect.objectContaining({ code: 'CAPABILITY_REQUIRED' }),
    );
  });

  it('ignores routes that require no capability', () => {
    expect(guard.canActivate(contextFor('read', { method: 'GET', user: student }))).toBe(true);
  });
});

describe('CsrfGuard on ordinary signed-in routes', () => {
  const csrf = new CsrfService({ auth: { csrfSecret: 'x'.repeat(40) } } as AppConfig);
  const guard = new CsrfGuard(new Reflector(), csrf, {} as AuthService);
  const post = (headers: object, user: AuthUser | null = student) =>
    guard.canActivate(contextFor('change', { method: 'POST', user: user ?? undefined, headers }));

  it("accepts a token minted for the caller's session", async () => {
    await expect(post({ 'x-csrf-token': csrf.issue('sid-1') })).resolves.toBe(true);
  });

  it.each([
    ['missing', {}],
    ['of another session', { 'x-csrf-token': csrf.issue('sid-2') }],
    ['sent twice', { 'x-csrf-token': [csrf.issue('sid-1'), csrf.issue('sid-1')] }],
  ])('refuses a token %s with 403 CSRF_TOKEN_INVALID', async (_, headers) => {
    await expect(post(headers)).rejects.toMatchObject({ code: 'CSRF_TOKEN_INVALID' });
  });

  it('refuses a state-changing request without a session', async () => {
    await expect(post({ 'x-csrf-token': csrf.issue('sid-1') }, null)).rejects.toMatchObject({
      code: 'CSRF_TOKEN_INVALID',
    });
  });

  it('does not check safe methods nor @SkipCsrf routes', async () => {
    await expect(
      guard.canActivate(contextFor('read', { method: 'GET', user: student })),
    ).resolves.toBe(true);
    await expect(guard.canActivate(contextFor('open', { method: 'POST' }))).resolves.toBe(true);
  });
});
