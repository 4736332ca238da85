/**
 * The AsyncAPI page (/docs/asyncapi) in Chromium, served by the built app (`node
 * dist/src/main.js`, as in the image, whose node_modules has no dev dependencies): it renders the
 * document from files of this server only, under its Content-Security-Policy, with no console
 * error, and shows the server host taken from PUBLIC_URL. Every other route keeps the app's
 * stricter policy.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { ASYNCAPI_UI_ASSETS } from '../../src/modules/docs/asyncapi-page';
import { spawnApp, type ChildServer } from '../support/processes';
import { testEnv } from '../support/test-app';
import { Actor, launchBrowser, ROOT } from './support/browser';

jest.setTimeout(120_000);

describe('AsyncAPI page', () => {
  let app: ChildServer;
  let browser: Browser;

  beforeAll(async () => {
    app = await spawnApp(testEnv());
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('ships its browser files with the build', () => {
    for (const name of Object.keys(ASYNCAPI_UI_ASSETS))
      expect(existsSync(join(ROOT, 'dist', 'asyncapi-ui', name))).toBe(true);
  });

  it('renders the document from local files under its CSP, without console errors', async () => {
    const actor = await Actor.open(browser, 'reader', app.url);
    const requested: string[] = [];
    const failed: string[] = [];
    actor.page.on('request', (request) => requested.push(request.url()));
    actor.page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    try {
      const response = await actor.page.goto('/docs/asyncapi');
      expect(response?.status()).toBe(200);
      const root = actor.page.locator('#asyncapi');
      await root.getByText('JOIN_CLASS').first().waitFor({ timeout: 30_000 });
      await root.getByText(new URL(app.url).host).first().waitFor();
      await actor.screenshot('asyncapi-page.png');

      expect(actor.consoleErrors).toEqual([]);
      expect(failed).toEqual([]);
      const origin = new URL(app.url).origin;
      expect(
        requested.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:')),
      ).toEqual([]);
      expect(requested).toEqual(
        expect.arrayContaining([
          `${origin}/docs/asyncapi/asyncapi-ui.js`,
          `${origin}/docs/asyncapi/asyncapi-ui.css`,
          `${origin}/docs/asyncapi/page.js`,
          `${origin}/docs/asyncapi.yaml`,
        ]),
      );
    } finally {
      await actor.close();
    }
  });

  it("keeps the app's CSP (no 'unsafe-eval') everywhere else", async () => {
    for (const path of ['/', '/docs', '/docs/asyncapi.yaml', '/health/live']) {
      const csp = (await fetch(`${app.url}${path}`)).headers.get('content-security-policy') ?? '';
      expect({ path, scriptSrc: /script-src 'self'(;|$)/.test(csp) }).toEqual({
        path,
        scriptSrc: true,
      });
    }
  });
});
