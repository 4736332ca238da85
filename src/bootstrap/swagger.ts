import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ERROR_CODES } from '@llms/contract';
import { httpStatusOf } from '@llms/errors';

const ERROR_TABLE = ERROR_CODES.map((code) => `| \`${code}\` | ${httpStatusOf(code)} |`).join('\n');

const DESCRIPTION = `
Live classes, presence, comments and exactly-once attendance.

**Envelope.** Every response body is \`{"success": true, "data": {...}}\` or
\`{"success": false, "error": {"code", "message", "details"?, "errorId"?, "requestId"?}}\`.

**Auth.** Cookies only: \`access_token\` (JWT) and \`refresh_token\` (opaque, path \`/api/auth\`).
Register or log in, then send the \`csrfToken\` you received as \`X-CSRF-Token\` on every
POST/PUT/PATCH/DELETE except register and login.

**Real time.** Socket.IO on path \`/ws\`; the events are described on the
[AsyncAPI page](/docs/asyncapi) (the document itself: [/docs/asyncapi.yaml](/docs/asyncapi.yaml)).

| error code | HTTP |
| --- | --- |
${ERROR_TABLE}
`;

/** Serves Swagger UI at /docs and the OpenAPI JSON at /docs-json. */
export function setupSwagger(app: NestFastifyApplication): void {
  const config = new DocumentBuilder()
    .setTitle('LLMS API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .setExternalDoc(
      'The real-time channel (Socket.IO on /ws), as an AsyncAPI page',
      '/docs/asyncapi',
    )
    .addCookieAuth('access_token', { type: 'apiKey', in: 'cookie', name: 'access_token' })
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-CSRF-Token' }, 'csrf')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  const failure = {
    type: 'object',
    required: ['success', 'error'],
    properties: {
      success: { type: 'boolean', enum: [false] },
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string', enum: [...ERROR_CODES] },
          message: { type: 'string' },
          details: {
            type: 'array',
            items: {
              type: 'object',
              properties: { field: { type: 'string' }, message: { type: 'string' } },
            },
          },
          errorId: { type: 'string' },
          requestId: { type: 'string' },
        },
      },
    },
  };
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, FailureEnvelope: failure },
  };
  for (const path of Object.values(document.paths)) {
    for (const operation of Object.values(path)) {
      if (typeof operation !== 'object' || !operation || !('responses' in operation)) continue;
      operation.responses.default ??= {
        description: 'Any failure: the envelope with a stable error code',
        content: {
          'application/json': { schema: { $ref: '#/components/schemas/FailureEnvelope' } },
        },
      };
    }
  }
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
  });
}
