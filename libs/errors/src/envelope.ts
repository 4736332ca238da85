import type { ErrorCode, ErrorDetail, FailureEnvelope, SuccessEnvelope } from '@llms/contract';

/** `{success: true, data}`: the body of every successful response and ack. */
export function sendResponse<T>(data: T): SuccessEnvelope<T> {
  return { success: true, data };
}

/** `{success: false, error}`: the body of every failed response and ack. */
export function sendFailure(
  code: ErrorCode,
  message: string,
  extra: { details?: ErrorDetail[]; errorId?: string; requestId?: string } = {},
): FailureEnvelope {
  const error: FailureEnvelope['error'] = { code, message };
  if (extra.details?.length) error.details = extra.details;
  if (extra.errorId) error.errorId = extra.errorId;
  if (extra.requestId) error.requestId = extra.requestId;
  return { success: false, error };
}
