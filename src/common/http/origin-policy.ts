import { Logger } from '@nestjs/common';
import { normalizeOrigin } from '../../config/cors-origins';

/**
 * The one origin check for REST CORS and the Socket.IO handshake: is this `Origin` header one of
 * CORS_ORIGINS? A refused origin is logged once (warn), naming the variable to set, so a newcomer
 * whose browser shows a blank page or a socket that never connects learns why from the server log.
 * Only the first `MAX_REMEMBERED` distinct origins are logged: anyone can send any Origin, and a
 * flood of made-up ones must not grow memory or the log.
 */
const MAX_REMEMBERED = 100;
const logger = new Logger('OriginPolicy');
const refused = new Set<string>();

function noteRefusal(origin: string, allowed: readonly string[]): void {
  if (refused.has(origin) || refused.size > MAX_REMEMBERED) return;
  refused.add(origin);
  if (refused.size > MAX_REMEMBERED) {
    logger.warn(`More than ${MAX_REMEMBERED} origins refused; further ones are not logged`);
    return;
  }
  logger.warn(
    `Refused origin ${JSON.stringify(origin)}: it is not in CORS_ORIGINS (${allowed.join(', ')}). ` +
      'If users open the app there, add it to CORS_ORIGINS (comma-separated) or set PUBLIC_URL to it.',
  );
}

/** True when `origin` is allowed; a missing Origin header is refused (and not logged). */
export function isOriginAllowed(allowed: readonly string[], origin: string | undefined): boolean {
  if (!origin) return false;
  const normalized = normalizeOrigin(origin);
  if (allowed.includes(normalized)) return true;
  noteRefusal(normalized.slice(0, 200), allowed);
  return false;
}

/** Forgets which origins were logged (for tests). */
export function resetRefusedOrigins(): void {
  refused.clear();
}
