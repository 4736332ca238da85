import { ApiResponse } from '@nestjs/swagger';

/** The components schema of `{success: false, error}` (added by `setupSwagger`). */
export const FAILURE_ENVELOPE_REF = '#/components/schemas/FailureEnvelope';

/**
 * Documents one failure of a route: its HTTP status and, in the description, the error codes it
 * answers with. The body is the failure envelope.
 */
export function ApiFailure(status: number, description: string) {
  return ApiResponse({
    status,
    description,
    content: { 'application/json': { schema: { $ref: FAILURE_ENVELOPE_REF } } },
  });
}
