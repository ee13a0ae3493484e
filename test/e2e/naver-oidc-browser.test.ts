// Naver OpenID Connect in a real browser (issue 13 §1): the third login
// button, the emulator's /naver/oauth2/authorize page, and the verified ID
// token claims on the profile page.
import { expect } from 'chai';
import { DEMO_APPS } from '../../demo/app.js';
import { browserSuite } from './browser-harness.js';

describe('Naver OpenID Connect in a real browser', function () {
  this.timeout(60_000);
  const s = browserSuite('naver-oidc');

  it('logs in with the OpenID Connect button and shows the verified ID token claims', async () => {
    const { page } = s;
    await page.goto(s.running.base);
    await s.shot('home');
    await page.click('[data-testid=login-naver-oidc]');
    await page.waitForSelector('[data-action=approve]');
    const authorize = new URL(page.url());
    expect(authorize.pathname).to.equal('/naver/oauth2/authorize');
    await s.shot('consent');
    await page.check('input[name=user][value=kim]');
    await page.click('[data-action=approve]');
    await page.waitForURL('**/profile');
    expect(await page.textContent('[data-testid=provider]')).to.equal('naver (OpenID Connect)');
    expect(await page.textContent('[data-testid=display-name]')).to.equal('민지');
    const claims = JSON.parse((await page.textContent('[data-testid=id-token]')) ?? '{}') as Record<string, unknown>;
    expect(claims['iss']).to.equal('https://nid.naver.com');
    expect(claims['aud']).to.equal(DEMO_APPS.naver.clientID);
    expect(claims['nonce']).to.equal(authorize.searchParams.get('nonce'));
    await s.shot('profile');

    // A returning user comes straight back through the OpenID Connect endpoints.
    await page.click('[data-testid=logout]');
    await page.click('[data-testid=login-naver-oidc]');
    await page.waitForURL('**/profile');
    expect(await page.textContent('[data-testid=provider]')).to.equal('naver (OpenID Connect)');
  });

  it('shows the cancel message after Cancel', async () => {
    const { page } = s;
    await page.goto(s.running.base);
    await page.click('[data-testid=login-naver-oidc]');
    await page.waitForSelector('[data-action=cancel]');
    await page.click('[data-action=cancel]');
    await page.waitForURL('**/login/failed');
    expect(await page.textContent('[data-testid=failure-code]')).to.equal('access_denied · consent');
  });
});
