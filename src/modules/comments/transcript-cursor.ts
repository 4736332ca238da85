import { AppError } from '@llms/errors';

/**
 * The opaque cursor of a transcript page: the sequence number of the page's last comment, as
 * `t1.<seq in base 36>` in base64url. Clients pass back what they received; anything else is
 * VALIDATION_FAILED, never a database query.
 */
const PREFIX = 't1.';
const MAX_LENGTH = 64;

export function encodeTranscriptCursor(seq: number): string {
  return Buffer.from(`${PREFIX}${seq.toString(36)}`).toString('base64url');
}

/** The sequence number a cursor points after (0 without a cursor). */
export function decodeTranscriptCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const text =
    cursor.length <= MAX_LENGTH && /^[A-Za-z0-9_-]+$/.test(cursor)
      ? Buffer.from(cursor, 'base64url').toString('utf8')
      : '';
  const match = /^t1\.([0-9a-z]{1,11})$/.exec(text);
  const seq = match ? parseInt(match[1], 36) : NaN;
  if (!Number.isSafeInteger(seq) || seq < 1) {
    throw new AppError(
      'VALIDATION_FAILED',
      'cursor must be a nextCursor returned by this endpoint',
      [{ field: 'cursor', message: 'cursor must be a nextCursor returned by this endpoint' }],
    );
  }
  return seq;
}
