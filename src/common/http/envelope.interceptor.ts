import {
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { map, type Observable } from 'rxjs';
import { sendResponse } from '@llms/errors';

const RAW_RESPONSE = 'llms:rawResponse';

/** Marks a handler whose result is sent as is (CSV downloads, Prometheus text). */
export const RawResponse = () => SetMetadata(RAW_RESPONSE, true);

/** Wraps every HTTP handler result in `{success: true, data}`. */
@Injectable()
export class EnvelopeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const raw = this.reflector.getAllAndOverride<boolean>(RAW_RESPONSE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (context.getType() !== 'http' || raw) return next.handle();
    return next.handle().pipe(map((data: unknown) => sendResponse(data ?? {})));
  }
}
