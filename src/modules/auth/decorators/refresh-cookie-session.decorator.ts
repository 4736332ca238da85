import { SetMetadata } from '@nestjs/common';

export const REFRESH_COOKIE_SESSION = 'llms:refreshCookieSession';

/**
 * For the auth routes that must work when the access token has expired (refresh, logout, csrf):
 * a valid access cookie is optional (`@CurrentUser({ optional: true })`), and the session their
 * CSRF token is bound to comes from the refresh cookie first (`AuthService.sessionIdOf`).
 */
export const RefreshCookieSession = () => SetMetadata(REFRESH_COOKIE_SESSION, true);
