import { BadRequestException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { AppError } from '@llms/errors';
import { toFailure } from './to-failure';

describe('toFailure', () => {
  it('keeps an AppError code, message and details', () => {
    const failure = toFailure(
      new AppError('CLASS_FULL', 'The class is full', [{ message: 'x' }]),
      'req-1',
    );
    expect(failure).toEqual({
      status: 409,
      body: {
        success: false,
        error: {
          code: 'CLASS_FULL',
          message: 'The class is full',
          details: [{ message: 'x' }],
          requestId: 'req-1',
        },
      },
    });
  });

  it.each([
    [new NotFoundException(), 404, 'NOT_FOUND'],
    [new BadRequestException('Unexpected token } in JSON'), 400, 'VALIDATION_FAILED'],
    [new PayloadTooLargeException(), 413, 'PAYLOAD_TOO_LARGE'],
    [Object.assign(new Error('Body is too large'), { statusCode: 413 }), 413, 'PAYLOAD_TOO_LARGE'],
    [
      Object.assign(new Error('Unsupported Media Type'), { statusCode: 415 }),
      400,
      'VALIDATION_FAILED',
    ],
  ])('maps framework error %p to %i %s without its text', (error, status, code) => {
    const failure = toFailure(error);
    expect([failure.status, failure.body.error.code]).toEqual([status, code]);
    expect(failure.body.error.message).not.toContain('Unexpected token');
  });

  it.each([
    Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:27017'), {
      name: 'MongoServerSelectionError',
    }),
    new Error('Operation `classes.findOne()` buffering timed out after 10000ms'),
    Object.assign(new Error('Reached the max retries per request limit'), {
      name: 'MaxRetriesPerRequestError',
    }),
  ])('answers an unreachable database with 503 SERVICE_UNAVAILABLE (%p)', (error) => {
    const failure = toFailure(error);
    expect([failure.status, failure.body.error.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);
    expect(JSON.stringify(failure.body)).not.toMatch(/27017|buffering|retries/);
  });

  it('turns anything else into INTERNAL_ERROR with an errorId and no internal text', () => {
    const failure = toFailure(new TypeError('Cannot read properties of undefined (reading "x")'));
    expect(failure.status).toBe(500);
    expect(failure.body.error.code).toBe('INTERNAL_ERROR');
    expect(failure.body.error.errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(failure.unexpected?.errorId).toBe(failure.body.error.errorId);
    expect(JSON.stringify(failure.body)).not.toContain('Cannot read');
  });
});
