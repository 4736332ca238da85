import type { ErrorCode } from '@llms/contract';

function assertUnreachable(value: never): never {
  throw new Error(`Unhandled error code: ${String(value)}`);
}

/** HTTP status of each error code. Exhaustive: a new code without a status fails to compile. */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
      return 400;
    case 'UNAUTHENTICATED':
    case 'INVALID_CREDENTIALS':
    case 'REFRESH_TOKEN_INVALID':
    case 'REFRESH_TOKEN_REUSED':
      return 401;
    case 'CSRF_TOKEN_INVALID':
    case 'FORBIDDEN':
    case 'CAPABILITY_REQUIRED':
    case 'ORIGIN_NOT_ALLOWED':
      return 403;
    case 'NOT_FOUND':
    case 'CLASS_NOT_FOUND':
      return 404;
    case 'EMAIL_TAKEN':
    case 'ALREADY_ACTIVE':
    case 'CLASS_NOT_LIVE':
    case 'CLASS_INVALID_STATE':
    case 'CLASS_FULL':
    case 'NOT_IN_CLASS':
      return 409;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'RATE_LIMITED':
    case 'TOO_MANY_CONNECTIONS':
      return 429;
    case 'INTERNAL_ERROR':
      return 500;
    case 'SERVICE_UNAVAILABLE':
      return 503;
    default:
      return assertUnreachable(code);
  }
}
