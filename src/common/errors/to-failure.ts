import { randomUUID } from 'node:crypto';
import { HttpException } from '@nestjs/common';
import type { ErrorCode, FailureEnvelope } from '@llms/contract';
import { AppError, httpStatusOf, sendFailure } from '@llms/errors';

export interface Failure {
  status: number;
  body: FailureEnvelope;
  /** Set for unexpected errors: what to log next to the errorId (never sent to the client). */
  unexpected?: { errorId: string; error: unknown };
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'VALIDATION_FAILED',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

const MESSAGE_BY_CODE: Partial<Record<ErrorCode, string>> = {
  VALIDATION_FAILED: 'The request is malformed',
  UNAUTHENTICATED: 'Sign in first',
  FORBIDDEN: 'Not allowed',
  NOT_FOUND: 'No such resource',
  PAYLOAD_TOO_LARGE: 'The request body is too large',
  RATE_LIMITED: 'Too many requests, slow down',
  SERVICE_UNAVAILABLE: 'A dependency is unavailable, try again shortly',
};

const DEPENDENCY_DOWN_NAMES = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MaxRetriesPerRequestError',
]);

/** MongoDB or Redis unreachable: a 503 the client may retry, not a bug of ours. */
function isDependencyDown(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (
    DEPENDENCY_DOWN_NAMES.has(error.name) ||
    /buffering timed out|Connection is closed|ECONNREFUSED/.test(error.message)
  );
}

/** Framework errors (Nest HttpException, Fastify's parser errors) carry a 4xx/5xx status. */
function statusOf(error: unknown): number | undefined {
  if (error instanceof HttpException) return error.getStatus();
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Maps any thrown value to the contract's failure envelope and HTTP status. Known errors keep
 * their code; anything else becomes INTERNAL_ERROR with a fresh errorId and no internal text.
 */
export function toFailure(error: unknown, requestId?: string): Failure {
  if (error instanceof AppError) {
    return {
      status: httpStatusOf(error.code),
      body: sendFailure(error.code, error.message, { details: error.details, requestId }),
    };
  }
  const status = isDependencyDown(error) ? 503 : statusOf(error);
  const code = status !== undefined ? CODE_BY_STATUS[status] : undefined;
  if (code) {
    const message =
      status === 415 ? 'Unsupported content type; send application/json' : MESSAGE_BY_CODE[code]!;
    return { status: httpStatusOf(code), body: sendFailure(code, message, { requestId }) };
  }
  const errorId = randomUUID();
  return {
    status: 500,
    body: sendFailure('INTERNAL_ERROR', 'Something went wrong on our side', { errorId, requestId }),
    unexpected: { errorId, error },
  };
}
