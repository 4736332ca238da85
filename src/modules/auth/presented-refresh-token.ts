import type { AuthRequest } from '../../common/auth';
import type { RefreshTokenRecord } from './refresh-token.repository';

/** The refresh cookie of a request with its stored record, looked up once per request. */
export interface PresentedRefreshToken {
  token: string;
  tokenHash: string;
  record: RefreshTokenRecord;
}

/**
 * A request on a `@RefreshCookieSession()` route after `RefreshCookieGuard`: `refreshToken` is
 * the presented token (null when the cookie is missing, malformed or unknown). The CSRF guard
 * and the refresh, logout and csrf handlers all read it from here instead of looking it up again.
 */
export type RefreshCookieRequest = AuthRequest & { refreshToken?: PresentedRefreshToken | null };
