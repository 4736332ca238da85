/**
 * Browser-suite harness: Debian's Chromium (installed by tools/ensure-chromium.mjs when missing,
 * never downloaded) driven by playwright-core, against the real app serving web/dist.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestApp, testEnv, type TestApp } from '../../support/test-app';

export const ROOT = join(__dirname, '..', '..', '..');
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'browser');

/** Flags for a closed network, as root, with no GPU. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Fails with one clear message when the web client was not built. */
export function assertWebBuilt(): void {
  if (!existsSync(join(ROOT, 'web', 'dist', 'index.html'))) {
    throw new Error(
      'web/dist is missing: the browser suite tests the built web client. Run `npm run build` first ' +
        '(`npm test` does it before the e2e and browser suites).',
    );
  }
}

/** The Chromium executable, installed through tools/ensure-chromium.mjs when missing. */
export function chromiumPath(): string {
  try {
    const out = execFileSync(process.execPath, [join(ROOT, 'tools', 'ensure-chromium.mjs')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 10 * 60_000,
    });
    return out.trim().split('\n').pop()!;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`Chromium is not available for the browser suite.\n${stderr.trim()}`);
  }
}

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}

/** One person in their own browser context (own cookies), with every console error recorded. */
export class Actor {
  readonly consoleErrors: string[] = [];

  private constructor(
    readonly name: string,
    readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  static async open(
    browser: Browser,
    name: string,
    baseURL: string,
    viewport = { width: 1280, height: 860 },
  ): Promise<Actor> {
    const context = await browser.newContext({
      baseURL,
      viewport,
      locale: 'en-GB',
      timezoneId: 'UTC',
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
    const page = await context.newPage();
    const actor = new Actor(name, context, page);
    page.on('console', (message) => {
      if (message.type() === 'error')
        actor.consoleErrors.push(`${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => actor.consoleErrors.push(`uncaught: ${error.message}`));
    return actor;
  }

  async screenshot(file: string): Promise<void> {
    await this.page.screenshot({ path: join(ARTIFACTS, file), fullPage: true });
  }

  close(): Promise<void> {
    return this.context.close();
  }
}

/** A unique, valid email for this run. */
export function uniqueEmail(who: string): string {
  return `${who.toLowerCase()}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;
}

export const PASSWORD = 'correct horse battery';

/** Sign up through the UI from wherever the page is (the sign-in screen or the sign-up screen). */
export async function signUpThroughUi(
  page: Page,
  input: { name: string; email: string; teacher?: boolean; student?: boolean },
): Promise<void> {
  if (!/\/signup/.test(page.url()))
    await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByRole('heading', { name: 'Create an account' }).waitFor();
  await page.getByLabel('Name').fill(input.name);
  await page.getByLabel('Email').fill(input.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('checkbox', { name: /Teacher/ }).setChecked(input.teacher ?? false);
  await page.getByRole('checkbox', { name: /Student/ }).setChecked(input.student ?? true);
  await page.getByRole('button', { name: 'Sign up' }).click();
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

let axeSource: string | null = null;

/**
 * Runs axe-core (WCAG 2.1 A/AA and best practices: labels, names, contrast, landmarks, ARIA) on the
 * page as it is now and returns the violations. Injected through the DevTools protocol, which the
 * page's CSP does not govern, so the app itself needs no exception.
 */
export async function accessibilityViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(axeSource);
  return page.evaluate(`
    window.axe
      .run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] })
      .then((result) => result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
      })))
  `) as Promise<AxeViolation[]>;
}

/** Fails with the list of violations when the screen has any. */
export async function expectAccessible(actor: Actor, screen: string): Promise<void> {
  const violations = await accessibilityViolations(actor.page);
  expect({ screen, violations }).toEqual({ screen, violations: [] });
}

/**
 * The lifecycle every browser suite shares: the real app (with `env` overrides) and one Chromium,
 * started before the suite and closed after it, with every Actor opened through `open`.
 */
export function browserSuite(env: Record<string, string> = {}) {
  const suite = {
    app: null as unknown as TestApp,
    browser: null as unknown as Browser,
    actors: [] as Actor[],
    async open(name: string, viewport?: { width: number; height: number }): Promise<Actor> {
      const actor = await Actor.open(suite.browser, name, suite.app.url, viewport);
      suite.actors.push(actor);
      return actor;
    },
  };
  beforeAll(async () => {
    assertWebBuilt();
    suite.app = await startTestApp(testEnv(env));
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const actor of suite.actors) await actor.close().catch(() => undefined);
    await suite.browser?.close();
    await suite.app?.close();
  });
  return suite;
}

/** Waits until the live room shows `n` participants. */
export const waitForCount = (page: Page, n: number, timeout = 15_000) =>
  page
    .locator('#participant-count', { hasText: new RegExp(`^\\s*${n} participants? in class`) })
    .waitFor({ timeout });

/** Waits until the comment log shows `text`. */
export const waitForComment = (page: Page, text: string) =>
  page.getByRole('log').getByText(text, { exact: true }).waitFor();
