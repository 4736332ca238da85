/**
 * Input limits of the public contract, shared by the server (DTOs, guards, the socket layer),
 * the web client (form hints) and the tests, so each number is written once.
 */
export const LIMITS = {
  /** A user's display name, after trimming. */
  NAME_MAX: 100,
  EMAIL_MAX: 254,
  PASSWORD_MIN: 8,
  PASSWORD_MAX: 128,
  /** A class title, after trimming. */
  TITLE_MAX: 200,
  CAPACITY_MIN: 1,
  CAPACITY_MAX: 10_000,
  /** A comment, after trimming (1 to this many characters). */
  COMMENT_MAX_LENGTH: 500,
  /** Comments a JOIN_CLASS ack (and a live class's comment list) carries. */
  RECENT_COMMENTS_KEPT: 50,
  /** Largest REST body; larger is 413 PAYLOAD_TOO_LARGE. */
  REST_BODY_MAX_BYTES: 64 * 1024,
  /** Largest Socket.IO packet a client may send. */
  SOCKET_PAYLOAD_MAX_BYTES: 16 * 1024,
  /** JSON nested deeper than this is VALIDATION_FAILED before any validation library runs. */
  JSON_DEPTH_MAX: 32,
  /** An object with more keys than this is VALIDATION_FAILED before any validation library runs. */
  JSON_KEYS_MAX: 100,
  /** At most this many entries in `error.details`. */
  ERROR_DETAILS_MAX: 20,
  /** An error body stays under this many bytes. */
  ERROR_BODY_MAX_BYTES: 4 * 1024,
  /** Per socket: sustained events per second, and the burst allowed on top. */
  SOCKET_EVENTS_PER_SECOND: 20,
  SOCKET_EVENTS_BURST: 40,
  /** Page sizes of the paged lists. */
  CLASSES_PAGE_MAX: 100,
  PARTICIPANTS_PAGE_MAX: 500,
  COMMENTS_PAGE_MAX: 500,
  /** Points of the participant-count timeline in the class analytics. */
  TIMELINE_POINTS_MAX: 500,
} as const;

/** The only accepted form of an id: 24 lower-case hex characters (a MongoDB ObjectId). */
export const ID_PATTERN = /^[0-9a-f]{24}$/;

/** True when `value` is an id in its canonical form (anything else is treated as not found). */
export function isCanonicalId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

/** Join codes: 10 symbols of an alphabet without look-alikes (0/O, 1/I/L). */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 10;
export const JOIN_CODE_PATTERN = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`);
