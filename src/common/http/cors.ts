import type { FastifyCorsOptions } from '@fastify/cors';
import { isOriginAllowed } from './origin-policy';

/**
 * REST CORS for CORS_ORIGINS, with credentials, decided by the one origin policy (which logs a
 * refused origin once). A request whose `Origin` is absent or not allowed gets no CORS headers
 * at all, so an `OPTIONS` that is no preflight of an allowed origin falls through to the router
 * and answers the envelope's 404 instead of @fastify/cors's plain-text 400. A preflight of an
 * allowed origin answers 204 with the CORS headers (not strict about
 * `Access-Control-Request-Method`: such an OPTIONS is harmless).
 */
export function corsOptions(allowedOrigins: readonly string[]): FastifyCorsOptions {
  return {
    origin: (origin, callback) =>
      callback(null, origin && isOriginAllowed(allowedOrigins, origin) ? origin : false),
    credentials: true,
    strictPreflight: false,
  };
}
