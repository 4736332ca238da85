import { monitorEventLoopDelay } from 'node:perf_hooks';
import { LIMITS } from '@llms/contract';
import type { Json } from '../support/json';
import { startTestApp, type TestApp } from '../support/test-app';
import { api, UserSession } from '../support/user-session';

/** `{"a":{"a":...{"a":1}}}`: an object `levels` deep (one level = one object or array). */
function nested(levels: number): string {
  return '{"a":'.repeat(levels - 1) + '{"a":1}' + '}'.repeat(levels - 1);
}

/** An object with `count` keys. */
function wide(count: number, prefix = 'k'): Record<string, number> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${i}`, 1]));
}

const post = (t: TestApp, path: string, body: string) =>
  fetch(`${t.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });

/**
 * Contract v2 "Limits": JSON deeper than 32 levels or an object with more than 100 keys is
 * VALIDATION_FAILED before any validation library sees it; `details` has at most 20 entries and
 * the error body stays under 4 KiB; no input costs more than a few ms of event-loop time.
 */
describe('input limits (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const expectShapeRefusal = async (response: Response) => {
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(Buffer.byteLength(text)).toBeLessThan(LIMITS.ERROR_BODY_MAX_BYTES);
    const body = JSON.parse(text);
    expect(body).toMatchObject({ success: false, error: { code: 'VALIDATION_FAILED' } });
    return body;
  };

  it('refuses a body nested 5,000 deep with 400 VALIDATION_FAILED (not a 500)', async () => {
    const body = `{"email":"a@b.test","password":"whatever-pass","x":${nested(5000)}}`;
    expect(Buffer.byteLength(body)).toBeLessThan(LIMITS.REST_BODY_MAX_BYTES);
    await expectShapeRefusal(await post(t, '/api/auth/login', body));
  });

  it('refuses 6,500 keys in one object with at most 20 details and a body under 4 KiB', async () => {
    const body = JSON.stringify(wide(6500));
    expect(Buffer.byteLength(body)).toBeLessThan(LIMITS.REST_BODY_MAX_BYTES);
    const refused = await expectShapeRefusal(await post(t, '/api/auth/register', body));
    expect((refused.error.details ?? []).length).toBeLessThanOrEqual(LIMITS.ERROR_DETAILS_MAX);
  });

  it(`refuses ${LIMITS.JSON_KEYS_MAX + 1} keys and lets ${LIMITS.JSON_KEYS_MAX} through to validation`, async () => {
    const over = await expectShapeRefusal(
      await post(t, '/api/auth/login', JSON.stringify(wide(LIMITS.JSON_KEYS_MAX + 1))),
    );
    expect(JSON.stringify(over.error)).not.toContain('k100');
    // 100 keys pass the shape check: the DTO validation answers, naming unknown fields.
    const atLimit = await api(t.url, 'POST', '/api/auth/login', {
      body: wide(LIMITS.JSON_KEYS_MAX),
    });
    expect(atLimit.status).toBe(400);
    expect(atLimit.body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'k0' })]),
    );
  });

  it(`refuses JSON ${LIMITS.JSON_DEPTH_MAX + 1} levels deep and lets ${LIMITS.JSON_DEPTH_MAX} through`, async () => {
    // The body itself is level 1; `x` holds the rest.
    const within = `{"x":${nested(LIMITS.JSON_DEPTH_MAX - 1)}}`;
    const beyond = `{"x":${nested(LIMITS.JSON_DEPTH_MAX)}}`;
    const refused = await expectShapeRefusal(await post(t, '/api/auth/login', beyond));
    expect(refused.error.message).toMatch(/deep/i);
    const passed = (await (await post(t, '/api/auth/login', within)).json()) as Json;
    expect(passed.error.code).toBe('VALIDATION_FAILED');
    expect(passed.error.message).not.toMatch(/deep/i);
    expect(passed.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'x' })]),
    );
  });

  it('counts arrays as levels too', async () => {
    const beyond = '['.repeat(LIMITS.JSON_DEPTH_MAX + 1) + ']'.repeat(LIMITS.JSON_DEPTH_MAX + 1);
    await expectShapeRefusal(await post(t, '/api/auth/login', `{"x":${beyond}}`));
  });

  it('applies the same limits to query strings', async () => {
    const session = await UserSession.register(t.url);
    const query = Array.from({ length: LIMITS.JSON_KEYS_MAX + 1 }, (_, i) => `q${i}=1`).join('&');
    const res = await fetch(`${t.url}/api/classes?${query}`, {
      headers: { cookie: session.cookieHeader() },
    });
    await expectShapeRefusal(res);
  });

  it('keeps every error body under 4 KiB, long field names and values included', async () => {
    const longKeys = Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [`${'n'.repeat(900)}${i}`, 'v'.repeat(200)]),
    );
    const res = await post(t, '/api/auth/register', JSON.stringify(longKeys));
    const body = await expectShapeRefusal(res);
    expect(body.error.details.length).toBeLessThanOrEqual(LIMITS.ERROR_DETAILS_MAX);
  });

  it('stays responsive during a burst of bad requests', async () => {
    const deep = `{"x":${nested(5000)}}`;
    const keys = JSON.stringify(wide(6500));
    const burst = Array.from({ length: 40 }, (_, i) =>
      post(t, '/api/auth/register', i % 2 ? deep : keys).then((r) => r.status),
    );
    const live = (async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push((await fetch(`${t.url}/health/live`)).status);
      }
      return statuses;
    })();
    const [statuses, liveStatuses] = await Promise.all([Promise.all(burst), live]);
    expect(new Set(statuses)).toEqual(new Set([400]));
    expect(liveStatuses).toEqual([200, 200, 200, 200, 200]);
  });

  it('refuses the worst shapes without a long event-loop stall (generous sanity bound)', async () => {
    // The app runs in this process, so its event loop is ours to watch.
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    await expectShapeRefusal(await post(t, '/api/auth/login', `{"x":${nested(5000)}}`));
    await expectShapeRefusal(await post(t, '/api/auth/login', JSON.stringify(wide(6500))));
    delay.disable();
    expect(delay.max / 1e6).toBeLessThan(1000);
  });
});
