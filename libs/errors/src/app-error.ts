import type { ErrorCode, ErrorDetail } from '@llms/contract';

/** The one error type domain code throws; the exception filter and WS acks map it to the envelope. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}
