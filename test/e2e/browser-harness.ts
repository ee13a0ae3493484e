// What a browser test suite needs: headless Debian Chromium (playwright-core,
// never a downloaded browser), a demo on a free port, one fresh page per test,
// and a check after each test that no script from a provider ran and the
// demo's pages had no console error, CSP violation or failed resource.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { DemoConfig } from '../../demo/app.js';
import { startDemo, type RunningDemo } from './http-client.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** Where screenshots go (not committed). */
export const SCREENSHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');

/** The suite's browser, demo and current page; valid inside tests. */
export interface BrowserSuite {
  readonly running: RunningDemo;
  readonly page: Page;
  /** A full-page screenshot named `<prefix>-<name>.png`. */
  shot(name: string): Promise<void>;
  /** From the home page: log in with the provider, pick the user, uncheck `decline`, press Approve or Cancel. */
  consent(provider: 'naver' | 'kakao', user: string, action?: 'approve' | 'cancel', decline?: string[]): Promise<void>;
}

/**
 * Sets up the mocha hooks of a browser suite; call it inside `describe`.
 * Skips the suite without Chromium, unless REQUIRE_BROWSER=1 makes that an error.
 */
export function browserSuite(prefix: string, config: Omit<DemoConfig, 'baseURL'> = {}): BrowserSuite {
  let browser: Browser | undefined;
  let running: RunningDemo | undefined;
  let page: Page | undefined;
  const dialogs: string[] = [];
  const problems: string[] = [];

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      if (process.env['REQUIRE_BROWSER'] === '1') throw new Error(`REQUIRE_BROWSER=1 but no Chromium at ${CHROMIUM}`);
      console.log(`    skipped: browser tests, no Chromium at ${CHROMIUM} (apt-get install chromium; REQUIRE_BROWSER=1 makes this an error)`);
      this.skip();
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    running = await startDemo(config);
  });

  after(async () => {
    await browser?.close();
    await running?.close();
  });

  beforeEach(async () => {
    const base = running!.base;
    page = await (await browser!.newContext({ viewport: { width: 420, height: 900 } })).newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('console', (message) => {
      // A document answered with 4xx is logged as "Failed to load resource"; subresources are checked below.
      if (message.type() === 'error' && page!.url().startsWith(base) && !message.text().startsWith('Failed to load resource')) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'document' && response.url().startsWith(base) && response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
  });

  afterEach(async () => {
    await page?.context().close();
    expect(dialogs.splice(0), 'no script from a provider ran').to.deep.equal([]);
    expect(problems.splice(0), 'no console error, CSP violation or failed resource on the demo').to.deep.equal([]);
  });

  const suite: BrowserSuite = {
    get running() {
      return running!;
    },
    get page() {
      return page!;
    },
    shot: async (name) => void (await page!.screenshot({ path: join(SCREENSHOTS, `${prefix}-${name}.png`), fullPage: true })),
    consent: async (provider, user, action = 'approve', decline = []) => {
      await page!.goto(running!.base);
      await page!.click(`[data-testid=login-${provider}]`);
      await page!.waitForSelector('[data-action=approve]');
      await page!.check(`input[name=user][value=${user}]`);
      for (const item of decline) await page!.uncheck(`input[name=agree][value=${item}]`);
      await page!.click(`[data-action=${action}]`);
      await page!.waitForLoadState();
    },
  };
  return suite;
}
