import type { FastifyInstance } from 'fastify';
import { assertJsonShape } from './json-shape';

/**
 * Applies `assertJsonShape` to every REST request's parsed body and query object, in Fastify's
 * `preValidation` hook: after the body parser, before Nest's guards, pipes (class-transformer,
 * class-validator) and handlers. A hook rather than a wrapper of the global ValidationPipe
 * because it covers every route (with or without a DTO, Nest or plain Fastify) and refuses a bad
 * shape before any guard spends a Redis round trip on it. Its AppError reaches the client through
 * Nest's exception filter as 400 VALIDATION_FAILED, like any other.
 */
export function registerJsonShapeCheck(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', (request, _reply, done) => {
    try {
      assertJsonShape(request.body);
      assertJsonShape(request.query);
      done();
    } catch (error) {
      done(error as Error);
    }
  });
}
