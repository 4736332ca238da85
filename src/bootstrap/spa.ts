import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { LoggerService } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Paths that belong to the server. An unknown path under one of them is never the SPA: it keeps
 * the server's envelope 404.
 */
const SERVER_PREFIXES = ['/api', '/docs', '/docs-json', '/docs-yaml', '/health', '/metrics', '/ws'];

/** A last path segment with a file extension asks for a file; a missing file is a 404, not the SPA. */
const FILE_LIKE = /\/[^/]*\.[a-z0-9]{1,8}$/i;

/** Hashed build output under /assets never changes; everything else is revalidated. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

function pathnameOf(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

export function isServerPath(pathname: string): boolean {
  return SERVER_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/**
 * web/dist relative to this file: `src/bootstrap` when run from sources (ts-jest, ts-node),
 * `dist/src/bootstrap` when run from the build.
 */
export function findWebDist(from: string = __dirname): string | null {
  let dir = from;
  for (let depth = 0; depth < 5; depth += 1) {
    const candidate = join(dir, 'web', 'dist');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}

/**
 * Serves the web client (web/dist, built by `npm run build`) from the API's origin: its files as
 * they are, and index.html for `/` and every deep link (`/join/<code>`, `/classes/<id>`, ...).
 * Server paths (`/api`, `/docs`, `/health`, `/metrics`, `/ws`) keep their own routes and their
 * envelope 404s. Without a build the server still starts and says so in the log.
 */
export async function registerSpa(
  app: NestFastifyApplication,
  logger: LoggerService,
  root: string | null = findWebDist(),
): Promise<void> {
  if (!root) {
    logger.warn(
      'web/dist/index.html not found: the web client is not served (run `npm run build`)',
      'Spa',
    );
    return;
  }
  const indexHtml = readFileSync(join(root, 'index.html'));

  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    // One route per built file (globbed now), so no catch-all competes with the API's routes.
    wildcard: false,
    index: false,
    decorateReply: false,
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header('Cache-Control', path.startsWith(join(root, 'assets')) ? IMMUTABLE : REVALIDATE);
    },
  });

  const sendIndex = (_request: FastifyRequest, reply: FastifyReply) =>
    reply.header('Cache-Control', REVALIDATE).type('text/html; charset=utf-8').send(indexHtml);

  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/', sendIndex);
  fastify.get('/*', (request, reply) => {
    const pathname = pathnameOf(request.url);
    if (isServerPath(pathname) || FILE_LIKE.test(pathname)) return reply.callNotFound();
    return sendIndex(request, reply);
  });
  logger.log(`Serving the web client from ${root}`, 'Spa');
}
