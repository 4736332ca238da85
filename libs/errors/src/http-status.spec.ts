import { ERROR_CODES } from '@llms/contract';
import { httpStatusOf } from './http-status';

describe('httpStatusOf', () => {
  it('maps every error code to the status the contract gives it', () => {
    const expected: Record<string, number> = {
      VALIDATION_FAILED: 400,
      UNAUTHENTICATED: 401,
      INVALID_CREDENTIALS: 401,
      REFRESH_TOKEN_INVALID: 401,
      REFRESH_TOKEN_REUSED: 401,
      CSRF_TOKEN_INVALID: 403,
      FORBIDDEN: 403,
      CAPABILITY_REQUIRED: 403,
      ORIGIN_NOT_ALLOWED: 403,
      NOT_FOUND: 404,
      CLASS_NOT_FOUND: 404,
      EMAIL_TAKEN: 409,
      ALREADY_ACTIVE: 409,
      CLASS_NOT_LIVE: 409,
      CLASS_INVALID_STATE: 409,
      CLASS_FULL: 409,
      NOT_IN_CLASS: 409,
      PAYLOAD_TOO_LARGE: 413,
      RATE_LIMITED: 429,
      TOO_MANY_CONNECTIONS: 429,
      INTERNAL_ERROR: 500,
      SERVICE_UNAVAILABLE: 503,
    };
    expect(Object.keys(expected).sort()).toEqual([...ERROR_CODES].sort());
    for (const code of ERROR_CODES)
      expect([code, httpStatusOf(code)]).toEqual([code, expected[code]]);
  });
});
