import { connect as tcpConnect } from 'node:net';
import { request } from 'node:http';
import { startTestApp, type TestApp } from '../support/test-app';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One request with node:http, which (unlike fetch) sends any method and any path bytes. */
function raw(
  t: TestApp,
  method: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const { port } = new URL(t.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Bytes written straight to the socket, for requests node:http refuses to send. */
function rawBytes(t: TestApp, bytes: string): Promise<RawResponse> {
  const { port } = new URL(t.url);
  return new Promise((resolve, reject) => {
    const socket = tcpConnect(Number(port), '127.0.0.1', () => socket.end(bytes));
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head, ...body] = data.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      const headers: Record<string, string> = {};
      for (const line of head.split('\r\n').slice(1)) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status, headers, text: body.join('\r\n\r\n') });
    });
  });
}

/**
 * Every transport-level error uses the envelope (contract: unknown routes, unknown methods,
 * over-long or badly encoded URLs...) and never echoes the request's path back.
 */
describe('transport errors use the envelope (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const expectEnvelope = (res: RawResponse, status: number, code: string, secret?: string) => {
    expect([res.status, res.headers['content-type']]).toEqual([
      status,
      expect.stringContaining('application/json'),
    ]);
    const body = JSON.parse(res.text);
    expect(body).toEqual({
      success: false,
      error: expect.objectContaining({ code, message: expect.any(String) }),
    });
    expect(Object.keys(body.error).sort()).toEqual(expect.arrayContaining(['code', 'message']));
    if (secret) expect(res.text).not.toContain(secret);
    expect(res.text).not.toMatch(/FST_|statusCode/);
  };

  it('a path parameter over 100 characters: 400 VALIDATION_FAILED, the path not echoed', async () => {
    const long = 'abcdef'.repeat(30);
    // POST: with the web client built, a GET falls back to the SPA's catch-all (an envelope 404).
    const res = await raw(t, 'POST', `/api/classes/${long}/start`);
    expectEnvelope(res, 400, 'VALIDATION_FAILED', long);
  });

  it('a badly encoded URL: 400 VALIDATION_FAILED, the path not echoed', async () => {
    expectEnvelope(await raw(t, 'GET', '/%ff'), 400, 'VALIDATION_FAILED', '%ff');
    expectEnvelope(await raw(t, 'GET', '/api/classes/%E0%A4%A'), 400, 'VALIDATION_FAILED', '%A4');
  });

  it('an unknown HTTP method: 404 NOT_FOUND', async () => {
    expectEnvelope(await raw(t, 'FOO', '/api/users/me'), 404, 'NOT_FOUND', '/api/users/me');
    expectEnvelope(await raw(t, 'PROPFIND', '/health/live'), 404, 'NOT_FOUND', '/health/live');
  });

  it('a known method on a route that lacks it: 404 NOT_FOUND', async () => {
    expectEnvelope(await raw(t, 'DELETE', '/health/live'), 404, 'NOT_FOUND', '/health/live');
  });

  it('OPTIONS without Origin: 404 NOT_FOUND in the envelope (not a preflight)', async () => {
    expectEnvelope(await raw(t, 'OPTIONS', '/api/users/me'), 404, 'NOT_FOUND', '/api/users/me');
  });

  it('a real CORS preflight from an allowed origin still answers 204 with the CORS headers', async () => {
    const res = await raw(t, 'OPTIONS', '/api/auth/login', {
      origin: t.url,
      'access-control-request-method': 'POST',
    });
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(t.url);
  });

  it('OPTIONS from an allowed origin without a requested method: an empty 204, not plain text', async () => {
    const res = await raw(t, 'OPTIONS', '/api/auth/login', { origin: t.url });
    expect([res.status, res.text]).toEqual([204, '']);
  });

  it('OPTIONS from an origin that is not allowed: 404 NOT_FOUND, no CORS headers', async () => {
    const res = await raw(t, 'OPTIONS', '/api/auth/login', {
      origin: 'https://evil.example',
      'access-control-request-method': 'POST',
    });
    expectEnvelope(res, 404, 'NOT_FOUND', 'evil');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('a request line Node cannot parse: 400 VALIDATION_FAILED in the envelope', async () => {
    const res = await rawBytes(t, 'GET /he llo HTTP/1.1\r\nHost: x\r\n\r\n');
    expectEnvelope(res, 400, 'VALIDATION_FAILED', 'he llo');
  });

  it('headers over the size limit: 400 VALIDATION_FAILED in the envelope, not echoed', async () => {
    const path = `/api/${'x'.repeat(20_000)}`;
    const res = await rawBytes(t, `GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expectEnvelope(res, 400, 'VALIDATION_FAILED', 'xxxxxxxxxx');
  });

  it('an unknown route keeps 404 NOT_FOUND without echoing the path', async () => {
    expectEnvelope(await raw(t, 'GET', '/api/secret-path-x'), 404, 'NOT_FOUND', 'secret-path-x');
  });
});
