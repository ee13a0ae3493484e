// Real-browser logins: headless Debian Chromium, driven by playwright-core,
// against the demo app and its in-process emulator.
import { existsSync, mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect } from 'chai';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEFAULT_USERS } from 'passport-naver-kakao/testing';
import { startDemo as startDemoOnPort } from './http-client.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const SCREENSHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');
const XSS_NICKNAME = '<img src=x onerror=alert(1)>';
/** The skip line is printed once, not once per suite. */
let skipNoted = false;

/** Starts the demo on a free port, reached as http://localhost:<port>. */
function startDemo(stateStore: 'session' | 'cookie'): ReturnType<typeof startDemoOnPort> {
  return startDemoOnPort({
    stateStore,
    emulatorUsers: [
      ...DEFAULT_USERS,
      { key: 'xss', name: '<script>alert(2)</script>', nickname: XSS_NICKNAME, email: 'xss@example.com' },
      { key: 'jspic', name: '자바', nickname: 'jspic', profileImage: 'javascript:alert(3)' },
    ],
  });
}

/**
 * Another origin on the same site (localhost, another port): its page
 * auto-submits a form to `target` with a guessed CSRF field. SameSite=Lax lets
 * the session cookie go along, so only the demo's CSRF check stands in the way.
 */
async function startAttacker(host: string): Promise<{ url: (target: string) => string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const target = new URL(req.url ?? '/', 'http://x').searchParams.get('target') ?? '';
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><title>win a prize</title><form method="post" action="${target.replace(/"/g, '&quot;')}"><input type="hidden" name="_csrf" value="guess"></form><script>document.forms[0].submit()</script>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (target) => `http://${host}:${port}/?target=${encodeURIComponent(target)}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

for (const stateStore of ['session', 'cookie'] as const) describe(`logins in a real browser (state in the ${stateStore})`, function () {
  this.timeout(60_000);
  let browser: Browser;
  let running: Awaited<ReturnType<typeof startDemo>>;
  let page: Page;
  const dialogs: string[] = [];
  /** Console errors (CSP violations, script errors) and failed subresources (a favicon 404) on the demo's pages. */
  const problems: string[] = [];

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      if (process.env['REQUIRE_BROWSER'] === '1') throw new Error(`REQUIRE_BROWSER=1 but no Chromium at ${CHROMIUM}`);
      if (!skipNoted) console.log(`    skipped: browser tests, no Chromium at ${CHROMIUM} (apt-get install chromium; REQUIRE_BROWSER=1 makes this an error)`);
      skipNoted = true;
      this.skip();
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    running = await startDemo(stateStore);
  });

  after(async () => {
    await browser?.close();
    await running?.close();
  });

  beforeEach(async () => {
    page = await (await browser.newContext({ viewport: { width: 420, height: 900 } })).newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const demoPage = (): boolean => page.url().startsWith(running.base);
    page.on('console', (message) => {
      // A document answered with 4xx (the failure pages) is logged as "Failed to load resource"; subresources are checked below.
      if (message.type() === 'error' && demoPage() && !message.text().startsWith('Failed to load resource')) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'document' && response.url().startsWith(running.base) && response.status() >= 400) {
        problems.push(`${response.status()} ${response.url()}`);
      }
    });
  });

  afterEach(async () => {
    await page.context().close();
    expect(dialogs, 'no script from a provider ran').to.deep.equal([]);
    expect(problems.splice(0), 'no console error, CSP violation or failed resource on the demo').to.deep.equal([]);
  });

  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${stateStore}-${name}.png`), fullPage: true });

  /** From the home page: Login with the provider, pick the user, press a button on the consent screen. */
  async function consent(provider: 'naver' | 'kakao', user: string, action: 'approve' | 'cancel', screenshot?: string): Promise<void> {
    await page.goto(running.base);
    await page.click(`[data-testid=login-${provider}]`);
    await page.waitForSelector('[data-action=approve]');
    if (screenshot) await shot(screenshot);
    await page.check(`input[name=user][value=${user}]`);
    await page.click(`[data-action=${action}]`);
    await page.waitForLoadState();
  }

  for (const [provider, label] of [['naver', 'Naver'], ['kakao', 'Kakao']] as const) {
    describe(label, () => {
      it('logs in as a Hangul-named user, shows the profile, and logs out', async () => {
        await consent(provider, 'kim', 'approve', `${provider}-consent`);
        expect(new URL(page.url()).pathname).to.equal('/profile');
        expect(await page.textContent('[data-testid=display-name]')).to.equal('민지');
        expect(await page.textContent('[data-testid=raw-json]')).to.include(provider === 'naver' ? '"name": "김민지"' : '"nickname": "민지"');
        expect(await page.textContent('[data-testid=emulator-banner]')).to.include('emulator');
        await shot(`${provider}-profile`);
        await page.click('[data-testid=logout]');
        await page.waitForSelector(`[data-testid=login-${provider}]`);
        await shot(`${provider}-logged-out`);
      });

      it('refreshes the token, skips consent for a returning user, and after Disconnect asks for consent again', async () => {
        await consent(provider, 'kim', 'approve');
        if (provider === 'kakao') expect(await page.textContent('[data-testid=id-token]')).to.include('"nickname": "민지"');
        await page.click('[data-testid=refresh]');
        await page.waitForSelector('[data-testid=notice]');
        expect(await page.textContent('[data-testid=notice]')).to.include('The access token was refreshed.');
        await shot(`${provider}-refreshed`);

        await page.click('[data-testid=logout]');
        await page.click(`[data-testid=login-${provider}]`);
        await page.waitForURL('**/profile');
        expect(await page.textContent('[data-testid=display-name]')).to.equal('민지');

        await page.click('[data-testid=disconnect]');
        await page.waitForSelector('[data-testid=notice]');
        expect(await page.textContent('[data-testid=notice]')).to.include('Disconnected');
        await shot(`${provider}-disconnected`);
        await page.click(`[data-testid=login-${provider}]`);
        await page.waitForSelector('[data-action=approve]');
        await shot(`${provider}-consent-again`);
      });

      it('shows the cancel message after Cancel', async () => {
        await consent(provider, 'hong', 'cancel');
        expect(new URL(page.url()).pathname).to.equal('/login/failed');
        expect(await page.textContent('[data-testid=failure-code]')).to.equal('access_denied · consent');
        expect(await page.textContent('[data-testid=failure-ko-summary]')).to.match(/[가-힣]/);
        expect(await page.textContent('[data-testid=failure-en-summary]')).to.match(/[a-z]/i);
        await shot(`${provider}-cancelled`);
      });

      it('shows a clear failure page for a replayed callback, not a stack trace', async () => {
        const callback = page.waitForRequest((req) => req.url().includes(`/oauth2/redirect/${provider}?`));
        await consent(provider, 'hong', 'approve');
        const used = (await callback).url();
        expect(new URL(page.url()).pathname).to.equal('/profile');
        await page.goto(used);
        expect(new URL(page.url()).pathname).to.equal('/login/failed');
        expect(await page.textContent('[data-testid=failure-code]')).to.equal('invalid_state · login');
        expect(await page.content()).not.to.match(/at \w+ \(|node_modules/);
        await shot(`${provider}-replayed`);
      });

      it('shows a nickname with markup as text', async () => {
        await consent(provider, 'xss', 'approve');
        expect(await page.textContent('[data-testid=display-name]')).to.equal(XSS_NICKNAME);
        expect(await page.locator('main img[src=x]').count()).to.equal(0);
        await shot(`${provider}-escaped`);
      });
    });
  }

  describe('cross-origin POSTs (CSRF)', () => {
    // localhost on another port: same site, so the Lax cookie goes along. 127.0.0.1: another site.
    for (const host of ['localhost', '127.0.0.1']) {
      for (const action of ['/disconnect', '/logout', '/token/refresh']) {
        it(`refuses ${action} posted by a page on ${host} (another origin) and does nothing`, async () => {
          const attacker = await startAttacker(host);
          try {
            await consent('kakao', 'kim', 'approve');
            expect(new URL(page.url()).pathname).to.equal('/profile');
            const answer = page.waitForResponse((res) => res.url() === `${running.base}${action}`);
            await page.goto(attacker.url(`${running.base}${action}`));
            expect((await answer).status()).to.equal(403);
            if (host === 'localhost') {
              await page.waitForSelector('[data-testid=refused]');
              if (action === '/disconnect') await shot('csrf-refused');
            }
            // Still logged in, the grant alive (a refresh works), no notice of a refresh that did not happen.
            await page.goto(`${running.base}/profile`);
            expect(await page.textContent('[data-testid=display-name]')).to.equal('민지');
            expect(await page.locator('[data-testid=notice]').count()).to.equal(0);
            await page.click('[data-testid=refresh]');
            await page.waitForSelector('[data-testid=notice]');
            expect(await page.textContent('[data-testid=notice]')).to.include('The access token was refreshed.');
          } finally {
            await attacker.close();
          }
        });
      }
    }
  });

  describe('pictures and the favicon', () => {
    it('shows a javascript: picture URL as text, never as an image', async () => {
      await consent('naver', 'jspic', 'approve');
      expect(await page.locator('main img').count()).to.equal(0);
      expect(await page.textContent('[data-testid=photo-url]')).to.include('javascript:alert(3)');
      await shot('javascript-picture');
    });

    it('serves a favicon', async () => {
      await page.goto(running.base);
      for (const [path, type] of [['/favicon.ico', 'image/vnd.microsoft.icon'], ['/favicon.svg', 'image/svg+xml']] as const) {
        const res = await page.request.get(`${running.base}${path}`);
        expect(res.status(), path).to.equal(200);
        expect(res.headers()['content-type'], path).to.include(type);
      }
      expect(await page.getAttribute('link[rel=icon]', 'href')).to.equal('/favicon.svg');
    });
  });
});
