/**
 * The web client is served from the API's origin without disturbing the API, and its auth screens
 * work against the real auth module: sign up, reload (CSRF re-fetched), sign out, sign in, a
 * transparent refresh of an expired access token, and sign-in keeping the page when the session is gone.
 */
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { findWebDist, registerSpa } from '../../src/bootstrap/spa';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  assertWebBuilt,
  expectAccessible,
  PASSWORD,
  ROOT,
  signUpThroughUi,
  uniqueEmail,
  browserSuite,
} from './support/browser';

jest.setTimeout(120_000);

/** Responses the browser itself reports for statuses these tests provoke on purpose. */
const EXPECTED_STATUS = /Failed to load resource: the server responded with a status of (401|409)/;

describe('web client served by the API server', () => {
  let app: TestApp;

  beforeAll(async () => {
    assertWebBuilt();
    app = await startTestApp();
  });
  afterAll(() => app?.close());

  it('serves index.html at / and for deep links, under the CSP', async () => {
    for (const path of [
      '/',
      '/join/AbC123',
      '/classes/64b000000000000000000000',
      '/signin?next=%2Fclasses',
    ]) {
      const res = await fetch(app.url + path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      const html = await res.text();
      expect(html).toContain('<div id="app"></div>');
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline scripts
    }
  });

  it('serves the hashed assets with a long cache', async () => {
    const js = readdirSync(join(ROOT, 'web', 'dist', 'assets')).find((file) =>
      file.endsWith('.js'),
    )!;
    const res = await fetch(`${app.url}/assets/${js}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
    expect(res.headers.get('cache-control')).toContain('immutable');
  });

  it('keeps API, docs, health and metrics routes, and envelope 404s for unknown server paths', async () => {
    expect((await fetch(`${app.url}/health/live`)).status).toBe(200);
    expect((await fetch(`${app.url}/docs-json`)).headers.get('content-type')).toContain(
      'application/json',
    );
    expect((await fetch(`${app.url}/metrics`)).status).toBe(200);
    const csrf = await fetch(`${app.url}/api/auth/csrf`);
    expect(csrf.status).toBe(401);
    for (const path of [
      '/api/nope',
      '/api/classes-nope/x',
      '/health/nope',
      '/assets/missing.js',
      '/favicon.ico',
    ]) {
      const res = await fetch(app.url + path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      const body = (await res.json()) as { success: boolean; error: { code: string } };
      expect(body).toMatchObject({ success: false, error: { code: 'NOT_FOUND' } });
    }
    const post = await fetch(`${app.url}/join/AbC123`, { method: 'POST' });
    expect(post.status).toBe(404);
  });
});

describe('web client not built', () => {
  it('lets the server start without web/dist, with a warning', async () => {
    expect(findWebDist(tmpdir())).toBeNull();
    expect(findWebDist()).toBe(join(ROOT, 'web', 'dist'));
    const warn = jest.fn();
    const register = jest.fn();
    const app = { register } as unknown as NestFastifyApplication;
    await registerSpa(app, { warn, log: jest.fn(), error: jest.fn() }, null);
    expect(register).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('web/dist/index.html not found'),
      'Spa',
    );
  });
});

describe('auth screens', () => {
  // Short-lived access tokens, so the transparent refresh is exercised for real.
  const suite = browserSuite({ ACCESS_TOKEN_TTL_SECONDS: '3' });
  const open = (name: string) => suite.open(name);

  it('signs up, survives a reload, signs out, refuses a wrong password, signs in', async () => {
    const ada = await open('ada');
    const { page } = ada;
    const email = uniqueEmail('ada');

    // A signed-out visitor is sent to sign in, keeping the page they wanted.
    await page.goto('/classes');
    await page.waitForURL('**/signin?next=%2Fclasses');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await ada.screenshot('01-sign-in.png');
    await expectAccessible(ada, 'sign in');
    // Keyboard: after the redirect, focus is on the screen's heading; Tab walks the form in order.
    const focused = () =>
      page.evaluate(
        `(() => { const el = document.activeElement; return el.id || el.textContent.trim(); })()`,
      );
    expect(await focused()).toBe('Sign in');
    const order: unknown[] = [];
    for (let i = 0; i < 4; i += 1) {
      await page.keyboard.press('Tab');
      order.push(await focused());
    }
    expect(order).toEqual(['email', 'password', 'Sign in', 'Create an account']);

    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.waitForURL('**/signup?next=%2Fclasses');
    // Client-side checks first: nothing filled in.
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByText('Enter your name.').waitFor();
    await expectFocused(page, 'name');
    await expectAccessible(ada, 'sign up with errors');
    await page.getByLabel('Name').fill('Ada Lovelace');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('checkbox', { name: /Teacher/ }).check();
    await ada.screenshot('02-sign-up.png');
    await page.getByRole('button', { name: 'Sign up' }).click();

    await page.waitForURL('**/classes');
    await page.getByRole('heading', { name: 'My classes' }).waitFor();
    await page.getByText('You have no classes yet').waitFor();
    await expectAccessible(ada, 'my classes, empty');

    // After a reload the CSRF token is fetched again: a POST still works.
    await page.reload();
    await page.getByRole('heading', { name: 'My classes' }).waitFor();
    await page.getByLabel('Title').fill('Reload proof');
    await page.getByLabel('Capacity (seats)').fill('5');
    await page.getByRole('button', { name: 'Create class' }).click();
    await page.getByRole('heading', { name: 'Reload proof' }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/signin');
    await page.getByText('You are signed out.').waitFor();

    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('That email and password do not match').waitFor();

    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Hello, Ada Lovelace' }).waitFor();
    await ada.screenshot('03-home-teacher.png');
    await expectAccessible(ada, 'home');

    // The same email cannot sign up twice.
    const other = await open('other');
    await other.page.goto('/signup');
    await signUpThroughUi(other.page, { name: 'Copycat', email });
    await other.page.getByText('This email already has an account.').waitFor();

    expect(ada.consoleErrors.filter((e) => !EXPECTED_STATUS.test(e))).toEqual([]);
    expect(other.consoleErrors.filter((e) => !EXPECTED_STATUS.test(e))).toEqual([]);
  });

  it('refreshes an expired access token transparently, and sends to sign in (keeping the page) when the session is gone', async () => {
    const grace = await open('grace');
    const { page } = grace;
    await page.goto('/signup');
    await signUpThroughUi(page, {
      name: 'Grace Hopper',
      email: uniqueEmail('grace'),
      teacher: true,
      student: false,
    });
    await page.getByRole('heading', { name: 'Hello, Grace Hopper' }).waitFor();

    // The access token (3 s) expires; the next calls refresh once and carry on.
    await page.waitForTimeout(4_000);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'My classes' })
      .click();
    await page.getByLabel('Title').fill('After expiry');
    await page.getByLabel('Capacity (seats)').fill('3');
    await page.getByRole('button', { name: 'Create class' }).click();
    await page.getByRole('heading', { name: 'After expiry' }).waitFor();
    const classPath = new URL(page.url()).pathname;

    // A reload after expiry: the CSRF token comes back on the refresh cookie alone.
    await page.waitForTimeout(4_000);
    await page.reload();
    await page.getByRole('heading', { name: 'After expiry' }).waitFor();
    await page.getByRole('button', { name: 'Start class' }).click();
    await page.getByText('Live', { exact: true }).waitFor();

    // Cookies gone (revoked session): the next call fails to refresh and sign-in keeps the page.
    await grace.context.clearCookies();
    await page.getByRole('link', { name: '← My classes' }).click();
    await page.waitForURL(`**/signin?next=${encodeURIComponent('/classes')}`);
    await page.getByText('Your session has expired. Please sign in again.').waitFor();
    expect(classPath).toMatch(/^\/classes\//);

    expect(grace.consoleErrors.filter((e) => !EXPECTED_STATUS.test(e))).toEqual([]);
  });

  it('two tabs whose access token expired take turns to refresh and both carry on', async () => {
    const linus = await open('linus');
    const first = linus.page;
    await first.goto('/signup');
    await signUpThroughUi(first, {
      name: 'Linus',
      email: uniqueEmail('linus'),
      teacher: true,
      student: false,
    });
    await first.getByRole('heading', { name: 'Hello, Linus' }).waitFor();
    const second = await linus.context.newPage();
    await second.goto('/classes');
    await second.getByRole('heading', { name: 'My classes' }).waitFor();

    // Both tabs hit the expired token at the same moment. Presenting one refresh token twice
    // would revoke the whole session (REFRESH_TOKEN_REUSED), so the tabs must take turns: the
    // second finds the first's new cookie and does not refresh again.
    const refreshStatuses: number[] = [];
    linus.context.on('response', (response) => {
      if (response.url().endsWith('/api/auth/refresh')) refreshStatuses.push(response.status());
    });
    await first.waitForTimeout(4_000);
    await Promise.all([first.reload(), second.reload()]);
    await Promise.all([
      first.getByRole('heading', { name: 'Hello, Linus' }).waitFor(),
      second.getByRole('heading', { name: 'My classes' }).waitFor(),
    ]);
    expect(refreshStatuses.length).toBeGreaterThanOrEqual(1);
    expect(refreshStatuses.every((status) => status === 200)).toBe(true);
    await second.getByLabel('Title').fill('Made in tab two');
    await second.getByLabel('Capacity (seats)').fill('2');
    await second.getByRole('button', { name: 'Create class' }).click();
    await second.getByRole('heading', { name: 'Made in tab two' }).waitFor();
    await second.close();
  });
});

async function expectFocused(page: import('playwright-core').Page, id: string): Promise<void> {
  expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe(id);
}
