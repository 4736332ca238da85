import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ERROR_CODES, LIMITS } from '@llms/contract';
import { httpStatusOf } from '@llms/errors';

const ERROR_TABLE = ERROR_CODES.map((code) => `| \`${code}\` | ${httpStatusOf(code)} |`).join('\n');

const DESCRIPTION = `
Live classes, presence, comments and exactly-once attendance.

**Envelope.** Every response body is \`{"success": true, "data": {...}}\` or
\`{"success": false, "error": {"code", "message", "details"?, "errorId"?, "requestId"?}}\`,
errors answered before any route included (unknown routes and methods, badly encoded or over-long
URLs, malformed requests). An unknown HTTP method is \`404 NOT_FOUND\`, like a route that lacks
the method. Error bodies never echo the request's path.

**Auth.** Cookies only: \`access_token\` (JWT, about 15 minutes) and \`refresh_token\` (opaque,
path \`/api/auth\`, rotated on every refresh). Register or log in, then send the \`csrfToken\` you
received as \`X-CSRF-Token\` on every POST/PUT/PATCH/DELETE except register and login. Login is
limited per client IP and per email; a browser that signed in to the account before (its
\`device_token\` cookie) is limited per device cookie instead of per email.

**Sessions and sockets.** A socket lives no longer than its session (the refresh-token family):
logout, refresh-token reuse and the session's expiry send \`SESSION_ENDED\` \`{reason}\`
(\`LOGGED_OUT\`, \`REVOKED\`, \`EXPIRED\`) and close every socket of the session on every
instance within 5 s. An access token that expires while its session lives does not close the
socket (the handshake checked it; refresh over REST as usual).

**Limits.** REST bodies at most ${LIMITS.REST_BODY_MAX_BYTES / 1024} KiB (\`413 PAYLOAD_TOO_LARGE\`).
JSON (bodies and query strings) nested deeper than ${LIMITS.JSON_DEPTH_MAX} levels, or an object with
more than ${LIMITS.JSON_KEYS_MAX} keys, is \`400 VALIDATION_FAILED\` before validation. \`details\`
lists at most ${LIMITS.ERROR_DETAILS_MAX} entries and an error body stays under
${LIMITS.ERROR_BODY_MAX_BYTES / 1024} KiB.

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
            maxItems: LIMITS.ERROR_DETAILS_MAX,
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
