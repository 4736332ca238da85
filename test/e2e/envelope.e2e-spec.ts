import { startTestApp, type TestApp } from '../support/test-app';
import { json, type Json } from '../support/json';

describe('envelope and framework errors (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('wraps success as {success: true, data}', async () => {
    const response = await fetch(`${t.url}/health/live`);
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ success: true, data: { status: 'ok' } });
  });

  it('answers unknown routes with 404 NOT_FOUND in the envelope', async () => {
    const response = await fetch(`${t.url}/api/does-not-exist`);
    expect(response.status).toBe(404);
    const body = await json(response);
    expect(body).toMatchObject({ success: false, error: { code: 'NOT_FOUND' } });
    expect(typeof body.error.requestId).toBe('string');
  });

  it('answers malformed JSON with 400 VALIDATION_FAILED and no parser text', async () => {
    const response = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email": ',
    });
    expect(response.status).toBe(400);
    const body = await json(response);
    expect(body).toMatchObject({ success: false, error: { code: 'VALIDATION_FAILED' } });
    expect(JSON.stringify(body)).not.toMatch(/Unexpected|JSON at position|SyntaxError/);
  });

  it('answers bodies over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(200_000) }),
    });
    expect(response.status).toBe(413);
    expect(await json(response)).toMatchObject({
      success: false,
      error: { code: 'PAYLOAD_TOO_LARGE' },
    });
  });

  it('echoes a well-formed X-Request-Id and ignores a malformed one', async () => {
    const good = await fetch(`${t.url}/api/nope`, { headers: { 'x-request-id': 'req-12345678' } });
    expect((await json(good)).error.requestId).toBe('req-12345678');
    const bad = await fetch(`${t.url}/api/nope`, { headers: { 'x-request-id': '<script>' } });
    expect((await json(bad)).error.requestId).not.toBe('<script>');
  });

  it('reports readiness of MongoDB and Redis', async () => {
    const response = await fetch(`${t.url}/health/ready`);
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({
      success: true,
      data: { checks: { mongodb: { status: 'up' }, redis: { status: 'up' } } },
    });
  });

  it('serves Swagger UI at /docs and OpenAPI at /docs-json listing every error code', async () => {
    const ui = await fetch(`${t.url}/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
    const openapi = await json(await fetch(`${t.url}/docs-json`));
    expect(openapi.openapi).toMatch(/^3\./);
    expect(
      openapi.components.schemas.FailureEnvelope.properties.error.properties.code.enum,
    ).toContain('CLASS_FULL');
  });

  it('documents a schema for every 2xx answer in OpenAPI (204 excepted)', async () => {
    const openapi = await json(await fetch(`${t.url}/docs-json`));
    const missing: string[] = [];
    for (const [path, operations] of Object.entries(openapi.paths as Record<string, Json>)) {
      for (const [method, operation] of Object.entries(operations as Record<string, Json>)) {
        const ok = Object.entries((operation.responses ?? {}) as Record<string, Json>).filter(
          ([status]) => status.startsWith('2') && status !== '204',
        );
        if (ok.length === 0) missing.push(`${method} ${path}: no 2xx`);
        for (const [status, response] of ok) {
          const contents = Object.values((response.content ?? {}) as Record<string, Json>);
          const documented =
            response.schema || (contents.length > 0 && contents.every((c) => c.schema));
          if (!documented) missing.push(`${method} ${path} ${status}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('exposes Prometheus metrics with HTTP request counts', async () => {
    await fetch(`${t.url}/health/live`);
    const text = await (await fetch(`${t.url}/metrics`)).text();
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toMatch(
      /http_requests_total\{method="GET",route="\/health\/live",status="200"\} \d+/,
    );
  });

  it('sends security headers', async () => {
    const response = await fetch(`${t.url}/health/live`);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('sends exactly the intended CSP: sockets only to this origin (connect-src self)', async () => {
    const csp = (await fetch(`${t.url}/health/live`)).headers.get('content-security-policy');
    expect(csp).toBe(
      [
        "default-src 'self'",
        "base-uri 'self'",
        "font-src 'self' data:",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "img-src 'self' data:",
        "object-src 'none'",
        "script-src 'self'",
        "script-src-attr 'none'",
        "style-src 'self' 'unsafe-inline'",
        "connect-src 'self'",
      ].join(';'),
    );
  });
});
