/**
 * The one way the app talks REST: the contract's envelope unwrapped, the CSRF token held in memory
 * (never in storage), and an expired access token refreshed transparently, once.
 */
import type { Envelope, ErrorCode, ErrorDetail, UserView } from '@llms/contract';
import { ERROR_CODES } from '@llms/contract';
import { messageFor, type AnyErrorCode } from '../lib/messages';

export class ApiError extends Error {
  constructor(
    readonly code: AnyErrorCode,
    message: string,
    readonly status = 0,
    readonly details: ErrorDetail[] = [],
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The human text for this failure (the server's text is for developers). */
  get human(): string {
    return messageFor(this.code);
  }

  /** Field name -> message, from a VALIDATION_FAILED answer. */
  fieldErrors(): Record<string, string> {
    const byField: Record<string, string> = {};
    for (const detail of this.details) {
      if (detail.field && !byField[detail.field]) byField[detail.field] = detail.message;
    }
    return byField;
  }
}

const KNOWN_CODES = new Set<string>(ERROR_CODES);

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && KNOWN_CODES.has(code);
}

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function send<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError('NETWORK_ERROR', 'Network error');
  }
  let envelope: Envelope<T> | null = null;
  try {
    envelope = (await response.json()) as Envelope<T>;
  } catch {
    envelope = null;
  }
  if (envelope?.success === true) return envelope.data;
  if (envelope?.success === false && isErrorCode(envelope.error?.code)) {
    const { code, message, details, requestId } = envelope.error;
    throw new ApiError(code, message, response.status, details ?? [], requestId);
  }
  throw new ApiError(
    response.status >= 500 ? 'INTERNAL_ERROR' : 'NETWORK_ERROR',
    `HTTP ${response.status}`,
    response.status,
  );
}

export interface AuthResult {
  user: UserView;
  csrfToken: string;
}

/** Called with the fresh user after a transparent refresh, and with null when the session is gone. */
type SessionListener = (user: UserView | null) => void;
let sessionListener: SessionListener = () => undefined;

export function onSessionChange(listener: SessionListener): void {
  sessionListener = listener;
}

/** GET /api/auth/csrf: works with the access cookie or, once that expired, the refresh cookie. */
export async function fetchCsrfToken(): Promise<string> {
  const { csrfToken: token } = await send<{ csrfToken: string }>('GET', '/api/auth/csrf');
  csrfToken = token;
  return token;
}

let refreshing: Promise<boolean> | null = null;

/**
 * Runs `task` while holding a lock shared by every tab of this origin (Web Locks API), so two
 * tabs never present the same refresh token at once: the server treats that as token theft and
 * revokes the session. Where the API is missing (non-secure origins), runs it directly.
 */
function acrossTabs<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? (locks.request('llms-session-refresh', task) as Promise<T>) : task();
}

/** True when the access cookie works again (another tab refreshed while we waited for the lock). */
async function accessCookieWorks(): Promise<UserView | null> {
  try {
    return (await send<{ user: UserView }>('GET', '/api/users/me')).user;
  } catch {
    return null;
  }
}

async function renewSession(): Promise<boolean> {
  const renewedElsewhere = await accessCookieWorks();
  if (renewedElsewhere) {
    await fetchCsrfToken();
    sessionListener(renewedElsewhere);
    return true;
  }
  if (!csrfToken) await fetchCsrfToken();
  const result = await send<AuthResult>('POST', '/api/auth/refresh');
  csrfToken = result.csrfToken;
  sessionListener(result.user);
  return true;
}

/**
 * POST /api/auth/refresh (with X-CSRF-Token), shared by every caller of this tab that hit a 401
 * at the same moment and serialised across tabs, so the refresh token is rotated once. Resolves
 * false when the session cannot be renewed; network failures reject (they say nothing about the
 * session).
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      return await acrossTabs(renewSession);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return false;
      throw error;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

const NO_REFRESH = /^\/api\/auth\/(login|register|refresh|logout|csrf)\b/;

/**
 * A REST call. 401 UNAUTHENTICATED: refresh once and retry; if the session cannot be renewed the
 * session listener hears null (the app then sends the user to sign in, keeping the page).
 * 403 CSRF_TOKEN_INVALID (a token lost or outdated): fetch a new one and retry once.
 */
export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
  try {
    return await send<T>(method, path, body);
  } catch (error) {
    if (!(error instanceof ApiError) || NO_REFRESH.test(path)) throw error;
    if (error.code === 'UNAUTHENTICATED') {
      if (!(await refreshSession())) {
        csrfToken = null;
        sessionListener(null);
        throw error;
      }
      return retryOnce<T>(method, path, body);
    }
    if (error.code === 'CSRF_TOKEN_INVALID' && method !== 'GET') {
      await fetchCsrfToken();
      return retryOnce<T>(method, path, body);
    }
    throw error;
  }
}

async function retryOnce<T>(method: Method, path: string, body?: unknown): Promise<T> {
  try {
    return await send<T>(method, path, body);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
      csrfToken = null;
      sessionListener(null);
    }
    throw error;
  }
}

/** Calls that must not trigger the refresh dance (sign in, sign up, sign out). */
export const authApi = send;
