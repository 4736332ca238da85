import { freePort, startTestApp, testEnv, type TestApp } from '../support/test-app';

/** METRICS_PORT: when set, /metrics is served only there (bound to HOST), never on PORT. */
describe('METRICS_PORT (e2e)', () => {
  describe('set', () => {
    let t: TestApp;
    let metricsUrl: string;
    beforeAll(async () => {
      const port = await freePort();
      metricsUrl = `http://127.0.0.1:${port}`;
      t = await startTestApp(testEnv({ METRICS_PORT: String(port) }));
    });
    afterAll(async () => {
      await t?.close();
    });

    it('serves the Prometheus registry on METRICS_PORT', async () => {
      await fetch(`${t.url}/health/live`);
      const res = await fetch(`${metricsUrl}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/plain');
      const text = await res.text();
      expect(text).toContain('process_cpu_user_seconds_total');
      expect(text).toMatch(
        /http_requests_total\{method="GET",route="\/health\/live",status="200"\}/,
      );
    });

    it('does not serve /metrics on PORT: 404 NOT_FOUND in the envelope', async () => {
      const res = await fetch(`${t.url}/metrics`);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ success: false, error: { code: 'NOT_FOUND' } });
    });

    it('serves nothing else on METRICS_PORT', async () => {
      expect((await fetch(`${metricsUrl}/api/users/me`)).status).toBe(404);
      expect((await fetch(`${metricsUrl}/metrics`, { method: 'POST' })).status).toBe(404);
    });

    it('closes the metrics server with the app', async () => {
      const port = await freePort();
      const app = await startTestApp(testEnv({ METRICS_PORT: String(port) }));
      expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(200);
      await app.close();
      await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
    });
  });

  describe('unset', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(testEnv());
    });
    afterAll(async () => {
      await t?.close();
    });

    it('serves /metrics on PORT as before', async () => {
      const res = await fetch(`${t.url}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('process_cpu_user_seconds_total');
    });
  });
});
