import type { ErrorCode } from '@llms/contract';

/** Failures that happen on this side of the wire. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'TIMEOUT' | 'DISCONNECTED';
export type AnyErrorCode = ErrorCode | ClientErrorCode;

/**
 * What a person reads for each error code. A Record over the contract's ErrorCode union, so adding
 * a code to the contract without a message here fails the web build.
 */
const MESSAGES: Record<AnyErrorCode, string> = {
  VALIDATION_FAILED: 'Some of the information is not valid. Check the highlighted fields.',
  UNAUTHENTICATED: 'Your session has ended. Please sign in again.',
  INVALID_CREDENTIALS: 'That email and password do not match. Check them and try again.',
  REFRESH_TOKEN_INVALID: 'Your session has ended. Please sign in again.',
  REFRESH_TOKEN_REUSED: 'For your safety you were signed out everywhere. Please sign in again.',
  CSRF_TOKEN_INVALID: 'Your session could not be verified. Reload the page and try again.',
  FORBIDDEN: 'You are not allowed to do that.',
  CAPABILITY_REQUIRED:
    'Your account cannot do that. Teachers create and run classes; students join them.',
  ORIGIN_NOT_ALLOWED: 'This site is not allowed to connect to the live service.',
  NOT_FOUND: 'We could not find that.',
  CLASS_NOT_FOUND: 'We could not find that class. Check the link with your teacher.',
  EMAIL_TAKEN: 'An account with this email already exists. Sign in instead.',
  ALREADY_ACTIVE: 'You are already in another live class.',
  CLASS_NOT_LIVE: 'This class is not live right now. It may not have started yet, or it has ended.',
  CLASS_INVALID_STATE: 'The class has changed in the meantime. Reload to see where it stands.',
  CLASS_FULL: 'This class is full. You can try again when someone leaves.',
  NOT_IN_CLASS: 'You are not in this class any more. Join it again to take part.',
  PAYLOAD_TOO_LARGE: 'That is too long to send.',
  RATE_LIMITED: 'You are going a bit fast. Wait a few seconds and try again.',
  TOO_MANY_CONNECTIONS:
    'You have this account open in too many tabs or devices. Close some of them and reload.',
  INTERNAL_ERROR: 'Something went wrong on our side. Please try again.',
  SERVICE_UNAVAILABLE: 'The service is briefly unavailable. Please try again in a moment.',
  NETWORK_ERROR: 'We could not reach the server. Check your connection and try again.',
  TIMEOUT: 'The server took too long to answer. Please try again.',
  DISCONNECTED: 'You are offline. We are reconnecting; try again in a moment.',
};

export function messageFor(code: AnyErrorCode): string {
  return MESSAGES[code] ?? MESSAGES.INTERNAL_ERROR;
}
