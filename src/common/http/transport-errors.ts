import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import type { ErrorCode } from '@llms/contract';
import { AppError, httpStatusOf, sendFailure } from '@llms/errors';
import { toFailure } from '../errors/to-failure';

/**
 * Errors that Fastify and Node answer themselves, before any route (and so before Nest's
 * exception filter), sent in the contract's envelope instead of their own shapes. None of them
 * echoes the request's path or bytes back.
 *
 * - `frameworkErrors`: the router's refusals. A badly encoded URL (`/%ff`) and a path parameter
 *   over `maxParamLength` (100 characters; Fastify's own answer is 414) are 400
 *   VALIDATION_FAILED: the contract has no 414, and no id or code is that long.
 * - `clientErrorHandler`: requests Node's HTTP parser refuses. An unknown method (`FOO`, which
 *   llhttp does not know) is 404 NOT_FOUND, like a known method on a route that lacks it (the
 *   contract has no 405); headers or a request line over Node's limit (its 431), a request that
 *   arrives too slowly (408) and unparsable bytes are 400 VALIDATION_FAILED.
 */
const FRAMEWORK_ERRORS: Record<string, [ErrorCode, string]> = {
  FST_ERR_BAD_URL: ['VALIDATION_FAILED', 'The URL is not validly encoded'],
  FST_ERR_MAX_PARAM_LENGTH: ['VALIDATION_FAILED', 'A path segment of the URL is too long'],
};

export const frameworkErrors: NonNullable<FastifyServerOptions['frameworkErrors']> = (
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
) => {
  const known = FRAMEWORK_ERRORS[error.code];
  const failure = toFailure(known ? new AppError(...known) : error, String(request.id));
  void reply
    .code(failure.status)
    .header('content-type', 'application/json; charset=utf-8')
    .send(failure.body);
};

const CLIENT_ERRORS: Record<string, [ErrorCode, string]> = {
  HPE_INVALID_METHOD: ['NOT_FOUND', 'No such resource'],
  HPE_HEADER_OVERFLOW: ['VALIDATION_FAILED', 'The request line or headers are too large'],
  ERR_HTTP_REQUEST_TIMEOUT: ['VALIDATION_FAILED', 'The request did not arrive in time'],
};

export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [code, message] = CLIENT_ERRORS[error.code ?? ''] ?? [
    'VALIDATION_FAILED',
    'The request is malformed',
  ];
  const status = httpStatusOf(code);
  const body = JSON.stringify(sendFailure(code, message));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : 'Bad Request'}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
