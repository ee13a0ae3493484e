// The demo's account pages in a real browser (issue 14 §3, §4): the Kakao
// consents, sharing the email later, withdrawing it, disconnecting, and the
// two logouts, each through the emulator's pages.
import { expect } from 'chai';
import { browserSuite } from './browser-harness.js';

describe('account pages in a real browser', function () {
  this.timeout(60_000);
  const s = browserSuite('account');

  /** The `data-agreed` of a consent row. */
  const agreed = (item: string): Promise<string | null> => s.page.getAttribute(`[data-testid=consent-${item}]`, 'data-agreed');

  it('lists the Kakao consents, shares the email through an additional-consent login, and withdraws it again', async () => {
    const { page } = s;
    await s.consent('kakao', 'kim', 'approve', ['account_email']);
    expect(new URL(page.url()).pathname).to.equal('/profile');
    await page.click('[data-testid=settings-link]');
    await page.waitForSelector('[data-testid=consents]');
    expect(await agreed('profile_nickname')).to.equal('true');
    expect(await agreed('account_email')).to.equal('false');
    expect(await page.textContent('[data-testid=settings-email]')).to.equal('이메일 / Email: —');
    await s.shot('kakao-settings');

    // Kakao asks for the email only: the items agreed before are left off (docs/providers.md §C2).
    await page.click('[data-testid=share-email]');
    await page.waitForSelector('[data-action=approve]');
    expect(new URL(page.url()).searchParams.get('scope')).to.equal('account_email,openid');
    const boxes = await page.locator('input[name=agree]').all();
    expect(await Promise.all(boxes.map((box) => box.getAttribute('value')))).to.deep.equal(['account_email']);
    await s.shot('kakao-share-email-consent');
    await page.check('input[name=user][value=kim]');
    await page.click('[data-action=approve]');
    await page.waitForURL('**/settings');
    expect(await agreed('account_email')).to.equal('true');
    expect(await page.textContent('[data-testid=settings-email]')).to.equal('이메일 / Email: minji@example.com');
    await s.shot('kakao-email-shared');

    await page.click('[data-testid=withdraw-account_email]');
    await page.waitForSelector('[data-testid=notice]');
    expect(await page.textContent('[data-testid=notice]')).to.equal('동의를 철회했습니다 / Consent withdrawn: 카카오계정(이메일)');
    expect(await agreed('account_email')).to.equal('false');
    expect(await page.textContent('[data-testid=settings-email]')).to.equal('이메일 / Email: —');
    await s.shot('kakao-email-withdrawn');
  });

  it('disconnects from the settings page; the next login asks for consent again', async () => {
    const { page } = s;
    await s.consent('kakao', 'hong', 'approve');
    await page.goto(`${s.running.base}/settings`);
    await page.click('[data-testid=disconnect]');
    await page.waitForSelector('[data-testid=notice]');
    expect(await page.textContent('[data-testid=notice]')).to.include('Disconnected');
    await page.click('[data-testid=login-kakao]');
    await page.waitForSelector('[data-action=approve]');
    expect(await page.locator('input[name=agree]').count()).to.equal(3);
  });

  it('"Log out of Kakao too" goes through Kakao and back; the next login asks who is logging in', async () => {
    const { page } = s;
    await s.consent('kakao', 'kim', 'approve');
    await s.shot('kakao-logout-choice');
    await page.click('[data-testid=logout-kakao]');
    await page.waitForSelector('[data-testid=notice]');
    expect(new URL(page.url()).pathname).to.equal('/');
    expect(await page.textContent('[data-testid=notice]')).to.equal('카카오 계정에서도 로그아웃했습니다 / Logged out of this app and of your Kakao Account.');
    await s.shot('kakao-logged-out-everywhere');
    // Kakao's login ended too: no straight way back, the emulator asks again.
    await page.click('[data-testid=login-kakao]');
    await page.waitForSelector('[data-action=approve]');
  });

  it('"Log out of this app" keeps the Kakao login: the next login comes straight back', async () => {
    const { page } = s;
    await s.consent('kakao', 'kim', 'approve');
    await page.click('[data-testid=logout]');
    await page.waitForSelector('[data-testid=login-kakao]');
    await page.click('[data-testid=login-kakao]');
    await page.waitForURL('**/profile');
    expect(await page.textContent('[data-testid=display-name]')).to.equal('민지');
  });

  for (const [provider, label] of [['kakao', 'Kakao'], ['naver', 'Naver']] as const) {
    it(`${label}: disconnecting on the provider's account page logs the demo's browser out (unlink notification)`, async () => {
      const { page } = s;
      await s.consent(provider, 'kim', 'approve');
      expect(new URL(page.url()).pathname).to.equal('/profile');
      // The provider's "connected services" page, as the emulator serves it, for the user logged in there.
      await page.goto(`${s.running.emulator.url}/${provider}/account`);
      await s.shot(`${provider}-provider-account`);
      await page.click('[data-action=disconnect]');
      await page.waitForSelector('[data-testid=disconnected]');
      // The notification has been answered; the demo ends the sessions right after.
      let loggedOut = false;
      for (let i = 0; i < 20 && !loggedOut; i++) {
        await page.goto(`${s.running.base}/profile`);
        loggedOut = new URL(page.url()).pathname === '/';
      }
      expect(loggedOut, 'the next page load shows the visitor logged out').to.equal(true);
      await page.waitForSelector(`[data-testid=login-${provider}]`);
      expect(await page.locator('[data-testid=logout]').count()).to.equal(0);
      await s.shot(`${provider}-after-provider-disconnect`);
    });
  }

  it('shows Naver users what Naver offers instead, with one logout', async () => {
    const { page } = s;
    await s.consent('naver', 'kim', 'approve');
    await page.click('[data-testid=settings-link]');
    await page.waitForSelector('[data-testid=naver-reprompt]');
    expect(await page.locator('[data-testid=logout-kakao]').count()).to.equal(0);
    await s.shot('naver-settings');
  });
});
