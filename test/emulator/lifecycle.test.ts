// The token lifecycle and OpenID Connect end to end: the strategies against the emulator.
import { expect } from 'chai';
import { KakaoAPIError, KakaoStrategy, KakaoTokenError, NaverAPIError, NaverStrategy, TokenError, type KakaoIdTokenProfile, type KakaoProfile } from '../../lib/index.js';
import { startEmulator, type Emulator } from '../../lib/testing/index.js';
import { consent, login } from '../emulator-client.js';
import { expectAction, rejection, run } from '../helpers.js';

type Tokens = { accessToken: string; refreshToken: string | undefined; params: Record<string, unknown> };


describe('the token lifecycle against the emulator', () => {
  let emulator: Emulator;
  afterEach(() => emulator.close());

  /** A strategy whose logins resolve to the tokens they got. */
  function naver() {
    return new NaverStrategy(
      { clientID: 'naver-test-client', clientSecret: 'naver-test-secret', callbackURL: 'http://app.test/cb/naver', ...emulator.naver },
      (accessToken: string, refreshToken: string | undefined, params: Record<string, unknown>, _p: unknown, done: (e: null, u: Tokens) => void) =>
        done(null, { accessToken, refreshToken, params }),
    );
  }
  function kakao(extra: object = {}) {
    return new KakaoStrategy(
      { clientID: 'kakao-test-client', clientSecret: 'kakao-test-secret', callbackURL: 'http://app.test/cb/kakao', ...emulator.kakao, ...extra },
      (accessToken: string, refreshToken: string | undefined, params: Record<string, unknown>, profile: KakaoProfile, done: (e: null, u: Tokens & { profile: KakaoProfile }) => void) =>
        done(null, { accessToken, refreshToken, params, profile }),
    );
  }
  const tokensOf = async (strategy: NaverStrategy | KakaoStrategy) => expectAction((await login(strategy)).outcome, 'success').user as Tokens & { profile: KakaoProfile };
  const profileError = (strategy: NaverStrategy | KakaoStrategy, token: string) => new Promise<unknown>((resolve) => strategy.userProfile(token, resolve));

  describe('Naver', () => {
    beforeEach(async () => {
      emulator = await startEmulator();
    });

    it('refreshes: a new access token that works, no new refresh token', async () => {
      const strategy = naver();
      const { refreshToken } = await tokensOf(strategy);
      const set = await strategy.refresh(refreshToken!);
      expect(set).to.have.keys('accessToken', 'expiresIn', 'params');
      expect(set.expiresIn).to.equal(3600);
      expect(await profileError(strategy, set.accessToken)).to.equal(null);
    });

    it('revokes: the access token and its refresh token stop working', async () => {
      const strategy = naver();
      const { accessToken, refreshToken } = await tokensOf(strategy);
      await strategy.revoke(accessToken);
      expect(await profileError(strategy, accessToken)).to.be.instanceOf(NaverAPIError).and.include({ code: '024' });
      const err = await rejection(strategy.refresh(refreshToken!));
      expect(err).to.be.instanceOf(TokenError).and.include({ message: 'invalid refresh_token' });
    });

    it("revokes with the legacy delete form, which says success even for a bad token (Naver's quirk)", async () => {
      const strategy = naver();
      const { accessToken } = await tokensOf(strategy);
      await strategy.revoke(accessToken, { method: 'delete' });
      expect(await profileError(strategy, accessToken)).to.include({ code: '024' });
      await strategy.revoke('not-a-token', { method: 'delete' });
    });
  });

  describe('Kakao', () => {
    beforeEach(async () => {
      emulator = await startEmulator({ kakaoRefreshTokenLifetime: 20 * 86_400 });
    });

    it('rotates a refresh token in its last month: the new one works, the old one is dead', async () => {
      const strategy = kakao();
      const { refreshToken } = await tokensOf(strategy);
      const first = await strategy.refresh(refreshToken!);
      expect(first.refreshToken).to.be.a('string').and.not.equal(refreshToken);
      expect(first.refreshTokenExpiresIn).to.equal(20 * 86_400);
      const err = await rejection(strategy.refresh(refreshToken!));
      expect(err).to.be.instanceOf(KakaoTokenError).and.include({ errorCode: 'KOE322' });
      expect((await strategy.refresh(first.refreshToken!)).accessToken).to.be.a('string');
    });

    it('logs out: the token stops working and token info answers -401', async () => {
      const strategy = kakao();
      const { accessToken, profile } = await tokensOf(strategy);
      expect(await strategy.accessTokenInfo(accessToken)).to.include({ id: profile.id });
      expect(await strategy.logout(accessToken)).to.deep.equal({ id: '1376016924429759228' });
      const err = await rejection(strategy.accessTokenInfo(accessToken));
      expect(err).to.be.instanceOf(KakaoAPIError).and.include({ code: -401, status: 401 });
    });

    it('unlinks: tokens die, and the next login shows the consent screen again', async () => {
      const strategy = kakao();
      const session: Record<string, unknown> = {};
      const first = await consent(expectAction(await run(strategy, { session }), 'redirect').url, 'approve', 'kim');
      const tokens = expectAction(await run(strategy, { query: Object.fromEntries(new URL(first.location).searchParams), session }), 'success').user as Tokens;

      const again = await consent(expectAction(await run(strategy, { session: {} }), 'redirect').url, 'approve', 'kim', first.cookie);
      expect(again.page, 'a returning user goes straight back').to.equal('');

      await strategy.unlink(tokens.accessToken);
      expect(await profileError(strategy, tokens.accessToken)).to.include({ code: -401 });
      const afterUnlink = await consent(expectAction(await run(strategy, { session: {} }), 'redirect').url, 'approve', 'kim', first.cookie);
      expect(afterUnlink.page).to.include('data-action="approve"');
    });

    it('issues an ID token with the nonce for openid, which the strategy verifies', async () => {
      const { profile, params } = await tokensOf(kakao({ scope: ['openid', 'account_email'], pkce: true }));
      expect(params['id_token']).to.be.a('string');
      expect(profile.idToken).to.include({ sub: '1376016924429759228', nickname: '길동이', email: 'hong@example.com', iss: 'https://kauth.kakao.com', aud: 'kakao-test-client' });
    });

    it("with profileFrom 'id_token' makes one request to Kakao after the token: none to /v2/user/me", async () => {
      emulator.setFault('kakao', 'profile', { mode: 'hang' });
      const strategy = new KakaoStrategy(
        { clientID: 'kakao-test-client', clientSecret: 'kakao-test-secret', callbackURL: 'http://app.test/cb/kakao', ...emulator.kakao, oidc: true, profileFrom: 'id_token', timeout: 500 },
        (_at, _rt, profile, done) => done(null, profile),
      );
      const profile = expectAction((await login(strategy)).outcome, 'success').user as KakaoIdTokenProfile;
      expect(profile).to.include({ id: '1376016924429759228', displayName: '길동이' });
    });

    it('re-issues the ID token on refresh', async () => {
      const strategy = kakao({ oidc: true });
      const { refreshToken } = await tokensOf(strategy);
      expect((await strategy.refresh(refreshToken!)).idToken).to.be.a('string');
    });
  });
});
