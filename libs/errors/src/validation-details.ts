import type { ValidationError } from 'class-validator';
import type { ErrorDetail } from '@llms/contract';

/** Flattens class-validator errors into `{field, message}` details (nested fields dotted). */
export function validationDetails(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...validationDetails(error.children ?? [], field)];
  });
}
