import { ValidationPipe, type ValidationPipeOptions } from '@nestjs/common';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate } from 'class-validator';
import { AppError, validationDetails } from '@llms/errors';
import { assertJsonShape } from './json-shape';

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
 * payloads, and payloads deeper or wider than the contract's limits, are refused before
 * class-transformer sees them (as REST bodies are, by the json-shape hook).
 */
export async function validatePayload<T extends object>(
  dto: ClassConstructor<T>,
  payload: unknown,
): Promise<T> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new AppError('VALIDATION_FAILED', 'The payload must be an object');
  }
  assertJsonShape(payload);
  const instance = plainToInstance(dto, payload);
  const errors = await validate(instance, OPTIONS);
  if (errors.length) {
    throw new AppError('VALIDATION_FAILED', 'The payload is invalid', validationDetails(errors));
  }
  return instance;
}
