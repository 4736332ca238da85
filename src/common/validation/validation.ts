import { ValidationPipe, type ValidationPipeOptions } from '@nestjs/common';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate } from 'class-validator';
import { AppError, validationDetails } from '@llms/errors';

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true } as const;

/** The global REST validation pipe; failures become VALIDATION_FAILED with field details. */
export function createValidationPipe(): ValidationPipe {
  const options: ValidationPipeOptions = {
    ...OPTIONS,
    transform: true,
    exceptionFactory: (errors) =>
      new AppError('VALIDATION_FAILED', 'The request is invalid', validationDetails(errors)),
  };
  return new ValidationPipe(options);
}

/**
 * Validates a Socket.IO payload with the same DTO classes and rules as REST. Non-object
 * payloads are refused before class-transformer sees them.
 */
export async function validatePayload<T extends object>(
  dto: ClassConstructor<T>,
  payload: unknown,
): Promise<T> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new AppError('VALIDATION_FAILED', 'The payload must be an object');
  }
  const instance = plainToInstance(dto, payload);
  const errors = await validate(instance, OPTIONS);
  if (errors.length) {
    throw new AppError('VALIDATION_FAILED', 'The payload is invalid', validationDetails(errors));
  }
  return instance;
}
