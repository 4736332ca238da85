import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toFailure } from './to-failure';

/** The one HTTP exception filter: every error leaves as the contract's envelope. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger(AllExceptionsFilter.name);

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const failure = toFailure(exception, String(request.id));
    if (failure.unexpected) {
      this.logger.error(
        { err: failure.unexpected.error, errorId: failure.unexpected.errorId, reqId: request.id },
        'Unexpected error',
      );
    }
    const reply = http.getResponse<FastifyReply>();
    // A route may have set another type (`@Header('Content-Type', 'text/csv')`) before it threw.
    reply.header('content-type', 'application/json; charset=utf-8');
    this.adapterHost.httpAdapter.reply(reply, failure.body, failure.status);
  }
}
