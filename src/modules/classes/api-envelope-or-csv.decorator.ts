import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiProduces, ApiResponse, getSchemaPath } from '@nestjs/swagger';

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
        'application/json': {
          schema: {
            type: 'object',
            required: ['success', 'data'],
            properties: {
              success: { type: 'boolean', enum: [true] },
              data: { $ref: getSchemaPath(model) },
            },
          },
        },
        'text/csv': { schema: { type: 'string' }, example: csvExample },
      },
    }),
  );
}
