import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';

/** The OpenAPI schema of the success envelope `{success: true, data: <model>}`. */
export function envelopeSchema(model: Type<unknown>) {
  return {
    type: 'object',
    required: ['success', 'data'],
    properties: {
      success: { type: 'boolean', enum: [true] },
      data: { $ref: getSchemaPath(model) },
    },
  };
}

/**
 * Documents a route's success body as the envelope `{success: true, data: <model>}`
 * (novu's ApiResponse pairing), so /docs shows what clients really receive.
 */
export function ApiEnvelope(model: Type<unknown>, status = 200, description?: string) {
  return applyDecorators(
    ApiExtraModels(model),
    ApiResponse({
      status,
      description,
      schema: envelopeSchema(model),
    }),
  );
}
