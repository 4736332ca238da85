/**
 * The cross-cutting side of authentication that feature modules use: who the caller is
 * (`AuthUser`) and the route decorators. Feature modules import these from here, never from the
 * auth module, so dependencies point from features to common and from auth to users only.
 */
export * from './access-cookie';
export * from './auth-user';
export * from './authenticated.decorator';
export * from './current-user.decorator';
export * from './public.decorator';
