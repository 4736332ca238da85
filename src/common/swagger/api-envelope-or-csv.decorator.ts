import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiProduces, ApiResponse } from '@nestjs/swagger';
import { envelopeSchema } from './api-envelope.decorator';

/**
 * Documents a route that answers the envelope `{success: true, data: <model>}` as JSON, or a
 * CSV download (`?format=csv`) as text/csv, in one 200 response with both media types.
 */
export function ApiEnvelopeOrCsv(model: Type<unknown>, csvExample: string, description: string) {
  return applyDecorators(
    ApiExtraModels(model),
    ApiProduces('application/json', 'text/csv'),
    ApiResponse({
      status: 200,
      description,
      content: {
        'application/json': { schema: envelopeSchema(model) },
        'text/csv': { schema: { type: 'string' }, example: csvExample },
      },
    }),
  );
}
