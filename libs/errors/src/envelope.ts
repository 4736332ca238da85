import {
  LIMITS,
  type ErrorCode,
  type ErrorDetail,
  type FailureEnvelope,
  type SuccessEnvelope,
} from '@llms/contract';

/** Longest `message` and detail texts kept; longer ones are cut with an ellipsis. */
const MESSAGE_MAX = 300;
const DETAIL_FIELD_MAX = 100;
const DETAIL_MESSAGE_MAX = 160;

/** Cuts `text` to `max` characters (an ellipsis marks the cut). */
function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function clipDetail(detail: ErrorDetail): ErrorDetail {
  const clipped: ErrorDetail = { message: clip(String(detail.message), DETAIL_MESSAGE_MAX) };
  if (detail.field !== undefined) clipped.field = clip(String(detail.field), DETAIL_FIELD_MAX);
  return clipped;
}

const byteLength = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

/** `{success: true, data}`: the body of every successful response and ack. */
export function sendResponse<T>(data: T): SuccessEnvelope<T> {
  return { success: true, data };
}

/**
 * `{success: false, error}`: the body of every failed response and ack. Whatever the caller
 * passes, the body keeps the contract's limits: at most ERROR_DETAILS_MAX details, long texts
 * clipped, and under ERROR_BODY_MAX_BYTES in all (details are dropped from the end until it is).
 */
export function sendFailure(
  code: ErrorCode,
  message: string,
  extra: { details?: ErrorDetail[]; errorId?: string; requestId?: string } = {},
): FailureEnvelope {
  const error: FailureEnvelope['error'] = { code, message: clip(message, MESSAGE_MAX) };
  const details = (extra.details ?? []).slice(0, LIMITS.ERROR_DETAILS_MAX).map(clipDetail);
  if (details.length) error.details = details;
  if (extra.errorId) error.errorId = extra.errorId;
  if (extra.requestId) error.requestId = clip(extra.requestId, 128);
  const envelope: FailureEnvelope = { success: false, error };
  while (error.details && byteLength(envelope) >= LIMITS.ERROR_BODY_MAX_BYTES) {
    error.details.pop();
    if (!error.details.length) delete error.details;
  }
  return envelope;
}
