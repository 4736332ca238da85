import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const SAFE_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * The request id: a well-formed `X-Request-Id` set by a trusted proxy, else a fresh UUID.
 * Stored on the raw request so Fastify and pino-http (which reuses `req.id`) log the same id.
 */
export function requestIdOf(request: IncomingMessage): string {
  const header = request.headers['x-request-id'];
  const id = typeof header === 'string' && SAFE_ID.test(header) ? header : randomUUID();
  (request as IncomingMessage & { id?: string }).id = id;
  return id;
}
