// The demo's account pages over HTTP (issue 14 §3, §4): the Kakao consents
// from /v2/user/scopes, asking for the email later, withdrawing a consent, and
// logging out of the app only or of Kakao too with a checked state.
import { expect } from 'chai';
import { DEMO_APPS, DEMO_PATHS } from '../../demo/app.js';
import { Client, csrfField, startDemo, type RunningDemo } from './http-client.js';

/** The text of an element of the page, entities decoded. */
function field(page: string, testid: string): string {
  const match = new RegExp(`data-testid="${testid}"[^>]*>([^<]*)<`).exec(page);
  return (match?.[1] ?? '').replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)));
}

/** The `data-agreed` of a consent row on the settings page. */
function agreed(page: string, item: string): string | undefined {
  return new RegExp(`data-testid="consent-${item}" data-agreed="(true|false)"`).exec(page)?.[1];
}

describe('the demo: consents and logout (issue 14)', function () {
  this.timeout(30_000);
  let running: RunningDemo;
  before(async () => {
    running = await startDemo();
  });
  after(() => running.close());

  /** What the emulated Kakao reports for a user's consents, asked with the demo app's admin key (§C12). */
  async function consentsAtKakao(userId: string): Promise<Record<string, boolean>> {
    const url = new URL(running.emulator.kakao.scopesURL);
    url.search = new URLSearchParams({ target_id_type: 'user_id', target_id: userId }).toString();
    const res = await fetch(url, { headers: { authorization: `KakaoAK ${DEMO_APPS.kakao.adminKey}` } });
    expect(res.status).to.equal(200);
    const body = (await res.json()) as { scopes: Array<{ id: string; agreed: boolean }> };
    return Object.fromEntries(body.scopes.map((s) => [s.id, s.agreed]));
  }

  /** Logs `user` in with Kakao, leaving the optional email unchecked; returns the client and the CSRF token. */
  async function withoutEmail(user: string): Promise<{ client: Client; token: string; id: string }> {
    const client = new Client(running.base);
    expect((await client.login(running.emulator, 'kakao', user, undefined, { decline: ['account_email'] })).landed).to.equal('/profile');
    const profile = await client.text('/profile');
    return { client, token: csrfField(profile), id: field(profile, 'user-id') };
  }

  it('lists the Kakao consents: email not agreed after the user declined it, the required nickname not withdrawable', async () => {
    const { client, id } = await withoutEmail('kim');
    const page = await client.text('/settings');
    expect(agreed(page, 'profile_nickname')).to.equal('true');
    expect(agreed(page, 'profile_image')).to.equal('true');
    expect(agreed(page, 'account_email')).to.equal('false');
    expect(page).to.include('카카오계정(이메일)');
    expect(page).not.to.include('data-testid="withdraw-profile_nickname"');
    expect(page).to.include('data-testid="withdraw-profile_image"').and.include('data-testid="share-email"');
    expect(field(page, 'settings-email')).to.equal('이메일 / Email: —');
    expect(await consentsAtKakao(id)).to.deep.equal({ profile_nickname: true, profile_image: true, account_email: false });
  });

  it('"share my email" asks Kakao for exactly that item (openid kept) and comes back with the email', async () => {
    const { client, token, id } = await withoutEmail('kim');
    const res = await client.post('/settings/consent', { _csrf: token, item: 'account_email' });
    const authorize = new URL(res.headers.get('location')!);
    expect(authorize.href.startsWith(running.emulator.kakao.authorizationURL)).to.equal(true);
    expect(authorize.searchParams.get('scope')).to.equal('account_email,openid');
    expect(authorize.searchParams.get('state')).to.have.length.above(10);
    const back = await client.request(await running.emulator.approve(authorize.href, 'kim'));
    expect(back.headers.get('location')).to.equal('/settings');
    const page = await client.text('/settings');
    expect(agreed(page, 'account_email')).to.equal('true');
    expect(field(page, 'settings-email')).to.equal('이메일 / Email: minji@example.com');
    expect(await consentsAtKakao(id)).to.include({ account_email: true });
  });

  it('does not start a consent login for an item the app does not use or the user already agreed to', async () => {
    const { client, token } = await withoutEmail('kim');
    for (const item of ['phone_number', 'profile_nickname', 'not an id', '']) {
      const res = await client.post('/settings/consent', { _csrf: token, item });
      expect(res.headers.get('location'), item).to.equal('/settings');
    }
  });

  it('withdraws a consent at Kakao and forgets what it gave', async () => {
    const client = new Client(running.base);
    expect((await client.login(running.emulator, 'kakao', 'hong')).landed).to.equal('/profile');
    const profile = await client.text('/profile');
    const id = field(profile, 'user-id');
    expect(await consentsAtKakao(id)).to.include({ account_email: true });
    const res = await client.post('/settings/withdraw', { _csrf: csrfField(profile), item: 'account_email' });
    expect(res.headers.get('location')).to.equal('/settings');
    const page = await client.text('/settings');
    expect(field(page, 'notice')).to.equal('동의를 철회했습니다 / Consent withdrawn: 카카오계정(이메일)');
    expect(agreed(page, 'account_email')).to.equal('false');
    expect(field(page, 'settings-email')).to.equal('이메일 / Email: —');
    expect(await client.text('/profile')).not.to.include('hong@example.com');
    expect(await consentsAtKakao(id)).to.include({ account_email: false, profile_nickname: true });
  });

  it("refuses to withdraw a required item: Kakao's -3, explained in both languages, the consent kept", async () => {
    const { client, token, id } = await withoutEmail('lee');
    const res = await client.post('/settings/withdraw', { _csrf: token, item: 'profile_nickname' });
    const page = await res.text();
    expect(field(page, 'failure-code')).to.match(/^-3 · /);
    expect(field(page, 'failure-ko-summary')).to.match(/[가-힣]/);
    expect(page).not.to.match(/at \w+ \(|node_modules/);
    expect(await consentsAtKakao(id)).to.include({ profile_nickname: true });
    expect((await client.request('/settings')).status).to.equal(200);
  });

  it('shows Naver users what Naver offers instead (no consent API)', async () => {
    const client = new Client(running.base);
    expect((await client.login(running.emulator, 'naver', 'kim')).landed).to.equal('/profile');
    const page = await client.text('/settings');
    expect(page).to.include('Naver has no API to list or withdraw consents').and.include('data-testid="naver-reprompt"');
    expect(page).not.to.include('data-testid="logout-kakao"');
    expect(field(page, 'settings-email')).to.equal('이메일 / Email: minji@example.com');
  });

  it('sends a visitor without a session from /settings to the login, and back there after it', async () => {
    const client = new Client(running.base);
    expect((await client.request('/settings')).headers.get('location')).to.equal('/');
    expect((await client.login(running.emulator, 'kakao', 'kim')).landed).to.equal('/settings');
  });

  describe('logout', () => {
    it('"Kakao too": logs out of the app, sends the browser to Kakao with a state, and accepts that state once on the way back', async () => {
      const { client, token } = await withoutEmail('kim');
      const res = await client.post('/logout/kakao', { _csrf: token });
      const logout = new URL(res.headers.get('location')!);
      expect(logout.origin + logout.pathname).to.equal(running.emulator.kakao.accountLogoutURL);
      expect(logout.searchParams.get('client_id')).to.equal(DEMO_APPS.kakao.clientID);
      expect(logout.searchParams.get('logout_redirect_uri')).to.equal(`${running.base}${DEMO_PATHS.kakaoLogoutDone}`);
      const state = logout.searchParams.get('state')!;
      expect(state).to.match(/^[\w-]{32}$/);
      // Logged out of the app before Kakao answers.
      expect((await client.request('/profile')).headers.get('location')).to.equal('/');

      const atKakao = await fetch(logout, { redirect: 'manual' });
      expect(atKakao.status).to.equal(302);
      const done = atKakao.headers.get('location')!;
      expect(done).to.equal(`${running.base}${DEMO_PATHS.kakaoLogoutDone}?state=${state}`);
      const back = await client.request(done);
      expect(back.headers.get('location')).to.equal('/');
      expect(field(await client.text('/'), 'notice')).to.include('Logged out of this app and of your Kakao Account.');
      // The state works once.
      const again = await client.request(done);
      expect(again.status).to.equal(400);
      expect(await again.text()).to.include('data-testid="logout-unconfirmed"');
    });

    it('a forged return (no state, or another) changes nothing: a logged-in user stays logged in', async () => {
      const { client, token } = await withoutEmail('kim');
      for (const query of ['', '?state=forged', '?state=']) {
        const res = await client.request(`${DEMO_PATHS.kakaoLogoutDone}${query}`);
        expect(res.status, query).to.equal(400);
        expect(await res.text()).to.include('Logout not confirmed');
      }
      expect((await client.request('/profile')).status).to.equal(200);
      // A state sent to another browser does not work here either.
      const other = await withoutEmail('hong');
      const theirs = new URL((await other.client.post('/logout/kakao', { _csrf: other.token })).headers.get('location')!).searchParams.get('state')!;
      expect((await client.request(`${DEMO_PATHS.kakaoLogoutDone}?state=${theirs}`)).status).to.equal(400);
      expect((await client.request('/profile')).status).to.equal(200);
      expect(token).to.be.a('string');
    });

    it('"this app only": ends the session and stays on the site', async () => {
      const { client, token } = await withoutEmail('kim');
      const res = await client.post('/logout', { _csrf: token });
      expect(res.headers.get('location')).to.equal('/');
      expect((await client.request('/profile')).headers.get('location')).to.equal('/');
    });
  });
});
