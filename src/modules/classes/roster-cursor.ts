import { isCanonicalId } from '@llms/contract';
import { AppError } from '@llms/errors';

/**
 * Where the next page of a live roster begins: an HSCAN cursor of the class's open stays and,
 * when the previous page ended inside that cursor's batch, the last participant it listed (the
 * batch is sorted by join time, then user id). Opaque to clients: base64url of
 * `r1.<scan>[.<joinedAt in base 36>.<userId>]`, validated on the way back in.
 */
export interface RosterCursor {
  scan: string;
  after: { joinedAt: number; userId: string } | null;
}

const MAX_LENGTH = 128;
const PATTERN = /^r1\.(\d{1,20})(?:\.([0-9a-z]{1,11})\.([0-9a-f]{24}))?$/;

export function encodeRosterCursor({ scan, after }: RosterCursor): string {
  const text = after ? `r1.${scan}.${after.joinedAt.toString(36)}.${after.userId}` : `r1.${scan}`;
  return Buffer.from(text).toString('base64url');
}

/** The cursor a client sent back; the start of the roster without one. */
export function decodeRosterCursor(cursor: string | undefined): RosterCursor {
  if (cursor === undefined) return { scan: '0', after: null };
  const text =
    cursor.length <= MAX_LENGTH && /^[A-Za-z0-9_-]+$/.test(cursor)
      ? Buffer.from(cursor, 'base64url').toString('utf8')
      : '';
  const match = PATTERN.exec(text);
  if (!match) throw invalidCursor();
  const [, scan, joinedAt, userId] = match;
  if (joinedAt === undefined) return { scan, after: null };
  const at = parseInt(joinedAt, 36);
  if (!Number.isSafeInteger(at) || !isCanonicalId(userId)) throw invalidCursor();
  return { scan, after: { joinedAt: at, userId } };
}

const invalidCursor = () =>
  new AppError('VALIDATION_FAILED', 'cursor must be a nextCursor returned by this endpoint', [
    { field: 'cursor', message: 'cursor must be a nextCursor returned by this endpoint' },
  ]);
