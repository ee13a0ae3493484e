// The emulator, on its own and as the provider of whole logins driven through the strategies.
import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { KakaoStrategy, KakaoTokenError, NaverAPIError, NaverStrategy, TokenError, type KakaoProfile, type NaverProfile } from '../../lib/index.js';
import { startEmulator, type Emulator } from '../../lib/testing/index.js';
import { consent, login } from '../emulator-client.js';
import { expectAction, queryOf, run } from '../helpers.js';

const NAVER_CB = 'http://app.test/oauth2/redirect/naver';
const KAKAO_CB = 'http://app.test/oauth2/redirect/kakao';

describe('the emulator', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator();
  });
  afterEach(() => emulator.close());

  const naver = (extra = {}) =>
    new NaverStrategy({ clientID: 'naver-test-client', clientSecret: 'naver-test-secret', callbackURL: NAVER_CB, ...emulator.naver, ...extra }, (_at, _rt, profile, done) => done(null, profile));
  const kakao = (extra = {}) =>
    new KakaoStrategy({ clientID: 'kakao-test-client', clientSecret: 'kakao-test-secret', callbackURL: KAKAO_CB, ...emulator.kakao, ...extra }, (_at, _rt, profile, done) => done(null, profile));

  describe('Naver', () => {
    it('completes a login: consent screen, code and state, token with expires_in "3600", profile with the Hangul name', async () => {
      const { outcome, page } = await login(naver());
      expect(page).to.include('data-action="approve"').and.include('data-action="cancel"').and.include('홍길동');
      const profile = expectAction(outcome, 'success').user as NaverProfile;
      expect(profile).to.include({ provider: 'naver', displayName: '길동이' });
      expect(profile._json).to.include({ name: '홍길동', email: 'hong@example.com', gender: 'M', birthday: '08-15', birthyear: '1990' });
    });

    it('answers Cancel exactly as Naver does', async () => {
      const { location, outcome, start } = await login(naver(), 'cancel');
      const state = new URL(start).searchParams.get('state');
      expect(state).to.be.a('string').and.not.equal('');
      expect(location).to.equal(`${NAVER_CB}?error=access_denied&error_description=Canceled+By+User&state=${state}`);
      expect(expectAction(outcome, 'fail').challenge).to.deep.equal({ message: 'Canceled By User', code: 'access_denied', category: 'consent', provider: 'naver' });
    });

    it('answers a used code with HTTP 200 and "no valid data in session"', async () => {
      const session: Record<string, unknown> = {};
      const start = expectAction(await run(naver(), { session }), 'redirect');
      const { location } = await consent(start.url, 'approve');
      const query = Object.fromEntries(new URL(location).searchParams);
      const saved = structuredClone(session);
      expectAction(await run(naver(), { query, session }), 'success');
      const { err } = expectAction(await run(naver(), { query, session: saved }), 'error');
      expect(err).to.be.instanceOf(TokenError);
      expect(err).to.include({ code: 'invalid_request', message: 'no valid data in session' });
    });

    it('refreshes a token without a new refresh token, and rejects an expired access token with 024', async () => {
      const session: Record<string, unknown> = {};
      let tokens: { at: string; rt: string | undefined } | undefined;
      const strategy = new NaverStrategy({ clientID: 'naver-test-client', clientSecret: 'naver-test-secret', callbackURL: NAVER_CB, ...emulator.naver }, (at, rt, _p, done) => {
        tokens = { at, rt };
        done(null, {});
      });
      const start = expectAction(await run(strategy, { session }), 'redirect');
      const { location } = await consent(start.url, 'approve');
      expectAction(await run(strategy, { query: Object.fromEntries(new URL(location).searchParams), session }), 'success');
      const body = new URLSearchParams({ grant_type: 'refresh_token', client_id: 'naver-test-client', client_secret: 'naver-test-secret', refresh_token: tokens!.rt! });
      const refreshed = (await (await fetch(emulator.naver.tokenURL, { method: 'POST', body })).json()) as Record<string, unknown>;
      expect(Object.keys(refreshed).sort()).to.deep.equal(['access_token', 'expires_in', 'token_type']);
      expect(refreshed['expires_in']).to.equal('3600');

      emulator.expireAccessToken(tokens!.at);
      const err = await new Promise<unknown>((resolve) => strategy.userProfile(tokens!.at, resolve));
      expect(err).to.be.instanceOf(NaverAPIError);
      expect(err).to.include({ code: '024', status: 401 });
    });

    it("shows Naver's error page for an unregistered client, without redirecting and without Kakao's KOE codes", async () => {
      const res = await fetch(`${emulator.naver.authorizationURL}?response_type=code&client_id=nope&redirect_uri=${encodeURIComponent(NAVER_CB)}&state=s`, { redirect: 'manual' });
      expect(res.status).to.equal(400);
      expect(res.headers.get('location')).to.equal(null);
      const page = await res.text();
      expect(page).to.include('<h1>네이버 로그인 오류</h1><p>invalid_request: 파라미터가 잘못되었거나 요청문이 잘못되었습니다.</p><p>등록되지 않은 Client ID입니다: nope</p>');
      expect(page).not.to.include('KOE');
    });
  });

  describe('Kakao', () => {
    it('completes a login with the exact 64-bit id and the consented items only', async () => {
      const { outcome } = await login(kakao({ scope: ['account_email'] }));
      const profile = expectAction(outcome, 'success').user as KakaoProfile;
      expect(profile.id).to.equal('1376016924429759228');
      expect(profile.displayName).to.equal('길동이');
      expect(profile.emails).to.deep.equal([{ value: 'hong@example.com', verified: true }]);
      expect(profile._json.kakao_account).to.include({ name_needs_agreement: true, gender_needs_agreement: true });
      expect(profile._json.kakao_account?.gender).to.equal(undefined);
    });

    it('answers Cancel exactly as Kakao does', async () => {
      const { location, outcome } = await login(kakao({ state: false }), 'cancel');
      expect(location).to.equal(`${KAKAO_CB}?error=access_denied&error_description=User%20denied%20access`);
      expect(expectAction(outcome, 'fail').challenge).to.deep.equal({ message: 'User denied access', code: 'access_denied', category: 'consent', provider: 'kakao' });
    });

    it('answers prompt=none with consent_required before consent, and with a code after it', async () => {
      const strategy = kakao();
      const first = expectAction(await run(strategy, { session: {} }, { prompt: 'none' }), 'redirect');
      const refused = await consent(first.url, 'approve');
      expect(new URL(refused.location).searchParams.get('error')).to.equal('consent_required');
      expect(refused.location).to.include('error_description=user%20consent%20required.');

      const session: Record<string, unknown> = {};
      const { cookie } = await consent(expectAction(await run(strategy, { session }), 'redirect').url, 'approve', 'kim');
      const again = expectAction(await run(strategy, { session }, { prompt: 'none' }), 'redirect');
      const silent = await consent(again.url, 'approve', 'kim', cookie);
      expect(queryOf(silent.location)).to.have.keys('code', 'state');
      const profile = expectAction(await run(strategy, { query: queryOf(silent.location), session }), 'success').user as KakaoProfile;
      expect(profile.displayName).to.equal('민지');
    });

    it('rejects a replayed code with 400 KOE320, a changed redirect_uri with KOE303', async () => {
      const session: Record<string, unknown> = {};
      const start = expectAction(await run(kakao(), { session }), 'redirect');
      const { location } = await consent(start.url, 'approve');
      const code = queryOf(location)['code']!;
      const exchange = (redirect: string) =>
        fetch(emulator.kakao.tokenURL, {
          method: 'POST',
          body: new URLSearchParams({ grant_type: 'authorization_code', client_id: 'kakao-test-client', client_secret: 'kakao-test-secret', redirect_uri: redirect, code }),
        });
      const mismatch = await exchange('http://app.test/elsewhere');
      expect(mismatch.status).to.equal(400);
      expect(await mismatch.json()).to.deep.equal({ error: 'invalid_grant', error_description: 'Redirect URI mismatch.', error_code: 'KOE303' });
      const replay = await exchange(KAKAO_CB);
      expect(replay.status).to.equal(400);
      expect(await replay.json()).to.include({ error: 'invalid_grant', error_code: 'KOE320' });
    });

    it('checks the client secret when the app has one (KOE010)', async () => {
      await emulator.close();
      emulator = await startEmulator({ kakaoClients: [{ clientID: 'secret-app', clientSecret: 'right', redirectURIs: [KAKAO_CB] }] });
      const { outcome } = await login(kakao({ clientID: 'secret-app', clientSecret: 'wrong' }));
      const { err } = expectAction(outcome, 'error');
      expect(err).to.be.instanceOf(KakaoTokenError);
      expect(err).to.include({ status: 401, errorCode: 'KOE010', message: 'Bad client credentials' });
    });

    it('completes a PKCE login, and refuses a wrong code_verifier', async () => {
      expectAction((await login(kakao({ pkce: true }))).outcome, 'success');
      const challenge = createHash('sha256').update('the-right-verifier').digest('base64url');
      const url = `${emulator.kakao.authorizationURL}?response_type=code&client_id=kakao-test-client&redirect_uri=${encodeURIComponent(KAKAO_CB)}&code_challenge=${challenge}&code_challenge_method=S256`;
      const code = queryOf((await consent(url, 'approve')).location)['code']!;
      const res = await fetch(emulator.kakao.tokenURL, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'authorization_code', client_id: 'kakao-test-client', client_secret: 'kakao-test-secret', redirect_uri: KAKAO_CB, code, code_verifier: 'a-wrong-verifier' }),
      });
      expect(res.status).to.equal(400);
      expect(await res.json()).to.deep.equal({ error: 'invalid_grant', error_description: 'PKCE verification failed.' });
    });

    it('shows KOE006 for an unregistered redirect URI, without redirecting', async () => {
      await emulator.close();
      emulator = await startEmulator({ kakaoClients: [{ clientID: 'k', redirectURIs: [KAKAO_CB] }] });
      const res = await fetch(`${emulator.kakao.authorizationURL}?response_type=code&client_id=k&redirect_uri=${encodeURIComponent('http://evil.test/cb')}`, { redirect: 'manual' });
      expect(res.status).to.equal(400);
      expect(res.headers.get('location')).to.equal(null);
      expect(await res.text()).to.include('KOE006');
    });

    it('escapes what it shows on the consent page', async () => {
      await emulator.close();
      emulator = await startEmulator({ users: [{ key: 'x', name: '<img src=x onerror=alert(1)>' }] });
      const { page } = await login(kakao(), 'approve', 'x');
      expect(page).to.include('&#60;img src=x onerror=alert(1)&#62;').and.not.include('<img src=x');
    });
  });

  describe('approve() and cancel(), for tests that have no browser', () => {
    it('press the buttons and resolve to the callback URL', async () => {
      const session: Record<string, unknown> = {};
      const start = expectAction(await run(kakao(), { session }), 'redirect');
      const callback = new URL(await emulator.approve(start.url, 'kim'));
      expect(callback.origin + callback.pathname).to.equal(KAKAO_CB);
      const profile = expectAction(await run(kakao(), { query: Object.fromEntries(callback.searchParams), session }), 'success').user as KakaoProfile;
      expect(profile.displayName).to.equal('민지');
      const cancelled = new URL(await emulator.cancel(expectAction(await run(naver(), { session: {} }), 'redirect').url));
      expect(cancelled.searchParams.get('error_description')).to.equal('Canceled By User');
    });

    it('decline optional items when asked, and name the error page when there is no redirect', async () => {
      const session: Record<string, unknown> = {};
      const start = expectAction(await run(kakao(), { session }), 'redirect');
      const callback = new URL(await emulator.approve(start.url, 'hong', undefined, { decline: ['account_email'] }));
      const profile = expectAction(await run(kakao(), { query: Object.fromEntries(callback.searchParams), session }), 'success').user as KakaoProfile;
      expect(profile._json.kakao_account).to.include({ email_needs_agreement: true });
      expect(profile.emails ?? []).to.deep.equal([]);

      await emulator.close();
      emulator = await startEmulator({ kakaoClients: [{ clientID: 'kakao-test-client', clientSecret: 'kakao-test-secret', redirectURIs: 'any' }] });
      const refused = expectAction(await run(kakao({ scope: ['account_email'] }), { session: {} }), 'redirect');
      const err = await emulator.approve(refused.url).then(() => undefined, (e: Error) => e);
      expect(err?.message).to.equal('the emulator did not redirect (HTTP 400: 잘못된 요청 (KOE205))');
    });

    it('reject when there is no consent screen to press', async () => {
      const err = await emulator.approve(`${emulator.kakao.authorizationURL}?client_id=unknown`).then(() => undefined, (e: Error) => e);
      expect(err?.message).to.equal('the emulator showed no consent screen (HTTP 400: 잘못된 요청 (KOE101))');
    });
  });

  describe('faults', () => {
    it('splits a body inside a Hangul character, and the profile still comes through whole', async () => {
      emulator.setFault('kakao', 'profile', { mode: 'split-utf8' });
      const profile = expectAction((await login(kakao())).outcome, 'success').user as KakaoProfile;
      expect(profile.displayName).to.equal('길동이');
    });

    it('never answers, and the login ends with a timeout error naming the request', async () => {
      emulator.setFault('naver', 'token', { mode: 'hang' });
      const { err } = expectAction((await login(naver({ timeout: 300 }))).outcome, 'error');
      expect(err.message).to.equal('Naver token request timed out after 300 ms');
    });

    it('answers 503 with an HTML page', async () => {
      emulator.setFault('kakao', 'token', { mode: 'html-5xx', status: 503 });
      const { err } = expectAction((await login(kakao())).outcome, 'error');
      expect(err.message).to.equal('Kakao token request answered HTTP 503 (text/html) with a body that is not a JSON object');
    });

    it('drops the connection', async () => {
      emulator.setFault('naver', 'profile', { mode: 'drop' });
      const { err } = expectAction((await login(naver())).outcome, 'error');
      expect(err).to.include({ code: 'ECONNRESET', message: 'Naver profile request failed: ECONNRESET' });
    });

    it('can be in place from the start', async () => {
      await emulator.close();
      emulator = await startEmulator({ faults: [{ provider: 'kakao', endpoint: 'token', fault: { mode: 'html-5xx', status: 500 } }] });
      const { err } = expectAction((await login(kakao())).outcome, 'error');
      expect(err).to.include({ code: 'EBADRESPONSE', status: 500 });
    });

    it('adds latency', async () => {
      emulator.setFault('kakao', 'token', { latencyMs: 150 });
      const started = Date.now();
      expectAction((await login(kakao())).outcome, 'success');
      expect(Date.now() - started).to.be.at.least(150);
    });
  });
});
