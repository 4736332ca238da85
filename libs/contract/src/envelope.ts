import type { ErrorCode } from './error-codes';

/** One entry of `error.details`; validation failures name the offending field. */
export interface ErrorDetail {
  field?: string;
  message: string;
}

export interface SuccessEnvelope<T> {
  success: true;
  data: T;
}

export interface FailureEnvelope {
  success: false;
  error: {
    code: ErrorCode;
    message: string;
    details?: ErrorDetail[];
    /** Present on INTERNAL_ERROR: the id also written to the server log. */
    errorId?: string;
    /** The request id of the failed HTTP request, when there was one. */
    requestId?: string;
  };
}

/** What every REST response body and every Socket.IO ack carries. */
export type Envelope<T> = SuccessEnvelope<T> | FailureEnvelope;
